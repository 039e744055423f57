namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// testdata/req/corpus/outputs.txt: what req prints (PEM, -text, -pubkey, -subject, -modulus, -verify, DER) for
/// new and existing requests; stdout byte for byte, stderr and exit code as openssl's. Also -help.
/// </summary>
[TestFixture]
public class ReqOutputTests
{
    public static IEnumerable<ReqCase> Cases() => ReqCorpus.Cases("outputs.txt");

    [TestCaseSource(nameof(Cases))]
    public void Prints_what_openssl_prints(ReqCase c)
    {
        using var dir = ReqCorpus.Copy();
        var stdin = File.ReadAllText(dir.File("node.csr"));

        var run = CliRunner.Run(dir.Path, stdin, ["req", .. c.Args]);

        run.ExitCode.ShouldBe(int.Parse(File.ReadAllText(ReqCorpus.Expected($"out-{c.Name}.rc")).Trim()), run.Stderr);
        run.Stderr.ShouldBe(File.ReadAllText(ReqCorpus.Expected($"out-{c.Name}.err")));
        run.StdoutBytes.ShouldBe(File.ReadAllBytes(ReqCorpus.Expected($"out-{c.Name}.out")));
    }

    [Test]
    public void Help_is_openssls_table_on_stderr_with_exit_code_0()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(dir.Path, "", "req", "-help");

        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldBeOpenSslHelpWithoutRefusedOptions(File.ReadAllText(ReqCorpus.Expected("help.txt")), "req");
    }

    [Test]
    public void Text_with_out_puts_the_dump_before_the_pem_in_the_file()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "attributes-ext.cnf", "-key", "key.pem", "-text", "-out", "n.csr");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldBeEmpty();
        File.ReadAllBytes(dir.File("n.csr")).ShouldBe(File.ReadAllBytes(ReqCorpus.Expected("out-new-text-and-pem.out")));
    }
}
