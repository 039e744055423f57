using CnfSigner.Config;
using CnfSigner.Pki.Ca;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner ca: apps/ca.c. Signs requests into a CA database, revokes, reports status, marks expired entries.
/// Steps run in OpenSSL's order so the first failure reported is OpenSSL's.
/// </summary>
public static class CaCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        var o = CaOptions.Table.Parse(args);                                            // 1. options
        CommonOptions.CheckEngineAndProviders("ca", o, terminal.Err);
        var configPath = o.Value("config") ?? CliConfig.DefaultPath;                    // 2. config
        terminal.Err.WriteLine($"Using configuration from {configPath}");
        var ca = CaConfig.Open(CnfLoader.Load(configPath), o.Value("name") ?? o.Value("section"));
        var line = CommandLine(o);
        if (line.Status is { } serial) return CaStatus.Report(ca, serial, terminal.Err);

        var signer = ca.LoadSigner(line, terminal.In, terminal.Prompts);                // 3. CA key and certificate
        var settings = CaSettings.Resolve(ca, line);                                    // 4. settings
        var modifies = line.Requests.Count > 0 || o.Has("revoke") || o.Has("valid") || o.Has("updatedb") || line.GenCrl;
        using var db = CaDatabase.Open(ca.Required("database"), forUpdate: modifies);  // 5. the database
        var uniqueSubject = db.CheckForSigning(ca.UniqueSubject);
        var now = terminal.Clock.GetUtcNow().UtcDateTime;

        if (o.Has("updatedb")) CaMaintenance.UpdateDb(db, uniqueSubject, now, terminal.Err);
        // apps/ca.c looks default_md up after -updatedb and before everything else, even for -revoke.
        var digest = CaSettings.ResolveDigest(ca, line.Digest, signer.Key);
        if (line.Requests.Count > 0)                                                    // 6. sign and commit
            CaSigning.Run(settings.ForSigning(ca, line, digest), signer, db, uniqueSubject, now,
                terminal.In, terminal.Err, terminal.WriteBytes);
        if (line.GenCrl)                                                                // 7. the CRL
            CrlIssuer.Run(ca, new CrlOverrides(o.Value("crlexts"), o.Long("crldays"), o.Long("crlhours"), o.Long("crlsec"),
                o.Value("crl_lastupdate"), o.Value("crl_nextupdate")) { SignatureOptions = line.SignatureOptions }, signer, db, digest, now, o.Value("out"), terminal.WriteBytes);
        // -revoke and -valid share one file argument in apps/ca.c: the last of them wins.
        var revoke = o.Occurrences.LastOrDefault(x => x.Name is "revoke" or "valid");
        if (revoke.Value is { } certPath)                                               // 8. revocation
            CaMaintenance.Revoke(db, uniqueSubject, certPath, CaMaintenance.RevocationFrom(o.Occurrences), now, terminal.Err,
                validOnly: revoke.Name == "valid");
        return 0;
    }

    /// <summary>The options as a plain record for the engine; -key PHRASE is -passin pass:PHRASE.</summary>
    private static CaCommandLine CommandLine(ParsedOptions o) => new()
    {
        Status = o.Value("status"),
        KeyFile = o.Value("keyfile"),
        PassIn = o.Value("passin") ?? (o.Value("key") is { } k ? "pass:" + k : null),
        CertificateFile = o.Value("cert"),
        SelfSign = o.Has("selfsign"),
        GenCrl = o.Has("gencrl"),
        Requests = RequestPaths(o),
        InputFormat = o.Value("inform") ?? "PEM",
        OutDir = o.Value("outdir"),
        Out = o.Value("out"),
        NoText = o.Has("notext"),
        Batch = o.Has("batch"),
        CreateSerial = o.Has("create_serial"),
        RandSerial = o.Has("rand_serial"),
        PreserveDn = o.Has("preserveDN"),
        NoEmailDn = o.Has("noemailDN"),
        Subject = o.Value("subj"),
        Utf8 = o.Has("utf8"),
        Digest = o.Value("md"),
        Policy = o.Value("policy"),
        Extensions = o.Value("extensions"),
        ExtFile = o.Value("extfile"),
        StartDate = o.Value("startdate"),
        EndDate = o.Value("enddate"),
        Days = o.Long("days"),
        SignatureOptions = [.. o.Values("sigopt")],
    };

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
