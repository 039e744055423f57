using CnfSigner.Pki.Names;
using CnfSigner.Pki.Verify;

namespace CnfSigner.Cli.Commands;

/// <summary>`cnfsigner verify`: apps/verify.c of OpenSSL 3.0 over <see cref="ChainVerifier"/>.</summary>
public static class VerifyCommand
{
    // Options OpenSSL has but CnfSigner does not implement: refused rather than silently ignored.
    private static readonly string[] Unsupported =
    [
        "crl_download", "extended_crl", "use_deltas",
    ];

    private static readonly OptionTable Table = new("verify", "[options] [cert...]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        new OptionSpec("verbose", OptionKind.Flag, "Print extra information about the operations being performed."),
        new OptionSpec("nameopt", OptionKind.Value, "Certificate subject/issuer name printing options"),
        OptionSpec.Section("Certificate chain options:"),
        new OptionSpec("trusted", OptionKind.InFile, "A file of trusted certificates"),
        new OptionSpec("CAfile", OptionKind.InFile, "A file of trusted certificates"),
        new OptionSpec("CApath", OptionKind.Dir, "A directory of files with trusted certificates"),
        new OptionSpec("CAstore", OptionKind.Value, "URI to a store of trusted certificates", "uri"),
        new OptionSpec("no-CAfile", OptionKind.Flag, "Do not load the default trusted certificates file"),
        new OptionSpec("no-CApath", OptionKind.Flag, "Do not load trusted certificates from the default directory"),
        new OptionSpec("no-CAstore", OptionKind.Flag, "Do not load trusted certificates from the default certificates store"),
        new OptionSpec("untrusted", OptionKind.InFile, "A file of untrusted certificates"),
        new OptionSpec("CRLfile", OptionKind.InFile, "File containing one or more CRL's (in PEM format) to load"),
        new OptionSpec("crl_download", OptionKind.Flag, "Try downloading CRL information for certificates via their CDP entries"),
        new OptionSpec("show_chain", OptionKind.Flag, "Display information about the certificate chain"),
        OptionSpec.Section("Validation options:"),
        new OptionSpec("policy", OptionKind.Value, "adds policy to the acceptable policy set"),
        new OptionSpec("purpose", OptionKind.Value, "certificate chain purpose"),
        new OptionSpec("verify_name", OptionKind.Value, "verification policy name"),
        new OptionSpec("verify_depth", OptionKind.Int, "chain depth limit"),
        new OptionSpec("auth_level", OptionKind.Int, "chain authentication security level"),
        new OptionSpec("attime", OptionKind.IntMax, "verification epoch time"),
        new OptionSpec("verify_hostname", OptionKind.Value, "expected peer hostname"),
        new OptionSpec("verify_email", OptionKind.Value, "expected peer email"),
        new OptionSpec("verify_ip", OptionKind.Value, "expected peer IP address"),
        new OptionSpec("ignore_critical", OptionKind.Flag, "permit unhandled critical extensions"),
        new OptionSpec("issuer_checks", OptionKind.Flag, "(deprecated)"),
        new OptionSpec("crl_check", OptionKind.Flag, "check leaf certificate revocation"),
        new OptionSpec("crl_check_all", OptionKind.Flag, "check full chain revocation"),
        new OptionSpec("policy_check", OptionKind.Flag, "perform rfc5280 policy checks"),
        new OptionSpec("explicit_policy", OptionKind.Flag, "set policy variable require-explicit-policy"),
        new OptionSpec("inhibit_any", OptionKind.Flag, "set policy variable inhibit-any-policy"),
        new OptionSpec("inhibit_map", OptionKind.Flag, "set policy variable inhibit-policy-mapping"),
        new OptionSpec("x509_strict", OptionKind.Flag, "disable certificate compatibility work-arounds"),
        new OptionSpec("extended_crl", OptionKind.Flag, "enable extended CRL features"),
        new OptionSpec("use_deltas", OptionKind.Flag, "use delta CRLs"),
        new OptionSpec("policy_print", OptionKind.Flag, "print policy processing diagnostics"),
        new OptionSpec("check_ss_sig", OptionKind.Flag, "check root CA self-signatures"),
        new OptionSpec("trusted_first", OptionKind.Flag, "search trust store first (default)"),
        new OptionSpec("suiteB_128_only", OptionKind.Flag, "Suite B 128-bit-only mode"),
        new OptionSpec("suiteB_128", OptionKind.Flag, "Suite B 128-bit mode allowing 192-bit algorithms"),
        new OptionSpec("suiteB_192", OptionKind.Flag, "Suite B 192-bit-only mode"),
        new OptionSpec("partial_chain", OptionKind.Flag, "accept chains anchored by intermediate trust-store CAs"),
        new OptionSpec("no_alt_chains", OptionKind.Flag, "(deprecated)"),
        new OptionSpec("no_check_time", OptionKind.Flag, "ignore certificate validity time"),
        new OptionSpec("allow_proxy_certs", OptionKind.Flag, "allow the use of proxy certificates"),
        new OptionSpec("vfyopt", OptionKind.Value, "Verification parameter in n:v form"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Parameter("cert", "Certificate(s) to verify (optional; stdin used otherwise)"))
    {
        Hidden = Unsupported,
        HelpFooter = "\nRecognized certificate chain purposes:\n"
                     + string.Concat(Purposes.All.Select(p => $"  {p.ShortName,-15}  {p.Name}\n"))
                     + "Recognized certificate policy names:\n  default\n  pkcs7\n  smime_sign\n  ssl_client\n  ssl_server\n",
    };

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        // apps/verify.c is the one app where an engine that fails to load ends the run (exit 1).
        if (!CommonOptions.CheckEngineAndProviders("verify", options, terminal.Err)) return 1;
        var verifyOptions = ReadVerifyOptions(options);
        if (options.Has("trusted") && (options.Has("CAfile") || options.Has("CApath") || options.Has("CAstore")))
            throw new CnfSignerException("verify: Cannot use -trusted with -CAfile, -CApath or -CAstore");

        var line = new VerifyCommandLine(verifyOptions, Printing.NameFormat("verify", options.Values("nameopt")))
        {
            CaFile = options.Value("CAfile"),
            NoCaFile = options.Has("no-CAfile"),
            CaPath = options.Value("CApath"),
            NoCaPath = options.Has("no-CApath"),
            CaStore = options.Value("CAstore"),
            NoCaStore = options.Has("no-CAstore"),
            Untrusted = options.Values("untrusted").ToList(),
            Trusted = options.Values("trusted").ToList(),
            CrlFiles = options.Values("CRLfile").ToList(),
            VerifyParameters = options.Values("vfyopt").ToList(),
            ShowChain = options.Has("show_chain"),
            Files = options.Positionals,
        };
        return VerifyRun.Run(line, terminal.Clock.GetUtcNow(), terminal.In, terminal.Write, terminal.Err) ? 0 : 2;
    }

    // apps/lib/opts.c opt_verify(): the validation options; unsupported ones are refused
    private static VerifyOptions ReadVerifyOptions(ParsedOptions options)
    {
        if (Unsupported.FirstOrDefault(options.Has) is { } name)
            throw new CnfSignerException($"verify: Option -{name} is not supported by cnfsigner");
        Purpose? purpose = null;
        if (options.Value("purpose") is { } purposeName)
            purpose = Purposes.Find(purposeName) ?? throw new CnfSignerException($"verify: Invalid purpose {purposeName}");
        byte[]? ip = null;
        // opt_verify() fails silently (rc 1) when X509_VERIFY_PARAM_set1_ip_asc() rejects the address; we say why
        if (options.Value("verify_ip") is { } ipText) ip = IdentityMatch.ParseIpAddress(ipText)
            ?? throw new CnfSignerException($"verify: Invalid IP address {ipText}");
        var depth = options.Long("verify_depth");
        var (namedPurpose, trust) = VerifyName(options.Value("verify_name"));
        return new VerifyOptions
        {
            Purpose = purpose ?? namedPurpose,
            Trust = trust,
            AuthLevel = options.Long("auth_level") is { } level ? (int)Math.Clamp(level, int.MinValue, int.MaxValue) : -1,
            CheckSelfSignature = options.Has("check_ss_sig"),
            // opt_verify() ORs the X509_V_FLAG_SUITEB_* flags together
            SuiteB = (options.Has("suiteB_128_only") ? SuiteB.Los128Only : SuiteB.None)
                     | (options.Has("suiteB_192") ? SuiteB.Los192 : SuiteB.None)
                     | (options.Has("suiteB_128") ? SuiteB.Los128 : SuiteB.None),
            Hostname = options.Value("verify_hostname"),
            Email = options.Value("verify_email"),
            IpAddress = ip,
            AtTime = options.Long("attime") is { } at ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(at, -62135596800, 253402300799)) : null,
            NoCheckTime = options.Has("no_check_time"),
            CrlCheck = options.Has("crl_check") || options.Has("crl_check_all"),
            CrlCheckAll = options.Has("crl_check_all"),
            PartialChain = options.Has("partial_chain"),
            X509Strict = options.Has("x509_strict"),
            IgnoreCritical = options.Has("ignore_critical"),
            Depth = depth is >= 0 and <= int.MaxValue / 2 ? (int)depth : 100,
            Policies = options.Values("policy").Select(PolicyOid).ToList(),
            PolicyCheck = options.Has("policy_check"),
            ExplicitPolicy = options.Has("explicit_policy"),
            InhibitAny = options.Has("inhibit_any"),
            InhibitMap = options.Has("inhibit_map"),
            NotifyPolicy = options.Has("policy_print"),
            AllowProxyCerts = options.Has("allow_proxy_certs"),
            ContinueAfter = e => VerifyOptions.ToleratedByVerifyApp.Contains(e.Code),
        };
    }

    /// <summary>
    /// -verify_name: crypto/x509/x509_vpm.c default_table[], whose purpose applies when -purpose is not given and
    /// whose trust setting stays either way.
    /// </summary>
    private static (Purpose? Purpose, AuxTrust? Trust) VerifyName(string? name) => name switch
    {
        null or "default" => (null, null),
        "pkcs7" or "smime_sign" => (Purposes.Find("smimesign"), AuxTrust.Email),
        "ssl_client" => (Purposes.Find("sslclient"), AuxTrust.SslClient),
        "ssl_server" => (Purposes.Find("sslserver"), AuxTrust.SslServer),
        _ => throw new CnfSignerException($"verify: Invalid verify name {name}"),
    };

    // opt_verify(): OBJ_txt2obj(arg, 0) takes a short name, a long name or a dotted OID
    private static string PolicyOid(string text) => VerifyOptions.PolicyOid(text)
        ?? throw new CnfSignerException($"verify: Invalid Policy {text}");
}
