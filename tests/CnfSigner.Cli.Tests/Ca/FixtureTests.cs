namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// The committed CA fixtures and openssl's recorded half of the side-by-side tests were made from configs/ca.cnf;
/// when the seed config changes they must be made again (testdata/ca/make-fixture.sh), or the tests would judge
/// cnfsigner against a config users no longer get.
/// </summary>
public class FixtureTests
{
    private static readonly string Configs = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs");

    [TestCase("seed")]
    [TestCase("revocation")]
    public void Fixture_config_is_the_seed_config(string fixture) =>
        File.ReadAllText(CliRunner.TestData("ca", fixture, "ca.cnf")).ShouldBe(File.ReadAllText(Path.Combine(Configs, "ca.cnf")),
            "configs/ca.cnf changed: run testdata/ca/make-fixture.sh and re-record (CNFSIGNER_RECORD_OPENSSL=1)");
}
