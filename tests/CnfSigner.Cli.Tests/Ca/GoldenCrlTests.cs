namespace CnfSigner.Cli.Tests.Ca;

/// <summary>A CRL made by openssl (testdata/crl/make-golden.sh), reproduced without openssl being installed.</summary>
public class GoldenCrlTests
{
    [Test]
    public void Crl_matches_the_one_openssl_made_from_the_same_database()
    {
        using var dir = new TempDir();
        foreach (var f in new[] { "ca.cnf", "ca.key", "ca.crt", "index.txt", "crlnumber.txt" })
            File.Copy(CliRunner.TestData("crl", f), dir.File(f));
        var r = CliRunner.Run(dir.Path, "", [.. RevocationFixture.Ca, "-gencrl", "-crl_lastupdate", "20260101000000Z",
            "-crl_nextupdate", "20270101000000Z", "-out", "crl.pem"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBe("Using configuration from ca.cnf\n");
        File.ReadAllText(dir.File("crl.pem")).ShouldBe(File.ReadAllText(CliRunner.TestData("crl", "expected.crl.pem")));
        File.ReadAllText(dir.File("crlnumber.txt")).ShouldBe(File.ReadAllText(CliRunner.TestData("crl", "expected.crlnumber.txt")));
        File.ReadAllText(dir.File("crlnumber.txt.old")).ShouldBe(File.ReadAllText(CliRunner.TestData("crl", "crlnumber.txt")));
    }
}
