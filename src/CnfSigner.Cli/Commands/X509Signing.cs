using CnfSigner.Config;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

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

        var pass = PassphraseSource.Resolve(o.Value("passin"), terminal.In);
        var subject = o.Value("subj") is { } subj
            ? SubjectParser.Parse(subj, "x509", "subject", new NameBuilder(o.Has("utf8") ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8), terminal.Err).Build()
            : info.Subject;
        var (issuerCert, key) = Signer(o, pass);
        var serial = o.Value("set_serial") is { } s ? Serials.Parse(s, "x509")
            : issuerCert != null ? CaSerialFile.Next(o.Value("CAserial") ?? CaSerialFile.DefaultPath(o.Value("CA")!), o.Has("CAcreateserial"))
            : CertificateSigner.RandomSerial();

        var context = new ExtensionContext(info.SubjectPublicKeyInfo, subject, issuerCert) { SerialNumber = serial };
        var fromFile = ExtensionsFromFile(o, context);
        var copy = o.Value("copy_extensions") is { } c
            ? ExtensionMerge.Parse(c) ?? throw new CnfSignerException($"Invalid extension copy option: \"{c}\"")
            : CopyExtensions.None;
        var merged = ExtensionMerge.RequestFirst(fromFile, ExtensionMerge.FromRequest(request), copy);
        var extensions = ExtensionBuilder.WithDefaultKeyIdentifiers(merged, context);

        var now = terminal.Clock.GetUtcNow().UtcDateTime;
        var digest = CliConfig.DigestFromOptions(X509Options.Table, o) ?? Digests.Default;
        var certificate = CertificateSigner.Sign(new CertificateTemplate(serial, issuerCert?.SubjectDN ?? subject, subject, now,
            Timestamps.AddDays(now, o.Long("days") ?? 30), info.SubjectPublicKeyInfo,
            extensions.Count > 0 ? ExtensionBuilder.ToX509Extensions(extensions) : null, digest) { Version3 = merged.Count > 0 }, key.Private);
        return certificate.GetEncoded();
    }

    private static (X509Certificate? Issuer, PrivateKey Key) Signer(ParsedOptions o, string? pass)
    {
        if (o.Value("CA") is not { } caPath)
        {
            var keyPath = o.Value("signkey") ?? o.Value("key") ?? throw new CnfSignerException("x509: We need a private key to sign with, use -key or -CA");
            return (null, KeyReader.LoadPrivateKey(keyPath, pass));
        }
        var ca = CertificateFiles.Load(caPath, "CA certificate");
        var caKey = KeyReader.LoadPrivateKey(o.Value("CAkey") ?? caPath, pass, "CA private key");
        if (!KeyChecks.KeyMatches(caKey, ca.CertificateStructure.SubjectPublicKeyInfo))
            throw new CnfSignerException("CA certificate and CA private key do not match\nkey values mismatch");
        return (ca, caKey);
    }

    /// <summary>apps/x509.c: -extensions, else the extfile's default::extensions, else its "default" section.</summary>
    private static IReadOnlyList<CertExtension> ExtensionsFromFile(ParsedOptions o, ExtensionContext context)
    {
        if (o.Value("extfile") is not { } path) return [];
        var file = CnfLoader.Load(path);
        var section = o.Value("extensions") ?? file.GetString("default", "extensions") ?? "default";
        var entries = file.GetSection(section)
            ?? throw new CnfSignerException($"Error checking extension section {section}");
        try
        {
            return ExtensionBuilder.Build(entries, file.GetSection, context, section);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"Error checking extension section {section}\n{e.Message}");
        }
    }
}
