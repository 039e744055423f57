using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>What the ca command line says for -gencrl, before the config is consulted.</summary>
public sealed record CrlOverrides(string? Extensions, long? Days, long? Hours, long? Seconds, string? LastUpdate, string? NextUpdate)
{
    /// <summary>ca -sigopt, which signs the CRL too (do_X509_CRL_sign).</summary>
    public IReadOnlyList<string> SignatureOptions { get; init; } = [];
}

/// <summary>The crlnumber file as loaded: its path, its bytes (kept as the ".old" copy) and the number they hold.</summary>
public sealed record CrlNumber(string Path, byte[] Bytes, BigInteger Value);

/// <summary>
/// apps/ca.c's -gencrl settings, resolved in its order so the first failure is OpenSSL's first failure:
/// the CRL extension section, the crlnumber file, the period until the next CRL, lastUpdate, nextUpdate.
/// </summary>
public sealed record CrlSettings(
    string? ExtensionSection,
    IReadOnlyList<CertExtension> Extensions,
    CrlNumber? Number,
    DateTime LastUpdate,
    DateTime NextUpdate)
{
    public static CrlSettings Resolve(CaConfig ca, CrlOverrides o, X509Certificate caCert, DateTime now)
    {
        var section = o.Extensions ?? ca.Get("crl_extensions");
        var extensions = section == null ? [] : BuildExtensions(ca, section, caCert);
        var number = ca.Get("crlnumber") is { } path ? LoadNumber(path) : null;

        long days = o.Days ?? 0, hours = o.Hours ?? 0, seconds = o.Seconds ?? 0;
        if (days == 0 && hours == 0 && seconds == 0)
            (days, hours) = (ConfNumber(ca.Get("default_crl_days")), ConfNumber(ca.Get("default_crl_hours")));
        if (o.NextUpdate == null && days == 0 && hours == 0 && seconds == 0)
            throw new CnfSignerException("cannot lookup how long until the next CRL is issued");

        // apps/lib/apps.c set_crl_lastupdate() / set_crl_nextupdate(): ASN1_TIME_set_string_X509() for a given
        // time; otherwise now, and now + days + hours + seconds (from now, not from a given lastUpdate).
        var last = o.LastUpdate == null ? now
            : Timestamps.ParseOption(o.LastUpdate) ?? throw new CnfSignerException("error setting CRL lastUpdate");
        var next = o.NextUpdate == null ? Offset(now, days, hours * 3600 + seconds)
            : Timestamps.ParseOption(o.NextUpdate) ?? throw new CnfSignerException("error setting CRL nextUpdate");
        return new CrlSettings(section, extensions, number, last, next);
    }

    /// <summary>
    /// X509V3_EXT_CRL_add_nconf() with the CA certificate as issuer and no subject (apps/ca.c X509V3_set_ctx(x509,
    /// NULL, NULL, crl)): so authorityKeyIdentifier = keyid takes the CA's subjectKeyIdentifier.
    /// </summary>
    private static IReadOnlyList<CertExtension> BuildExtensions(CaConfig ca, string section, X509Certificate caCert) =>
        ExtensionSource.Of(ca.Document, section, "Error checking CRL extension section")
            .Build(new ExtensionContext(caCert.CertificateStructure.SubjectPublicKeyInfo, caCert.SubjectDN, caCert));

    private static CrlNumber LoadNumber(string path)
    {
        var (value, bytes) = SerialFile.Load(path, "error while loading CRL number");
        return new CrlNumber(path, bytes, value);
    }

    /// <summary>crypto/conf/conf_lib.c NCONF_get_number_e(): the leading decimal digits (0 when none or too large).</summary>
    private static long ConfNumber(string? text)
    {
        long value = 0;
        foreach (var c in (text ?? "").TakeWhile(char.IsAsciiDigit))
        {
            if (value > (long.MaxValue - (c - '0')) / 10) return 0;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static DateTime Offset(DateTime now, long days, long seconds)
    {
        try
        {
            return now.AddDays(days).AddSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CnfSignerException("error setting CRL nextUpdate");
        }
    }
}
