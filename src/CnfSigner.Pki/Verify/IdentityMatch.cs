using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// crypto/x509/v3_utl.c do_x509_check(): host names, e-mail addresses and IP addresses against the
/// subjectAltName, falling back to the subject's CN (hosts) or emailAddress (e-mail) when the SAN has no entry of
/// that kind. Host flags are OpenSSL's defaults (wildcards allowed, partial wildcards allowed).
/// </summary>
public static partial class IdentityMatch
{
    private const string CommonNameOid = "2.5.4.3", EmailAddressOid = "1.2.840.113549.1.9.1";

    public static bool MatchesHost(CertificateFacts x, string host)
    {
        // v3_utl.c: a leading '.' asks for any sub-domain ("_X509_CHECK_FLAG_DOT_SUBDOMAINS")
        var dotSubdomains = host.Length > 1 && host[0] == '.';
        var chk = Encoding.ASCII.GetBytes(host);
        return Check(x, GeneralName.DnsName, CommonNameOid, (p, _) => EqualWildcard(p, chk, dotSubdomains));
    }

    public static bool MatchesEmail(CertificateFacts x, string email)
    {
        var chk = Encoding.UTF8.GetBytes(email);
        return Check(x, GeneralName.Rfc822Name, EmailAddressOid, (p, _) => EqualEmail(p, chk));
    }

    public static bool MatchesIp(CertificateFacts x, byte[] address) =>
        Check(x, GeneralName.IPAddress, null, (p, _) => p.AsSpan().SequenceEqual(address));

    private static bool Check(CertificateFacts x, int kind, string? subjectOid, Func<byte[], bool, bool> equal)
    {
        var sanPresent = false;
        foreach (var name in x.AltNames ?? [])
        {
            if (name.TagNo != kind) continue;
            sanPresent = true;
            var data = kind == GeneralName.IPAddress
                ? Asn1OctetString.GetInstance(name.Name).GetOctets()
                : Encoding.UTF8.GetBytes(((IAsn1String)name.Name).GetString());
            if (data.Length > 0 && equal(data, true)) return true;
        }
        if (sanPresent || subjectOid == null) return false;
        var values = x.Subject.GetValueList(new DerObjectIdentifier(subjectOid));
        return values.Any(v => v.Length > 0 && equal(Encoding.UTF8.GetBytes(v), false));
    }

    private static bool EqualNoCase(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> subject, bool dotSubdomains)
    {
        pattern = SkipPrefix(pattern, subject.Length, dotSubdomains);
        if (pattern.Length != subject.Length) return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == 0) return false;
            if (Lower(pattern[i]) != Lower(subject[i])) return false;
        }
        return true;
    }

    private static bool EqualCase(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> subject, bool dotSubdomains)
    {
        pattern = SkipPrefix(pattern, subject.Length, dotSubdomains);
        return pattern.SequenceEqual(subject);
    }

    // v3_utl.c skip_prefix(): with a ".example.com" subject, compare only an equal-length suffix of the pattern
    private static ReadOnlySpan<byte> SkipPrefix(ReadOnlySpan<byte> pattern, int subjectLength, bool dotSubdomains)
    {
        if (!dotSubdomains) return pattern;
        var p = pattern;
        while (p.Length > subjectLength && p[0] != 0) p = p[1..];
        return p.Length == subjectLength ? p : pattern;
    }

    // v3_utl.c equal_email(): domain part case-insensitive, local part exact
    private static bool EqualEmail(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return false;
        var i = a.Length;
        while (i > 0)
        {
            --i;
            if (a[i] == '@' || b[i] == '@')
            {
                if (!EqualNoCase(a.AsSpan(i), b.AsSpan(i), false)) return false;
                break;
            }
        }
        if (i == 0) i = a.Length;
        return EqualCase(a.AsSpan(0, i), b.AsSpan(0, i), false);
    }

    private static bool EqualWildcard(byte[] pattern, byte[] subject, bool dotSubdomains)
    {
        var star = subject.Length > 1 && subject[0] == '.' ? -1 : ValidStar(pattern);
        if (star < 0) return EqualNoCase(pattern, subject, dotSubdomains);
        return WildcardMatch(pattern.AsSpan(0, star), pattern.AsSpan(star + 1), subject, dotSubdomains);
    }

    // v3_utl.c valid_star(): one '*' in the first label, not in an IDNA label, at least two dots after it
    private static int ValidStar(byte[] p)
    {
        const int labelStart = 1, labelIdna = 2, labelHyphen = 4;
        int star = -1, state = labelStart, dots = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*')
            {
                var atStart = (state & labelStart) != 0;
                var atEnd = i == p.Length - 1 || p[i + 1] == '.';
                if (star >= 0 || (state & labelIdna) != 0 || dots > 0) return -1;
                if (!atStart && !atEnd) return -1;
                star = i;
                state &= ~labelStart;
            }
            else if (char.IsAsciiLetterOrDigit((char)c))
            {
                if ((state & labelStart) != 0 && p.Length - i >= 4 && IsIdnaPrefix(p.AsSpan(i))) state |= labelIdna;
                state &= ~(labelHyphen | labelStart);
            }
            else if (c == '.')
            {
                if ((state & (labelHyphen | labelStart)) != 0) return -1;
                state = labelStart;
                ++dots;
            }
            else if (c == '-')
            {
                if ((state & labelStart) != 0) return -1;
                state |= labelHyphen;
            }
            else return -1;
        }
        return (state & (labelStart | labelHyphen)) != 0 || dots < 2 ? -1 : star;
    }

    // v3_utl.c wildcard_match()
    private static bool WildcardMatch(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix, byte[] subject, bool dotSubdomains)
    {
        if (subject.Length < prefix.Length + suffix.Length) return false;
        if (!EqualNoCase(prefix, subject.AsSpan(0, prefix.Length), dotSubdomains)) return false;
        int wildcardStart = prefix.Length, wildcardEnd = subject.Length - suffix.Length;
        if (!EqualNoCase(subject.AsSpan(wildcardEnd), suffix, dotSubdomains)) return false;
        var allowIdna = false;
        if (prefix.Length == 0 && suffix.Length > 0 && suffix[0] == '.')
        {
            if (wildcardStart == wildcardEnd) return false;
            allowIdna = true;
        }
        if (!allowIdna && subject.Length >= 4 && IsIdnaPrefix(subject)) return false;
        if (wildcardEnd == wildcardStart + 1 && subject[wildcardStart] == '*') return true;
        for (var i = wildcardStart; i < wildcardEnd; i++)
            if (!char.IsAsciiLetterOrDigit((char)subject[i]) && subject[i] != '-') return false;
        return true;
    }

    private static bool IsIdnaPrefix(ReadOnlySpan<byte> s) =>
        Lower(s[0]) == 'x' && Lower(s[1]) == 'n' && s[2] == '-' && s[3] == '-';

    private static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 32) : c;

    /// <summary>crypto/x509/v3_utl.c a2i_ipadd(): dotted IPv4 (sscanf "%d.%d.%d.%d") or IPv6; null when invalid.</summary>
    public static byte[]? ParseIpAddress(string text)
    {
        if (text.Contains(':'))
        {
            if (text.Contains('%') || text.Contains('[')) return null;
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6.GetAddressBytes() : null;
        }
        var m = Ipv4().Match(text);
        if (!m.Success) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(m.Groups[i + 1].Value, out var part) || part is < 0 or > 255) return null;
            bytes[i] = (byte)part;
        }
        return bytes;
    }

    [GeneratedRegex(@"^\s*([+-]?\d+)\.\s*([+-]?\d+)\.\s*([+-]?\d+)\.\s*([+-]?\d+)")]
    private static partial Regex Ipv4();
}
