using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;

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
        var line = Line(o, terminal);
        if (!o.Has("req"))
        {
            // apps/x509.c: without -req the certificate read (-in) is signed anew.
            return X509Resigning.Run(line, () => CertificateInput.LoadCertificate(o.Value("in"), terminal.In.ReadToEnd),
                terminal.Clock.GetUtcNow(), terminal.Err);
        }
        return X509ReqSigning.Run(line, terminal.Clock.GetUtcNow().UtcDateTime, terminal.In, terminal.Err);
    }

    /// <summary>
    /// Nothing to sign with: apps/x509.c's checks and warnings before the certificate is read; -subj, -force_pubkey
    /// and -clrext then change only what is printed (null when none is given).
    /// </summary>
    public static Func<byte[], byte[]>? Display(ParsedOptions o, Terminal terminal) =>
        X509Resigning.ForPrinting(Line(o, terminal, signing: false), terminal.Err);

    /// <param name="signing">false: nothing is signed, so an unknown "-digest" is not looked up (it may be -fingerprint's)</param>
    private static X509ReqCommandLine Line(ParsedOptions o, Terminal terminal, bool signing = true)
    {
        return new X509ReqCommandLine
        {
            RequestFile = o.Value("in"),
            RequestFormat = OptionTable.ParseFormat(o.Value("inform") ?? "PEM") ?? "PEM",
            Names = Printing.NameFormat("x509", o.Values("nameopt")),
            PassIn = PassphraseSource.Resolve(o.Value("passin"), terminal.In),
            Prompts = terminal.Prompts,
            Subject = o.Value("subj"),
            Utf8 = o.Has("utf8"),
            SignKey = o.Value("signkey") ?? o.Value("key"),
            CaFile = o.Value("CA"),
            CaKeyFile = o.Value("CAkey"),
            CaSerial = o.Value("CAserial"),
            CaCreateSerial = o.Has("CAcreateserial"),
            Serial = o.Value("set_serial") is { } s && !SerialFile.IsOption(s) ? throw new CnfSignerException("x509: Use -help for summary.") : o.Value("set_serial"),
            ExtFile = o.Value("extfile"),
            Extensions = o.Value("extensions"),
            CopyExtensions = o.Value("copy_extensions"),
            Days = o.Long("days"),
            PreserveDates = o.Has("preserve_dates"),
            Digest = (signing ? CliConfig.DigestFromOptions(X509Options.Table, o) : null) ?? "default",
            SignatureOptions = [.. o.Values("sigopt")],
            ForcePublicKey = o.Value("force_pubkey"),
            ClearExtensions = o.Has("clrext"),
            ExtNames = o.Value("ext"),
            VerifyOptions = [.. o.Values("vfyopt")],
        };
    }

    /// <summary>-x509toreq: the certificate (-in) made into a request signed with -signkey/-key.</summary>
    public static X509ToRequestResult ToRequest(ParsedOptions o, Terminal terminal)
    {
        if (o.Has("req")) throw new CnfSignerException("x509: -x509toreq together with -req is not supported by cnfsigner");
        var key = o.Value("signkey") ?? o.Value("key");
        if (key != null && o.Has("CA")) throw new CnfSignerException("Cannot use both -key/-signkey and -CA option");
        var line = new X509ToRequestLine
        {
            LoadCertificate = () => CertificateInput.LoadCertificate(o.Value("in"), terminal.In.ReadToEnd),
            SignKey = key,
            PassIn = PassphraseSource.Resolve(o.Value("passin"), terminal.In),
            Prompts = terminal.Prompts,
            Subject = o.Value("subj"),
            Utf8 = o.Has("utf8"),
            ExtNames = o.Value("ext"),
            CopyExtensions = o.Value("copy_extensions"),
            ExtFile = o.Value("extfile"),
            Extensions = o.Value("extensions"),
            Serial = o.Value("set_serial") is { } s && !SerialFile.IsOption(s) ? throw new CnfSignerException("x509: Use -help for summary.") : o.Value("set_serial"),
            Days = o.Long("days"),
            Digest = CliConfig.DigestFromOptions(X509Options.Table, o) ?? "default",
            SignatureOptions = [.. o.Values("sigopt")],
            ForcePublicKey = o.Value("force_pubkey"),
            ClearExtensions = o.Has("clrext"),
        };
        return X509ToRequest.Run(line, terminal.Clock.GetUtcNow().UtcDateTime, terminal.Err);
    }
}
