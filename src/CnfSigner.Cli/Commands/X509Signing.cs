using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// The signing side of apps/x509.c: -req turns a request into a certificate, signed by itself (-signkey/-key)
/// or by a CA (-CA, -CAkey, -CAserial, -CAcreateserial), with -days, -set_serial, -subj, -extfile/-extensions
/// and -copy_extensions. The result goes through x509's usual printing.
/// </summary>
internal static class X509Signing
{
    public static readonly string[] Options = ["req", "signkey", "key", "CA"];

    public static byte[] Sign(ParsedOptions o, Terminal terminal)
    {
        if (!o.Has("req")) throw new CnfSignerException("x509: re-signing a certificate is not supported: use -req with a request");
        var request = RequestFiles.Load(o.Value("in"), OptionTable.ParseFormat(o.Value("inform") ?? "PEM") ?? "PEM", terminal.In, "certificate request input");
        if (!SignatureCheck.Verify(request)) throw new CnfSignerException("Certificate request self-signature did not match the contents");
        terminal.Err.WriteLine("Certificate request self-signature ok");
        var info = request.GetCertificationRequestInfo();
        terminal.Err.WriteLine("subject=" + Printing.Name(info.Subject, Printing.NameFormat("x509", o.Values("nameopt"))));

        var line = new X509ReqCommandLine
        {
            PassIn = PassphraseSource.Resolve(o.Value("passin"), terminal.In),
            Prompts = terminal.Prompts,
            Subject = o.Value("subj") is { } subj
                ? SubjectParser.Parse(subj, "x509", "subject",
                    new NameBuilder(o.Has("utf8") ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8), terminal.Err).Build()
                : null,
            SignKey = o.Value("signkey") ?? o.Value("key"),
            CaFile = o.Value("CA"),
            CaKeyFile = o.Value("CAkey"),
            CaSerial = o.Value("CAserial"),
            CaCreateSerial = o.Has("CAcreateserial"),
            Serial = o.Value("set_serial") is { } s
                ? SerialFile.ParseOption(s) ?? throw new CnfSignerException("x509: Use -help for summary.")
                : null,
            ExtFile = o.Value("extfile"),
            Extensions = o.Value("extensions"),
            CopyExtensions = o.Value("copy_extensions"),
            Days = o.Long("days"),
            Digest = CliConfig.DigestFromOptions(X509Options.Table, o) ?? Digests.Default,
        };
        return X509ReqSigning.Sign(request, line, terminal.Clock.GetUtcNow().UtcDateTime).GetEncoded();
    }
}
