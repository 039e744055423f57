using System.Text;
using Org.BouncyCastle.Asn1;
using static CnfSigner.Pki.Verify.VerifyErrors;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// crypto/x509/v3_ncons.c of OpenSSL 3.0: whether one name lies in one subtree. Each returns
/// <see cref="VerifyErrors.Ok"/>, <see cref="VerifyErrors.PermittedViolation"/> (not inside) or another error.
/// </summary>
internal static class NameMatch
{
    /// <summary>nc_dn(): the subtree's canonical encoding is a prefix of the name's.</summary>
    public static int Dn(byte[] name, byte[] subtree) =>
        subtree.Length <= name.Length && name.AsSpan(0, subtree.Length).SequenceEqual(subtree) ? Ok : PermittedViolation;

    /// <summary>nc_dns(): empty matches all; otherwise equal, or a suffix after a '.' (or the subtree starts with '.').</summary>
    public static int Dns(byte[] dns, byte[] subtree)
    {
        if (subtree.Length == 0) return Ok;
        if (dns.Length < subtree.Length) return PermittedViolation;
        var start = dns.Length - subtree.Length;
        if (start > 0 && subtree[0] != '.' && dns[start - 1] != '.') return PermittedViolation;
        return CaseEqual(subtree, dns.AsSpan(start)) ? Ok : PermittedViolation;
    }

    /// <summary>nc_email(): ".domain" matches below it, "domain" the host exactly, "local@domain" one mailbox.</summary>
    public static int Email(byte[] email, byte[] subtree)
    {
        var baseAt = Array.LastIndexOf(subtree, (byte)'@');
        var emailAt = Array.LastIndexOf(email, (byte)'@');
        if (emailAt < 0) return UnsupportedNameSyntax;
        if (baseAt < 0 && subtree.Length > 0 && subtree[0] == '.')
            return email.Length > subtree.Length && CaseEqual(subtree, email.AsSpan(email.Length - subtree.Length))
                ? Ok : PermittedViolation;
        var baseHost = 0;
        if (baseAt >= 0)
        {
            if (baseAt != 0)
            {
                if (baseAt != emailAt) return PermittedViolation;
                if (subtree.AsSpan(0, baseAt).Contains((byte)0) || email.AsSpan(0, emailAt).Contains((byte)0))
                    return UnsupportedNameSyntax;
                // the local part is compared case-sensitively
                if (!subtree.AsSpan(0, baseAt).SequenceEqual(email.AsSpan(0, emailAt))) return PermittedViolation;
            }
            baseHost = baseAt + 1;
        }
        var host = email.AsSpan(emailAt + 1);
        return host.Length == subtree.Length - baseHost && CaseEqual(subtree.AsSpan(baseHost), host) ? Ok : PermittedViolation;
    }

    /// <summary>
    /// nc_email_eai() of 3.0: an SmtpUTF8Mailbox (UTF8String) against an rfc822Name subtree converted to U-labels.
    /// 3.0 converts the whole subtree, so "local@" is taken as part of the host and a leading '.' is kept twice
    /// ("..domain"); OpenSSL 3.0.19 behaves so (checked against the binary).
    /// </summary>
    public static int EmailEai(Asn1Object? mailbox, byte[] subtree)
    {
        if (subtree.Contains((byte)0)) return UnsupportedNameSyntax;
        if (mailbox is not DerUtf8String utf8) return UnsupportedNameSyntax;
        var email = Encoding.UTF8.GetBytes(utf8.GetString());
        var at = Array.LastIndexOf(email, (byte)'@');
        if (at < 0) return UnsupportedNameSyntax;
        if (subtree.Length > 0 && subtree[0] == '.')
        {
            // char ulabel[256]: the conversion after the leading '.' gets 255 bytes including its NUL
            if (ULabel.FromALabels(subtree, 255) is not { } converted) return Unspecified;
            byte[] ulabel = [(byte)'.', .. converted];
            return email.Length > ulabel.Length && CaseEqual(ulabel, email.AsSpan(email.Length - ulabel.Length))
                ? Ok : PermittedViolation;
        }
        if (ULabel.FromALabels(subtree, 256) is not { } hostLabel) return Unspecified;
        var host = email.AsSpan(at + 1);
        return host.Length == hostLabel.Length && CaseEqual(hostLabel, host) ? Ok : PermittedViolation;
    }

    /// <summary>nc_uri() of 3.0: the host between "scheme://" and the next ':' or '/', against a host or ".domain".</summary>
    public static int Uri(byte[] uri, byte[] subtree)
    {
        var colon = Array.IndexOf(uri, (byte)':');
        if (colon < 0 || uri.Length - colon < 3 || uri[colon + 1] != '/' || uri[colon + 2] != '/')
            return UnsupportedNameSyntax;
        var hostStart = colon + 3;
        var end = Array.IndexOf(uri, (byte)':', hostStart);
        if (end < 0) end = Array.IndexOf(uri, (byte)'/', hostStart);
        var host = uri.AsSpan(hostStart, (end < 0 ? uri.Length : end) - hostStart);
        if (host.Length == 0) return UnsupportedNameSyntax;
        if (subtree.Length > 0 && subtree[0] == '.')
            return host.Length > subtree.Length && CaseEqual(subtree, host[^subtree.Length..]) ? Ok : PermittedViolation;
        return host.Length == subtree.Length && CaseEqual(subtree, host) ? Ok : PermittedViolation;
    }

    /// <summary>nc_ip(): a 4- or 16-byte address against an address and mask of twice its length.</summary>
    public static int Ip(byte[] ip, byte[] subtree)
    {
        if (ip.Length != 4 && ip.Length != 16) return UnsupportedNameSyntax;
        if (subtree.Length != 8 && subtree.Length != 32) return UnsupportedNameSyntax;
        if (ip.Length * 2 != subtree.Length) return PermittedViolation;
        for (var i = 0; i < ip.Length; i++)
        {
            var mask = subtree[ip.Length + i];
            if ((ip[i] & mask) != (subtree[i] & mask)) return PermittedViolation;
        }
        return Ok;
    }

    // v3_ncons.c ia5ncasecmp(): ASCII-only case folding, whatever the locale
    private static bool CaseEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (Lower(a[i]) != Lower(b[i])) return false;
        return true;
    }

    private static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 0x20) : c;
}
