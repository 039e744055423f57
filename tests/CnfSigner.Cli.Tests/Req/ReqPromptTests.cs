namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// testdata/req/corpus/prompts.txt: interactive DN questions answered on standard input (openssl reads stdin
/// when it is not a terminal, so make.sh piped the same answers). The transcript on stderr, the exit code and
/// the request must be openssl's.
/// </summary>
[TestFixture]
public class ReqPromptTests
{
    public sealed record PromptCase(string Name, string Answers, string[] Args)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<PromptCase> Cases() =>
        ReqCorpus.Cases("prompts.txt").Select(c => new PromptCase(c.Name, c.Args[0].Replace("\\n", "\n"), c.Args[1..]));

    [TestCaseSource(nameof(Cases))]
    public void Transcript_exit_code_and_request_match_openssl(PromptCase c)
    {
        var expectedRc = int.Parse(File.ReadAllText(ReqCorpus.Expected($"prompt-{c.Name}.rc")).Trim());
        var expectedErr = File.ReadAllText(ReqCorpus.Expected($"prompt-{c.Name}.err"));
        var derFile = ReqCorpus.Expected($"prompt-{c.Name}.der");
        var expectedDer = File.Exists(derFile) ? File.ReadAllBytes(derFile) : null;
        var certificate = c.Args.Contains("-x509");
        using var dir = ReqCorpus.Copy();

        var run = CliRunner.Run(dir.Path, c.Answers, expectedDer == null ? TimeProvider.System : ReqCorpus.ClockOf(expectedDer, certificate),
            ["req", .. c.Args, "-outform", "DER", "-out", "out.der"]);

        run.ExitCode.ShouldBe(expectedRc, run.Stderr);
        if (expectedRc == 0) run.Stderr.ShouldBe(expectedErr);
        else OpenSsl.HumanLinesShouldAppearInOrder(run.Stderr, expectedErr);
        if (expectedDer == null) File.Exists(dir.File("out.der")).ShouldBeFalse();
        else File.ReadAllBytes(dir.File("out.der")).ShouldBe(expectedDer);
    }
}
