using System.Text;
using CnfSigner.Config;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner req: apps/req.c. New requests and self-signed certificates from a config's [req] section, -subj
/// and -addext; reading, verifying and printing existing requests.
/// </summary>
public static class ReqCommand
{
    public static int Run(string[] args, Terminal terminal)
    {
        var o = ReqOptions.Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException("req: Use -help for summary.");
        var digest = CliConfig.DigestFromOptions(ReqOptions.Table, o);
        var x509 = o.Has("x509") || o.Has("CA");
        if (o.Has("days") && !x509)
            terminal.Err.WriteLine("Ignoring -days without -x509; not generating a certificate");

        var config = CliConfig.LoadOrDefault(o.Value("config"), required: false);
        var settings = ReqSettings.Resolve(config, new ReqOverrides(
            o.Value("section"), digest, o.Value("extensions"), o.Value("reqexts"), o.Values("addext").ToList(),
            o.Has("utf8"), o.Has("batch"), o.Has("nodes") || o.Has("noenc"), o.Value("keyout"), o.Value("newkey")));
        var newRequest = o.Has("new") || o.Has("newkey") || (x509 && o.Value("in") == null);
        var (passIn, passOut) = PassphraseSource.ResolvePair(o.Value("passin"), o.Value("passout"), terminal.In);

        var key = LoadOrGenerateKey(o, settings, newRequest, passIn, passOut, terminal);
        var request = newRequest
            ? NewRequest(o, settings, config, key!, x509, terminal)
            : RequestFiles.Load(o.Value("in"), o.Value("inform") ?? "PEM", terminal.In, "X509 request");
        var certificate = x509 ? SelfSign(o, settings, config, request, key, passIn, terminal) : null;

        if (o.Has("verify") && !SignatureCheck.Verify(request))
            throw new CnfSignerException("Certificate request self-signature verify failure");
        if (o.Has("verify")) terminal.Err.WriteLine("Certificate request self-signature verify OK");

        WriteOutputs(o, request, certificate, terminal);
        return 0;
    }

    private static PrivateKey? LoadOrGenerateKey(ParsedOptions o, ReqSettings settings, bool newRequest,
        string? passIn, string? passOut, Terminal terminal)
    {
        if (o.Value("key") is { } keyPath) return KeyReader.LoadPrivateKey(keyPath, passIn);
        if (!newRequest || o.Value("in") != null) return null;

        var key = RsaKeyGenerator.Generate(settings.NewKeyBits, RsaKeyGenerator.F4);
        terminal.Err.WriteLine("-----");
        var cipher = settings.EncryptKey ? KeyCipher.Aes256Cbc : null;
        if (cipher != null && passOut == null)
            throw new CnfSignerException("Error: the new private key is to be encrypted (use -passout, or -nodes for none)");
        var pem = Encoding.ASCII.GetBytes(KeyWriter.PrivateKeyPem(key, cipher, passOut, traditional: false));
        if (settings.KeyOut != null) SafeFile.Write(settings.KeyOut, pem, secret: true);
        else terminal.WriteBytes(pem);
        return key;
    }

    private static Pkcs10CertificationRequest NewRequest(ParsedOptions o, ReqSettings settings, CnfDocument config,
        PrivateKey key, bool x509, Terminal terminal)
    {
        var (subject, attributes) = o.Value("subj") is { } subj
            ? (SubjectParser.Parse(subj, "req", "subject", settings.NewNameBuilder(), terminal.Err), [])
            : RequestNames.FromConfig(new RequestNameInput(config, settings.Section, settings.Prompt, settings.Batch,
                settings.Charset, settings.StringMask, !x509, terminal.In, terminal.Err));
        var name = subject.Build();
        var extensions = x509 ? null : settings.RequestExtensions(config, key.PublicInfo, name);
        return RequestSigner.Sign(name, key.PublicInfo, attributes, extensions, settings.Digest, key.Private);
    }

    private static X509Certificate SelfSign(ParsedOptions o, ReqSettings settings, CnfDocument config,
        Pkcs10CertificationRequest request, PrivateKey? key, string? passIn, Terminal terminal)
    {
        if (o.Value("in") != null && o.Value("copy_extensions") == null)
            terminal.Err.WriteLine("Warning: No -copy_extensions given; ignoring any extensions in the request");
        var signer = key ?? throw new CnfSignerException("req: Must provide a signature key using -key or provide -CA / -CAkey");
        var info = request.GetCertificationRequestInfo();
        var serial = o.Value("set_serial") is { } s ? Serials.Parse(s, "req") : CertificateSigner.RandomSerial();
        var now = terminal.Clock.GetUtcNow().UtcDateTime;
        var days = o.Long("days") ?? 30;
        var extensions = settings.CertificateExtensions(config, info.SubjectPublicKeyInfo, info.Subject, serial);
        return CertificateSigner.Sign(new CertificateTemplate(serial, info.Subject, info.Subject, now, now.AddDays(days),
            info.SubjectPublicKeyInfo, extensions.Extensions, settings.Digest) { Version3 = extensions.Version3 }, signer.Private);
    }

    /// <summary>apps/req.c end of main: -pubkey, -text, -subject, -modulus, then the object, all to -out.</summary>
    private static void WriteOutputs(ParsedOptions o, Pkcs10CertificationRequest request, X509Certificate? certificate, Terminal terminal)
    {
        var output = new MemoryStream();
        void Text(string s) => output.Write(Printing.Bytes(s));
        var spki = certificate?.CertificateStructure.SubjectPublicKeyInfo ?? request.GetCertificationRequestInfo().SubjectPublicKeyInfo;
        if (o.Has("pubkey")) Text(KeyWriter.PublicKeyPem(spki));
        if (o.Has("text")) Text(certificate != null ? TextDump.Certificate(certificate) : TextDump.Request(request));
        if (o.Has("subject"))
            Text("subject=" + Printing.Name(certificate?.SubjectDN ?? request.GetCertificationRequestInfo().Subject,
                Printing.NameFormat("req", o.Values("nameopt"))) + "\n");
        if (o.Has("modulus")) Text(Printing.Modulus(spki) + "\n");
        if (!o.Has("noout"))
        {
            var der = certificate?.GetEncoded() ?? request.GetEncoded();
            var label = certificate != null ? "CERTIFICATE" : o.Has("newhdr") ? "NEW CERTIFICATE REQUEST" : "CERTIFICATE REQUEST";
            output.Write(o.Value("outform") is { } f && OptionTable.ParseFormat(f) == "DER"
                ? der
                : Encoding.ASCII.GetBytes(PemBlock.Of(label, der).Encode()));
        }
        if (output.Length == 0) return;
        if (o.Value("out") is { } path) SafeFile.Write(path, output.ToArray(), secret: false);
        else terminal.WriteBytes(output.ToArray());
    }
}
