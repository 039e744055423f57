using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Ca;

/// <summary>What the ca command line says, before the config is consulted (apps/ca.c's options).</summary>
public sealed record CaCommandLine
{
    /// <summary>-sigopt, in order: applied to every certificate and CRL the run signs.</summary>
    public IReadOnlyList<string> SignatureOptions { get; init; } = [];
    public string? Status { get; init; }
    public string? KeyFile { get; init; }
    /// <summary>-passin, as a pass phrase source (pass:, env:, file:, fd:, stdin).</summary>
    public string? PassIn { get; init; }
    public string? CertificateFile { get; init; }
    public bool SelfSign { get; init; }
    public bool GenCrl { get; init; }
    public IReadOnlyList<string> Requests { get; init; } = [];
    public string InputFormat { get; init; } = "PEM";
    public string? OutDir { get; init; }
    public string? Out { get; init; }
    public bool NoText { get; init; }
    public bool Batch { get; init; }
    public bool CreateSerial { get; init; }
    public bool RandSerial { get; init; }
    public bool PreserveDn { get; init; }
    public bool NoEmailDn { get; init; }
    public string? Subject { get; init; }
    public bool Utf8 { get; init; }
    public string? Digest { get; init; }
    public string? Policy { get; init; }
    public string? Extensions { get; init; }
    public string? ExtFile { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public long? Days { get; init; }
}

/// <summary>
/// ca's settings that apps/ca.c resolves before it opens the database: preserve, name_opt and cert_opt, copy_extensions,
/// and the output directory when there are requests; then <see cref="ForSigning"/> resolves the rest.
/// </summary>
/// <param name="Details">How "Certificate Details:" shows each certificate before it is signed, when name_opt or
/// cert_opt is set; null: the "Subject's Distinguished Name" listing (apps/ca.c default_op).</param>
public sealed record CaSettings(bool Preserve, TextDumpOptions? Details, CopyExtensions Copy, string? OutDir)
{
    /// <summary>Before the database: preserve, name_opt, cert_opt, copy_extensions, new_certs_dir when there are requests.</summary>
    public static CaSettings Resolve(CaConfig ca, CaCommandLine line)
    {
        var preserve = line.PreserveDn || ca.GetBase("preserve") is ['y' or 'Y', ..];
        var details = DetailsOptions(ca.Get("name_opt"), ca.Get("cert_opt"));
        var copy = ca.Get("copy_extensions") is { } text ? ExtensionCopy.ParseMode(text) : CopyExtensions.None;
        var outDir = line.Requests.Count > 0
            ? line.OutDir ?? ca.Get("new_certs_dir") ?? throw new CnfSignerException(
                $"there needs to be defined a directory for new certificate to be placed in\nno value: group={ca.Section} name=new_certs_dir")
            : null;
        return new CaSettings(preserve, details, copy, outDir);
    }

    /// <summary>
    /// apps/ca.c: name_opt (set_nameopt from nothing; oneline when unset) and cert_opt (set_cert_ex from nothing);
    /// do_body() prints with X509_FLAG_NO_SIGDUMP | X509_FLAG_NO_SIGNAME, there being no signature yet.
    /// </summary>
    private static TextDumpOptions? DetailsOptions(string? nameOpt, string? certOpt)
    {
        var names = nameOpt == null ? (NameFormat?)null
            : NameOptions.Apply(0, nameOpt) ?? throw new CnfSignerException($"Invalid name options: \"{nameOpt}\"");
        var flags = certOpt == null ? (CertPrintFlags?)null
            : CertOptions.Apply(0, certOpt) ?? throw new CnfSignerException($"Invalid certificate options: \"{certOpt}\"");
        if (names == null && flags == null) return null;
        return new TextDumpOptions(names ?? NameFormat.Oneline, (flags ?? 0) | CertPrintFlags.NoSigDump | CertPrintFlags.NoSigName);
    }

    /// <summary>
    /// -md, else default_md (required); the name must be a digest cnfsigner can sign with. A key that signs
    /// without a digest (Ed25519, Ed448) skips both: apps/ca.c neither looks default_md up nor checks -md then.
    /// </summary>
    public static string ResolveDigest(CaConfig ca, string? option, PrivateKey key)
    {
        if (Digests.TakesNoDigest(key)) return "default";
        var md = option ?? ca.Required("default_md");
        return Digests.IsKnown(md) ? md : throw new CnfSignerException($"{md} is an unsupported message digest type");
    }

    /// <summary>
    /// Once the database is open and the digest known, in apps/ca.c's order: email_in_dn, policy, serial /
    /// rand_serial, the extension section, dates, days, then the serial number and the policy section.
    /// </summary>
    public SigningSettings ForSigning(CaConfig ca, CaCommandLine line, string digest)
    {
        var emailInDn = !line.NoEmailDn && ca.Get("email_in_dn") != "no";
        var policyName = line.Policy ?? ca.Required("policy");
        var random = line.RandSerial || ca.Get("rand_serial") != null;
        var serialPath = random ? null : ca.Required("serial");
        var extensions = ExtensionSection(ca, line);
        var start = Date(line.StartDate ?? ca.Get("default_startdate"), "start");
        var end = Date(line.EndDate ?? ca.Get("default_enddate"), "end");
        var days = line.Days ?? (long.TryParse(ca.Get("default_days"), out var d) ? d : 0);
        if (end == null && days == 0) throw new CnfSignerException("cannot lookup how many days to certify for");
        var serial = serialPath == null ? SerialFile.Random() : SerialFile.LoadForSigning(serialPath, line.CreateSerial);
        var policy = ca.Document.GetSection(policyName) ?? throw new CnfSignerException($"unable to find 'section' for {policyName}");
        return new SigningSettings(this, line, digest, emailInDn, policy, serialPath, serial, extensions, start, end, days);
    }

    /// <summary>-extfile FILE (a missing section adds nothing, as OpenSSL), else -extensions or x509_extensions.</summary>
    private static ExtensionSource? ExtensionSection(CaConfig ca, CaCommandLine line)
    {
        const string header = "Error checking certificate extension config section";
        if (line.ExtFile != null)
        {
            var (file, section) = ExtensionSource.ExtFile(line.ExtFile, line.Extensions);
            return ExtensionSource.Of(file, section, header, missingIsEmpty: true);
        }
        var name = line.Extensions ?? ca.Get("x509_extensions");
        return name == null ? null : ExtensionSource.Of(ca.Document, name, header);
    }

    private static DateTime? Date(string? text, string which)
    {
        if (text == null || (which == "start" && text == "today")) return null;
        return Timestamps.ParseOption(text)
            ?? throw new CnfSignerException($"{which} date is invalid, it should be YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ");
    }
}

/// <summary>Everything signing requests needs, resolved once by <see cref="CaSettings.ForSigning"/>.</summary>
public sealed record SigningSettings(
    CaSettings Ca,
    CaCommandLine Line,
    string Digest,
    bool EmailInDn,
    IReadOnlyList<KeyValuePair<string, string>> Policy,
    string? SerialPath,
    BigInteger FirstSerial,
    ExtensionSource? Extensions,
    DateTime? StartDate,
    DateTime? EndDate,
    long Days);
