using System.Diagnostics;
using System.Text.RegularExpressions;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>Re-runs every case of expected.tsv through the installed `openssl req -new -x509` and checks the
/// committed expectation still holds (skipped where openssl is absent).</summary>
[TestFixture, Category("Interop")] // openssl builds the same extensions
public partial class OpenSslInteropTests
{
    private const string Header =
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = x\nemailAddress = a@b.example\n[s]\n";

    [GeneratedRegex(@"^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]*):[^:]*:\d+:?(.*)$")]
    private static partial Regex ErrorLine();

    [TestCaseSource(typeof(ExtensionExpectationTests), nameof(ExtensionExpectationTests.Cases))]
    public void Committed_expectation_matches_installed_openssl(string config, string kind, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("cnfsigner-ext-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "c.cnf"), Header + config + "\n");
            var (rc, stderr) = RunOpenSsl(dir.FullName);
            if (kind == "ok")
            {
                rc.ShouldBe(0, stderr);
                var cert = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(Path.Combine(dir.FullName, "c.der")));
                TestConfig.Render(cert).ShouldBe(expected);
            }
            else
            {
                rc.ShouldNotBe(0);
                var lines = stderr.Split('\n').Select(l => ErrorLine().Match(l)).Where(m => m.Success)
                    .Select(m => m.Groups[2].Value.Length > 0 ? $"{m.Groups[1].Value}: {m.Groups[2].Value}" : m.Groups[1].Value);
                string.Join("\n", lines).ShouldBe(expected);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int Rc, string Stderr) RunOpenSsl(string dir)
    {
        var start = new ProcessStartInfo("openssl")
        {
            ArgumentList = { "req", "-new", "-x509", "-key", TestConfig.DataPath("test.key"), "-config", "c.cnf",
                "-extensions", "s", "-days", "1", "-outform", "DER", "-out", "c.der" },
            WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore("openssl is not on PATH"); throw; }
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }
}
