using CnfSigner.Config;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner ca: apps/ca.c. Signs requests into a CA database, revokes, reports status, marks expired entries.
/// Steps run in OpenSSL's order so the first failure reported is OpenSSL's.
/// </summary>
public static class CaCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        var o = CaOptions.Table.Parse(args);
        var configPath = o.Value("config") ?? CliConfig.DefaultPath;
        terminal.Err.WriteLine($"Using configuration from {configPath}");
        var ca = CaConfig.Open(CnfLoader.Load(configPath), o.Value("name") ?? o.Value("section"));
        var configUniqueSubject = CaDatabase.ParseYesOrNo(ca.Get("unique_subject"), true);

        if (o.Value("status") is { } serial) return CaStatus.Report(ca, serial, configUniqueSubject, terminal.Err);

        var (key, caCert) = LoadCa(o, ca, terminal);
        var copy = ca.Get("copy_extensions") is { } copyText
            ? ExtensionMerge.Parse(copyText) ?? throw new CnfSignerException($"Invalid extension copy option: \"{copyText}\"")
            : CopyExtensions.None;
        var requests = RequestPaths(o);
        var outdir = requests.Count > 0
            ? o.Value("outdir") ?? ca.Get("new_certs_dir") ?? throw new CnfSignerException(
                $"there needs to be defined a directory for new certificate to be placed in\nno value: group={ca.Section} name=new_certs_dir")
            : null;

        var modifies = requests.Count > 0 || o.Has("revoke") || o.Has("valid") || o.Has("updatedb") || o.Has("gencrl");
        using var db = CaDatabase.Open(ca.Required("database"), forUpdate: modifies);
        db.CheckForSigning(db.AttrUniqueSubject ?? configUniqueSubject);
        var uniqueSubject = db.AttrUniqueSubject ?? configUniqueSubject;
        var now = terminal.Clock.GetUtcNow().UtcDateTime;

        if (o.Has("updatedb")) CaMaintenance.UpdateDb(db, uniqueSubject, now, terminal.Err);
        // apps/ca.c looks default_md up after -updatedb and before everything else, even for -revoke.
        var digest = SigningSettings.ResolveDigest(ca, o.Value("md"));
        if (requests.Count > 0) Sign(o, ca, db, key, caCert, copy, uniqueSubject, requests, outdir!, now, terminal);
        if (o.Has("gencrl"))
            CrlIssuer.Run(CrlSettings.Resolve(ca, new CrlOverrides(o.Value("crlexts"), o.Long("crldays"), o.Long("crlhours"),
                    o.Long("crlsec"), o.Value("crl_lastupdate"), o.Value("crl_nextupdate")), caCert!, now),
                db.Entries, caCert!, key, digest, o.Value("out"), terminal.WriteBytes);
        // -revoke and -valid share one file argument in apps/ca.c: the last of them wins.
        var revoke = o.Occurrences.LastOrDefault(x => x.Name is "revoke" or "valid");
        if (revoke.Value is { } certPath)
            CaMaintenance.Revoke(db, uniqueSubject, CertificateFiles.Load(certPath, "certificate to be revoked"),
                CaMaintenance.RevocationFrom(o.Occurrences), now, terminal.Err, validOnly: revoke.Name == "valid");
        return 0;
    }

    /// <summary>The CA key, and the CA certificate checked against it (not needed by -selfsign unless -gencrl).</summary>
    private static (PrivateKey Key, X509Certificate? Certificate) LoadCa(ParsedOptions o, CaConfig ca, Terminal terminal)
    {
        var pass = PassphraseSource.Resolve(o.Value("passin") ?? (o.Value("key") is { } k ? "pass:" + k : null), terminal.In);
        var key = KeyReader.LoadPrivateKey(o.Value("keyfile") ?? ca.Required("private_key"), pass, "CA private key");
        if (o.Has("selfsign") && !o.Has("gencrl")) return (key, null);
        var caCert = CertificateFiles.Load(o.Value("cert") ?? ca.Required("certificate"), "CA certificate");
        if (!KeyChecks.KeyMatches(key, caCert.CertificateStructure.SubjectPublicKeyInfo))
            throw new CnfSignerException("CA certificate and CA private key do not match\nkey values mismatch");
        return (key, caCert);
    }

    private static void Sign(ParsedOptions o, CaConfig ca, CaDatabase db, PrivateKey key, X509Certificate? caCert,
        CopyExtensions copy, bool uniqueSubject, List<string> requests, string outdir, DateTime now, Terminal terminal)
    {
        var settings = SigningSettings.Resolve(ca, new SigningOverrides(o.Value("md"), o.Value("policy"), o.Has("rand_serial"),
            o.Value("extensions"), o.Value("extfile"), o.Value("startdate"), o.Value("enddate"), o.Long("days"), o.Has("noemailDN")));
        var run = new SigningRun(ca, settings, db, key, caCert, copy, uniqueSubject, new SigningRunOptions(
            requests, o.Value("inform") ?? "PEM", outdir, o.Value("out"), o.Has("notext"), o.Has("batch"),
            o.Has("create_serial"), o.Has("preserveDN") || ca.GetBase("preserve") is ['y' or 'Y', ..],
            o.Value("subj"), o.Has("utf8")));
        run.Execute(now, terminal.In, terminal.Err, terminal.WriteBytes);
    }

    /// <summary>
    /// -in FILE (the last one wins) and, after -infiles, every remaining argument. Unlike OpenSSL, request files
    /// given without -in or -infiles are an error rather than silently ignored with exit 0.
    /// </summary>
    private static List<string> RequestPaths(ParsedOptions o)
    {
        var paths = new List<string>();
        if (o.Value("in") is { } single) paths.Add(single);
        if (o.Has("infiles")) paths.AddRange(o.Positionals);
        else if (o.Positionals.Count > 0)
            throw CaOptions.Table.UsageError($"request files must follow -in or -infiles: {string.Join(" ", o.Positionals)}");
        return paths;
    }
}
