namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// The corpus of testdata/req: for the same committed key, the DER cnfsigner makes must be byte-identical to
/// openssl's (RSA PKCS#1 v1.5 signatures are deterministic; a certificate is made at openssl's notBefore with
/// its -set_serial), the -text dump the same (a certificate's printed at openssl's "Not Before"), and stderr the same.
/// </summary>
[TestFixture]
public class ReqCorpusTests
{
    public static IEnumerable<ReqCase> Cases() => ReqCorpus.Cases();

    [TestCaseSource(nameof(Cases))]
    public void Der_output_is_byte_identical_to_openssl(ReqCase c)
    {
        var expected = File.ReadAllBytes(ReqCorpus.Expected(c.Name + ".der"));
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", ReqCorpus.ClockOf(expected, c.MakesCertificate), ["req", .. c.Args, "-outform", "DER", "-out", "out.der"]);

        run.ExitCode.ShouldBe(0, run.Stderr);
        var actual = File.ReadAllBytes(dir.File("out.der"));
        ReqCorpus.Fields(actual, c.MakesCertificate).ShouldBe(ReqCorpus.Fields(expected, c.MakesCertificate));
        actual.ShouldBe(expected);
        run.Stderr.ShouldBe(File.ReadAllText(ReqCorpus.Expected(c.Name + ".err")));
    }

    [TestCaseSource(nameof(Cases))]
    public void Text_dump_matches_openssl(ReqCase c)
    {
        var expected = File.ReadAllText(ReqCorpus.Expected(c.Name + ".txt"));
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", ReqCorpus.ClockOfText(expected), ["req", .. c.Args, "-text", "-noout"]);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldBe(expected);
    }

    /// <summary>The committed outputs are still what the installed openssl makes (skipped without openssl).</summary>
    [TestCaseSource(nameof(Cases)), Category("Interop")]
    public void Live_openssl_run_agrees(ReqCase c)
    {
        OpenSsl.Require();
        using var theirs = ReqCorpus.Copy();
        using var ours = ReqCorpus.Copy();
        var real = OpenSsl.Exec(theirs.Path, ["req", .. c.Args, "-outform", "DER", "-out", "out.der"]);
        real.ExitCode.ShouldBe(0, real.Stderr);
        var expected = File.ReadAllBytes(theirs.File("out.der"));

        var run = CliRunner.Run(ours.Path, "", ReqCorpus.ClockOf(expected, c.MakesCertificate), ["req", .. c.Args, "-outform", "DER", "-out", "out.der"]);
        run.ExitCode.ShouldBe(0, run.Stderr);
        File.ReadAllBytes(ours.File("out.der")).ShouldBe(expected);
    }
}
