using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Requests;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner req: apps/req.c. New requests and certificates (self-signed or -CA) from a config's [req] section,
/// -subj and -addext; reading, verifying and printing existing requests. The steps follow req_main(); files are
/// written only once every step has succeeded (OpenSSL writes -keyout before the subject is even built).
/// </summary>
public static class ReqCommand
{
    /// <summary>What the options and the config decided, before any key or request is read.</summary>
    private sealed record Plan(ReqCommandLine Line, ReqSettings Settings, CnfDocument Config);

    public static int Run(string[] args, Terminal terminal)
    {
        var p = MakePlan(args, terminal);
        var files = new PendingOutput();
        foreach (var output in ReqRun.Run(p.Line, p.Settings, p.Config, terminal.Clock.GetUtcNow().UtcDateTime, terminal.In, terminal.Err))
            files.Add(output.Path, output.Bytes, output.Secret);
        files.Commit(terminal);
        return 0;
    }

    /// <summary>apps/req.c up to the key: options, their notices, pass phrases, the config and the settings.</summary>
    private static Plan MakePlan(string[] args, Terminal terminal)
    {
        var o = ReqOptions.Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException("req: Use -help for summary.");
        var digest = CliConfig.DigestFromOptions(ReqOptions.Table, o);
        if (o.Values("set_serial").Skip(1).Any())
            throw new CnfSignerException("Serial number supplied twice\nreq: Use -help for summary.");
        if (o.Value("set_serial") is { } serial && !SerialFile.IsOption(serial))
            throw new CnfSignerException("req: Use -help for summary.");
        if (AddExtensions.FirstDuplicate(o.Values("addext")) is { } duplicate)
            throw new CnfSignerException($"Duplicate extension: {duplicate}\nreq: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders("req", o, terminal.Err);
        CommonOptions.LoadRandomFiles(o);
        var x509 = o.Has("x509") || o.Has("CA");
        if (!x509 && o.Has("days")) terminal.Err.WriteLine("Ignoring -days without -x509; not generating a certificate");
        if (!x509 && o.Value("copy_extensions") is { } copy && copy.Equals("none", StringComparison.OrdinalIgnoreCase))
            terminal.Err.WriteLine("Ignoring -copy_extensions 'none' when -x509 is not given");
        var newRequest = o.Has("new") || o.Has("newkey") || o.Has("precert") || (x509 && o.Value("in") == null);

        var (passIn, passOut) = PassphraseSource.ResolvePair(o.Value("passin"), o.Value("passout"), terminal.In);
        var config = CliConfig.LoadOrDefault(o.Value("config"), required: false);
        var settings = ReqSettings.Resolve(config, new ReqOverrides(
            o.Value("section"), digest, o.Value("extensions"), o.Value("reqexts"), o.Values("addext").ToList(),
            o.Has("utf8"), o.Has("batch"), o.Has("nodes") || o.Has("noenc"), o.Value("keyout"), o.Value("key"),
            o.Value("newkey"), o.Value("copy_extensions"))) with { SignatureOptions = [.. o.Values("sigopt")] };
        var line = new ReqCommandLine
        {
            NewRequest = newRequest,
            X509 = x509,
            Subject = o.Value("subj"),
            KeyFile = o.Value("key"),
            KeyForm = Format(o.Value("keyform")),
            InFile = o.Value("in"),
            InForm = Format(o.Value("inform")) ?? "PEM",
            CaFile = o.Value("CA"),
            CaKeyFile = o.Value("CAkey"),
            Serial = o.Value("set_serial"),
            Days = o.Long("days"),
            Precert = o.Has("precert"),
            Verify = o.Has("verify"),
            VerifyOptions = [.. o.Values("vfyopt")],
            KeyOptions = o.Values("pkeyopt").ToList(),
            PassIn = passIn ?? settings.InputPassword,
            PassOut = passOut ?? settings.OutputPassword,
            Prompts = terminal.Prompts,
            Print = new ReqPrintOptions(o.Has("pubkey"), o.Has("text"), o.Has("subject"), o.Has("modulus"), o.Has("noout"),
                o.Has("newhdr"), Format(o.Value("outform")) == "DER", Printing.NameFormat("req", o.Values("nameopt")), o.Value("out"))
                { Flags = Printing.CertFlags("req", o.Values("reqopt")) },
        };
        return new Plan(line, settings, config);
    }

    private static string? Format(string? value) => value == null ? null : OptionTable.ParseFormat(value);
}
