using CnfSigner.Pki.Names;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Tests.Names;

/// <summary>
/// Each row of testdata/names/cases.tsv was run through the real openssl req (tools/gen-names.sh); the subject
/// DER of its CSR, or its stderr, is the expectation for NameBuilder and SubjectParser.
/// </summary>
public class NameBuildingTests
{
    private static readonly string Dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "names");

    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "names", "cases.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new TestCaseData(f[0], f[1], f[2], f[3] == "yes", f[4]).SetName(f[0]));

    [TestCaseSource(nameof(Cases))]
    public void Subject_matches_openssl(string name, string mode, string mask, bool utf8, string input)
    {
        var builder = new NameBuilder(utf8 ? InputCharset.Utf8 : InputCharset.Ascii,
            DirectoryStrings.ParseStringMask(mask == "-" ? null : mask)!.Value);
        var warnings = new StringWriter { NewLine = "\n" };
        string? error = null;
        try
        {
            if (mode == "subj") SubjectParser.Parse(input, "req", "subject", builder, warnings);
            else builder.AddConfigSection(input.Split('|').Select(kv => kv.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1])));
        }
        catch (CnfSignerException e)
        {
            error = mode == "subj" ? e.Message : "Error making certificate request\n" + e.Message;
        }

        var csrPath = Path.Combine(Dir, name + ".csr");
        var stderrPath = Path.Combine(Dir, name + ".stderr");
        var expectedStderr = File.Exists(stderrPath) ? OpenSslErrors.Normalize(File.ReadAllText(stderrPath)) : "";
        (warnings + (error ?? "")).TrimEnd('\n').ShouldBe(expectedStderr);
        if (!File.Exists(csrPath)) { error.ShouldNotBeNull(); return; }

        error.ShouldBeNull();
        using var reader = new StreamReader(csrPath);
        var csr = (Pkcs10CertificationRequest)new PemReader(reader).ReadObject();
        Convert.ToHexString(builder.Build().GetEncoded())
            .ShouldBe(Convert.ToHexString(csr.GetCertificationRequestInfo().Subject.GetEncoded()));
    }
}
