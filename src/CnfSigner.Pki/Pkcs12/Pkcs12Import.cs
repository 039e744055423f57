using System.Text;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>What openssl pkcs12 without -export names: the file, the password, what to print and how.</summary>
public sealed record Pkcs12ImportRequest
{
    /// <summary>The PKCS#12 file's bytes (-in, or standard input).</summary>
    public required byte[] Data { get; init; }
    /// <summary>-passin / -password; null: asked with "Enter Import Password:".</summary>
    public string? Password { get; init; }
    /// <summary>-passout: the pass phrase for the keys written out; null: asked with "Enter PEM pass phrase:".</summary>
    public string? PassOut { get; init; }
    /// <summary>The cipher for the keys written out (-aes256, ...; AES-256-CBC by default, DES-EDE3-CBC with
    /// -legacy); null: -nodes / -noenc.</summary>
    public KeyCipher? Cipher { get; init; } = KeyCipher.Aes256Cbc;
    public bool Info { get; init; }
    public bool NoKeys { get; init; }
    public bool NoCerts { get; init; }
    public bool ClCerts { get; init; }
    public bool CaCerts { get; init; }
    public bool NoMacVerify { get; init; }
    public bool TwoPass { get; init; }
    /// <summary>-legacy: RC2 and RC4 (OpenSSL 3.0's legacy provider) may be used.</summary>
    public bool Legacy { get; init; }
}

/// <summary>
/// apps/pkcs12.c's import branch: read the PFX, print the MAC's parameters (-info), verify the MAC, then
/// dump_certs_keys_p12(): every bag as PEM with its attributes, the -info lines on standard error.
/// </summary>
public static class Pkcs12Import
{
    /// <summary>The PEM text OpenSSL writes (bytes); the -info lines and warnings go to <paramref name="stderr"/>.</summary>
    public static byte[] Run(Pkcs12ImportRequest request, IPassphraseConsole console, TextWriter stderr)
    {
        var macPassword = request.TwoPass ? Pkcs12Prompts.Ask(console, "Enter MAC Password:", verify: false) : null;
        var pfx = Pkcs12File.Parse(request.Data);
        var password = request.Password ?? Pkcs12Prompts.Ask(console, "Enter Import Password:", verify: false);
        macPassword ??= password;

        if (request.Info && pfx.Mac is { } mac)
        {
            stderr.Write($"MAC: {Names.ObjectNames.Text(mac.DigestOid)}, Iteration {mac.Iterations}\n");
            stderr.Write($"MAC length: {mac.Digest.Length}, salt length: {mac.Salt.Length}\n");
        }
        var contentPassword = Pkcs12Password.Of(password);
        if (!request.NoMacVerify)
        {
            if (pfx.Mac == null) stderr.Write("Warning: MAC is absent!\n");
            else contentPassword = VerifyMac(pfx, macPassword, request.TwoPass, contentPassword, stderr);
        }

        var dump = new Pkcs12Dump(request, contentPassword, console, stderr);
        try
        {
            dump.AuthenticatedSafe(pfx.AuthSafe);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException("Error outputting keys and certificates\n" + e.Message, 1, e);
        }
        return dump.Output;
    }

    // apps/pkcs12.c: an empty password is first tried as no password at all (NULL), then as given, then as the
    // UTF-8 of its bytes read as Latin-1 (files from OpenSSL before 1.1.0 that encoded non-ASCII wrongly).
    private static Pkcs12Password VerifyMac(Pkcs12File pfx, string macPassword, bool twoPass, Pkcs12Password content, TextWriter stderr)
    {
        if (macPassword.Length == 0 && pfx.MacMatches(Pkcs12Password.Of(null)))
            return twoPass ? content : Pkcs12Password.Of(null);
        if (pfx.MacMatches(Pkcs12Password.Of(macPassword))) return content;
        // OPENSSL_asc2uni() then OPENSSL_uni2utf8(): each byte of the password becomes a character of its own.
        var broken = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(macPassword));
        if (broken != macPassword && pfx.MacMatches(Pkcs12Password.Of(broken)))
        {
            stderr.Write("Warning: using broken algorithm\n");
            return twoPass ? content : Pkcs12Password.Of(broken);
        }
        throw new CnfSignerException("Mac verify error: invalid password?");
    }
}

/// <summary>A parsed PFX: the authenticated safe's DER and the MAC, if any.</summary>
internal sealed record Pkcs12File(byte[] AuthSafe, Pkcs12File.MacValue? Mac)
{
    public sealed record MacValue(string DigestOid, byte[] Digest, byte[] Salt, int Iterations);

    /// <summary>d2i_PKCS12_bio(): version 3, authSafe as pkcs7-data, optional MacData.</summary>
    public static Pkcs12File Parse(byte[] der)
    {
        try
        {
            var seq = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
            var content = ContentInfo.GetInstance(seq[1]);
            if (!content.ContentType.Equals(PkcsObjectIdentifiers.Data)) throw new CnfSignerException("content type not data");
            var authSafe = Asn1OctetString.GetInstance(content.Content).GetOctets();
            MacValue? mac = null;
            if (seq.Count > 2)
            {
                var m = Asn1Sequence.GetInstance(seq[2]);
                var digestInfo = DigestInfo.GetInstance(m[0]);
                var iterations = m.Count > 2 ? DerInteger.GetInstance(m[2]).IntValueExact : 1;
                mac = new MacValue(digestInfo.DigestAlgorithm.Algorithm.Id, digestInfo.Digest.GetOctets(), Asn1OctetString.GetInstance(m[1]).GetOctets(), iterations);
            }
            return new Pkcs12File(authSafe, mac);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or ArithmeticException)
        {
            throw new CnfSignerException("wrong tag\nnested asn1 error: Type=PKCS12", 1, e);
        }
    }

    /// <summary>crypto/pkcs12/p12_mutl.c PKCS12_verify_mac().</summary>
    public bool MacMatches(Pkcs12Password password)
    {
        if (Mac == null) return false;
        var digest = Pkcs12Crypto.MacDigestByOid(Mac.DigestOid)
                     ?? throw new CnfSignerException($"Mac verify error: invalid password?\nunknown digest algorithm");
        if (Mac.Iterations is < 1 or > 10_000_000) return false;
        var computed = Pkcs12Crypto.Mac(digest, password, Mac.Salt, Mac.Iterations, AuthSafe);
        return computed.AsSpan().SequenceEqual(Mac.Digest);
    }
}
