using Org.BouncyCastle.Asn1.X509;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>
/// Every row of testdata/extensions/expected.tsv (made by tools/gen_extension_expectations.py from
/// tools/extension-cases.txt with the real `openssl req -new -x509`): the section must encode to exactly the
/// extensions OpenSSL 3.0 put in the certificate, default SKID included, or fail with OpenSSL's reason lines.
/// </summary>
public class ExtensionExpectationTests
{
    // Where CnfSigner deliberately differs (README "Differences"): OpenSSL 3.0 encodes notice numbers without
    // an organization as an invalid tag; CnfSigner refuses the section as later OpenSSL releases do.
    private static readonly Dictionary<string, string> Differences = new()
    {
        ["cp_numbers_without_org"] = "need organization and numbers\n"
            + "error in extension: section=s, name=certificatePolicies, value=@polsect",
    };

    public static IEnumerable<TestCaseData> Cases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "extensions", "expected.tsv");
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            var f = line.Split('\t');
            yield return new TestCaseData(f[1].Replace("\\n", "\n"), f[2], f[3].Replace("\\n", "\n")).SetName(f[0]);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Section_encodes_like_openssl(string config, string kind, string expected)
    {
        var name = TestContext.CurrentContext.Test.Name;
        if (Differences.TryGetValue(name, out var ours)) (kind, expected) = ("error", ours);
        var sections = TestConfig.Sections(config, "s");
        var context = new ExtensionContext(TestConfig.PublicKey("test.key"),
            new X509Name("CN=x,E=a@b.example"), IssuerCertificate: null);

        string Run() => TestConfig.Render(ExtensionBuilder.WithDefaultKeyIdentifiers(
            ExtensionBuilder.Build(sections["s"], s => sections.GetValueOrDefault(s), context, "s"), context));

        if (kind == "ok")
            Run().ShouldBe(expected);
        else
            Should.Throw<CnfSignerException>(Run).Message.ShouldBe(expected);
    }
}
