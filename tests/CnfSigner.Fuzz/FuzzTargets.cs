using System.Text;
using CnfSigner.Config;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1.X509;
namespace CnfSigner.Fuzz;

/// <summary>
/// The readers an operator's files reach, each as one fuzz target over raw bytes. A target either accepts its input
/// or refuses it with <see cref="CnfSignerException"/>; any other exception, or a hang, is a bug in the product.
/// This file has no SharpFuzz dependency: the Cli tests link it to replay testdata/fuzz-regressions/.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All =
        new SortedDictionary<string, Action<byte[]>>(StringComparer.Ordinal)
        {
            ["cert"] = Certificate,
            ["config"] = Config,
            ["crl"] = Crl,
            ["ext"] = Extension,
            ["index"] = Index,
            ["key"] = Key,
            ["req"] = Request,
            ["serial"] = Serial,
            ["subj"] = Subject,
        };

    /// <summary>Runs one input; refusals (CnfSignerException) are normal outcomes and are swallowed.</summary>
    public static void Run(string target, byte[] data)
    {
        try
        {
            All[target](data);
        }
        catch (CnfSignerException)
        {
        }
    }

    private static string Latin1(byte[] data) => Encoding.Latin1.GetString(data);

    // CnfLoader.Load reads bytes as Latin-1 "byte strings"; Parse takes real text, so the input is UTF-8 here.
    // Environment lookups answer nothing, so $ENV:: expansion is exercised without depending on this process.
    private static void Config(byte[] data)
    {
        var doc = CnfLoader.Parse(Encoding.UTF8.GetString(data), "fuzz.cnf", _ => null);
        foreach (var section in doc.SectionNames) _ = doc.GetSection(section);
    }

    // apps/lib/apps.c parse_name(), as `req -subj` and `ca -subj` call it.
    private static void Subject(byte[] data)
    {
        var utf8 = data.Length > 0 && (data[0] & 1) == 1;
        var builder = new NameBuilder(utf8 ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8);
        var text = utf8 ? Encoding.UTF8.GetString(data) : Latin1(data);
        SubjectParser.Parse(text, "req", "subject", builder, TextWriter.Null).Build();
    }

    // First line "name = value" is the one entry of the extension section; the rest is a config whose sections
    // the value may name (@sect, dirName:sect, SEQUENCE:sect).
    private static void Extension(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var newline = text.IndexOf('\n');
        var first = newline < 0 ? text : text[..newline];
        var eq = first.IndexOf('=');
        if (eq < 0) return;
        CnfDocument? sections = null;
        try { sections = newline < 0 ? null : CnfLoader.Parse(text[(newline + 1)..], "fuzz.cnf", _ => null); }
        catch (CnfSignerException) { }
        var context = Context(data.Length % 3);
        var entry = new KeyValuePair<string, string>(first[..eq].Trim(), first[(eq + 1)..].Trim());
        var built = ExtensionBuilder.Build([entry], s => sections?.GetSection(s), context, "fuzz");
        ExtensionBuilder.ToX509Extensions(ExtensionBuilder.WithDefaultKeyIdentifiers(built, context));
    }

    private static ExtensionContext Context(int kind) => kind switch
    {
        0 => new ExtensionContext(Fixtures.PublicKey, new X509Name("CN=x"), null),
        1 => new ExtensionContext(Fixtures.PublicKey, new X509Name("CN=x"), Fixtures.Issuer),
        _ => new ExtensionContext(Fixtures.PublicKey, new X509Name("CN=x"), null) { ForRequest = true },
    };

    // Every encrypted seed uses the pass phrase "test-pass", so the decryption paths are reached.
    private static void Key(byte[] data)
    {
        KeyReader.ParsePrivateKey(data, "test-pass", "fuzz.key");
        KeyReader.ParsePublicKey(data, "test-pass", "fuzz.key");
    }

    // `ca -in` / `req -in -text`: parse, then what the commands do with a request.
    private static void Request(byte[] data)
    {
        var der = data.Length > 0 && data[0] == 0x30;
        var request = RequestFiles.Parse(data, der ? "DER" : "PEM", "certificate request");
        TextDump.Request(request.GetEncoded());
    }

    // load_cert(): the certificate loaders, then the text dump that `x509 -text` and `ca` print.
    private static void Certificate(byte[] data)
    {
        foreach (var cert in CertificateFiles.Parse(data).Certificates)
        {
            var encoded = cert.GetEncoded();
            CertificateFields.Parse(encoded);
            TextDump.Certificate(encoded);
        }
        CertificateInput.LoadCertificate(null, () => Latin1(data));
    }

    private static void Crl(byte[] data)
    {
        foreach (var crl in CertificateFiles.Parse(data).Crls) TextDump.Crl(crl.GetEncoded());
        var der = CertificateInput.LoadCrl(null, () => Latin1(data));
        CrlFields.Parse(der);
    }

    private static void Index(byte[] data) => IndexFile.Check(IndexFile.Parse(data, "index.txt"));

    private static void Serial(byte[] data) => SerialFile.Parse(data, "serial.txt");
}
