using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner req: apps/req.c. New requests and certificates (self-signed or -CA) from a config's [req] section,
/// -subj and -addext; reading, verifying and printing existing requests. The steps follow req_main(); files are
/// written only once every step has succeeded (OpenSSL writes -keyout before the subject is even built).
/// </summary>
public static class ReqCommand
{
    /// <summary>What the options and the config decided, before any key or request is read.</summary>
    private sealed record Plan(ParsedOptions O, ReqSettings Settings, CnfDocument Config, BigInteger? Serial, bool X509,
        bool NewRequest, string? PassIn, string? PassOut);

    public static int Run(string[] args, Terminal terminal)
    {
        var p = MakePlan(args, terminal);
        var o = p.O;
        var files = new PendingOutput();
        var key = OwnKey(p, files, terminal);
        var subject = o.Value("subj") is { } subj
            ? SubjectParser.Parse(subj, "req", "subject", p.Settings.NewNameBuilder(), terminal.Err).Build()
            : null;
        var request = p.NewRequest ? null
            : RequestFiles.Load(o.Value("in"), Format(o.Value("inform")) ?? "PEM", terminal.In, "X509 request");
        var issuer = Issuer(o, p.PassIn, terminal);

        X509Certificate? certificate = null;
        MadeRequest? made = null;
        if (p.NewRequest || p.X509)
        {
            if (issuer == null && key == null)
                throw new CnfSignerException("Must provide a signature key using -key or provide -CA / -CAkey");
            if (p.X509) certificate = Certify(p, request, subject, key, issuer ?? new Signer(key!, null), terminal);
            else made = RequestMaker.Make(subject, key!, p.Settings, p.Config, terminal.In, terminal.Err);
        }
        else if (subject != null) request = RequestMaker.WithSubject(request!, subject);
        request = made?.Request ?? request;

        // A new request for -x509 is never signed (apps/req.c), so it cannot verify.
        if (o.Has("verify")) Verify(request, key, terminal);
        ReqOutputs.Write(o, made ?? (request == null ? null : new MadeRequest(request, request.GetEncoded(), request.GetCertificationRequestInfo().Subject)),
            certificate, files);
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
        var serial = o.Value("set_serial") is { } s
            ? SerialFile.ParseOption(s) ?? throw new CnfSignerException("req: Use -help for summary.")
            : null;
        if (AddExtensions.FirstDuplicate(o.Values("addext")) is { } duplicate)
            throw new CnfSignerException($"Duplicate extension: {duplicate}\nreq: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders("req", o);
        // Signature, verification and key-generation parameters would change what is made; refuse rather than ignore.
        foreach (var name in new[] { "sigopt", "vfyopt", "pkeyopt", "keygen_engine" })
            if (o.Has(name)) throw new CnfSignerException($"req: -{name} is not supported by cnfsigner");
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
            o.Value("newkey"), o.Value("copy_extensions")));
        return new Plan(o, settings, config, serial, x509, newRequest,
            passIn ?? settings.InputPassword, passOut ?? settings.OutputPassword);
    }

    /// <summary>-x509: the -in request's subject and key, else the new subject and the key; -subj replaces the subject.</summary>
    private static X509Certificate Certify(Plan p, Pkcs10CertificationRequest? request, X509Name? subject, PrivateKey? key,
        Signer signer, Terminal terminal)
    {
        var info = request?.GetCertificationRequestInfo();
        var name = subject ?? info?.Subject ?? RequestMaker.CertificateSubject(null, p.Settings, p.Config, terminal.In, terminal.Err);
        var order = new ReqCertificateOrder(name, info?.SubjectPublicKeyInfo ?? key!.PublicInfo, request,
            p.Serial ?? SerialFile.Random(), terminal.Clock.GetUtcNow().UtcDateTime, p.O.Long("days") ?? 30, p.O.Has("precert"));
        return ReqCertificate.Make(order, signer, p.Settings, p.Config, terminal.Err);
    }

    /// <summary>
    /// -key, or a new key when a new request has none; -keyout (default_keyfile for new keys) receives it, and
    /// so does standard output when a new key has nowhere else to go. "-----" follows, as in OpenSSL.
    /// </summary>
    private static PrivateKey? OwnKey(Plan p, PendingOutput files, Terminal terminal)
    {
        var keyFile = p.O.Value("key");
        var key = keyFile != null ? RequestKeys.Load(keyFile, Format(p.O.Value("keyform")), p.PassIn, terminal.Prompts)
            : p.NewRequest ? RequestKeys.Generate(p.Settings, terminal.Err)
            : null;
        if (key == null || (keyFile != null && p.Settings.KeyOut == null)) return key;
        files.Add(p.Settings.KeyOut, RequestKeys.Pem(key, p.Settings, p.PassOut, terminal.Prompts), secret: true);
        terminal.Err.Write("-----\n");
        return key;
    }

    private static Signer? Issuer(ParsedOptions o, string? passIn, Terminal terminal)
    {
        var caFile = o.Value("CA");
        if (caFile != null) return ReqCertificate.LoadCa(caFile, o.Value("CAkey"), passIn, terminal.Prompts);
        if (o.Value("CAkey") != null) terminal.Err.Write("Warning: Ignoring -CAkey option since no -CA option is given\n");
        return null;
    }

    /// <summary>
    /// apps/req.c: the -key's public key when given, else the request's own. A failed check exits 1 here
    /// (OpenSSL prints the failure and exits 0, so a script cannot tell).
    /// </summary>
    private static void Verify(Pkcs10CertificationRequest? request, PrivateKey? key, Terminal terminal)
    {
        bool ok;
        try
        {
            ok = request != null && (key == null ? SignatureCheck.Verify(request) : SignatureCheck.Verify(request, key.Public));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            ok = false;
        }
        if (!ok) throw new CnfSignerException("Certificate request self-signature verify failure");
        terminal.Err.WriteLine("Certificate request self-signature verify OK");
    }

    private static string? Format(string? value) => value == null ? null : OptionTable.ParseFormat(value);
}
