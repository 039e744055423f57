using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>Test helpers: a tiny reader for the case configs (name = value lines under [section] headers),
/// key and certificate loading, and the "oid/critical/hex" rendering used by the expectation files.</summary>
internal static class TestConfig
{
    public static string DataPath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "extensions", name);

    /// <summary>Sections of a config text; lines before any header belong to <paramref name="first"/>.
    /// Surrounding whitespace is trimmed and double quotes removed, as NCONF does for these simple values.</summary>
    public static Dictionary<string, List<KeyValuePair<string, string>>> Sections(string text, string first)
    {
        var sections = new Dictionary<string, List<KeyValuePair<string, string>>> { [first] = [] };
        var current = sections[first];
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[')) { current = sections[line.Trim('[', ']', ' ')] = []; continue; }
            var eq = line.IndexOf('=');
            current.Add(new(line[..eq].Trim(), line[(eq + 1)..].Trim().Replace("\"", "")));
        }
        return sections;
    }

    public static SubjectPublicKeyInfo PublicKey(string keyFile)
    {
        using var reader = new StreamReader(DataPath(keyFile));
        var key = (RsaPrivateCrtKeyParameters)new PemReader(reader).ReadObject();
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new RsaKeyParameters(false, key.Modulus, key.PublicExponent));
    }

    public static X509Certificate Certificate(string file)
    {
        using var stream = File.OpenRead(DataPath(file));
        return new X509CertificateParser().ReadCertificate(stream);
    }

    public static string Render(IEnumerable<CertExtension> exts) =>
        string.Join(" ", exts.Select(e => $"{e.Oid.Id}/{(e.Critical ? 1 : 0)}/{Convert.ToHexString(e.Value)}"));

    public static string Render(X509Certificate cert)
    {
        var exts = cert.CertificateStructure.TbsCertificate.Extensions;
        if (exts is null) return "";
        return string.Join(" ", exts.ExtensionOids.Select(oid =>
        {
            var e = exts.GetExtension(oid);
            return $"{oid.Id}/{(e.IsCritical ? 1 : 0)}/{Convert.ToHexString(e.Value.GetOctets())}";
        }));
    }
}
