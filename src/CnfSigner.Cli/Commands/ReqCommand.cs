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
    public static int Run(string[] args, Terminal terminal)
    {
        var o = ReqOptions.Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException("req: Use -help for summary.");
        var digest = CliConfig.DigestFromOptions(ReqOptions.Table, o);
        var serial = o.Value("set_serial") is { } s ? Serials.Parse(s, "req") : null;
        CommonOptions.CheckEngineAndProviders("req", o);
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
        passIn ??= settings.InputPassword;
        passOut ??= settings.OutputPassword;

        var files = new PendingOutput();
        var key = OwnKey(o, settings, newRequest, passIn, passOut, files, terminal);
        var subject = o.Value("subj") is { } subj
            ? SubjectParser.Parse(subj, "req", "subject", settings.NewNameBuilder(), terminal.Err).Build()
            : null;
        var request = newRequest ? null
            : RequestFiles.Load(o.Value("in"), Format(o.Value("inform")) ?? "PEM", terminal.In, "X509 request");
        var issuer = Issuer(o, key, passIn, terminal);

        X509Certificate? certificate = null;
        MadeRequest? made = null;
        if (newRequest || x509)
        {
            if (issuer == null && key == null)
                throw new CnfSignerException("Must provide a signature key using -key or provide -CA / -CAkey");
            if (request == null)
            {
                made = RequestMaker.Make(subject, key!, settings, config, x509, terminal.In, terminal.Err);
                request = made.Request;
            }
            if (x509)
                certificate = RequestCertificate.Make(request, new CertificateOrder(serial ?? CertificateSigner.RandomSerial(),
                    subject, terminal.Clock.GetUtcNow().UtcDateTime, o.Long("days") ?? 30, o.Value("in") != null),
                    issuer ?? new CertificateIssuer(key!, null), settings, config, terminal.Err);
        }
        else if (subject != null) request = RequestMaker.WithSubject(request!, subject);

        if (o.Has("verify")) Verify(request!, key, terminal);
        ReqOutputs.Write(o, made ?? new MadeRequest(request!, request!.GetEncoded(), request.GetCertificationRequestInfo().Subject),
            certificate, files);
        files.Commit(terminal);
        return 0;
    }

    /// <summary>
    /// -key, or a new key when a new request has none; -keyout (default_keyfile for new keys) receives it, and
    /// so does standard output when a new key has nowhere else to go. "-----" follows, as in OpenSSL.
    /// </summary>
    private static PrivateKey? OwnKey(ParsedOptions o, ReqSettings settings, bool newRequest, string? passIn,
        string? passOut, PendingOutput files, Terminal terminal)
    {
        var keyFile = o.Value("key");
        var key = keyFile != null ? RequestKeys.Load(keyFile, Format(o.Value("keyform")), passIn)
            : newRequest ? RequestKeys.Generate(settings, terminal.Err)
            : null;
        if (key == null || (keyFile != null && settings.KeyOut == null)) return key;
        files.Add(settings.KeyOut, RequestKeys.Pem(key, settings, passOut), secret: true);
        terminal.Err.Write("-----\n");
        return key;
    }

    private static CertificateIssuer? Issuer(ParsedOptions o, PrivateKey? key, string? passIn, Terminal terminal)
    {
        var caFile = o.Value("CA");
        if (caFile != null) return CertificateIssuer.LoadCa(caFile, o.Value("CAkey"), passIn);
        if (o.Value("CAkey") != null) terminal.Err.Write("Warning: Ignoring -CAkey option since no -CA option is given\n");
        return null;
    }

    /// <summary>
    /// apps/req.c: the -key's public key when given, else the request's own. A failed check exits 1 here
    /// (OpenSSL prints the failure and exits 0, so a script cannot tell).
    /// </summary>
    private static void Verify(Pkcs10CertificationRequest request, PrivateKey? key, Terminal terminal)
    {
        bool ok;
        try
        {
            ok = key == null ? request.Verify() : request.Verify(key.Public);
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
