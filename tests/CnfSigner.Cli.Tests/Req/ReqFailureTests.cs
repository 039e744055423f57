using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// testdata/req/corpus/failures.txt: every bad input, run where out.pem and keep.key already exist. OpenSSL's
/// human-readable stderr lines (expected/fail-*.err without libcrypto's "tid:error:" lines and key-generation
/// progress) must appear in ours in order; both exit 1; cnfsigner creates, changes and removes no file.
/// </summary>
[TestFixture]
public partial class ReqFailureTests
{
    public static IEnumerable<ReqCase> Cases() => ReqCorpus.Cases("failures.txt");

    [TestCaseSource(nameof(Cases))]
    public void Fails_with_openssls_words_and_touches_no_file(ReqCase c)
    {
        using var dir = ReqCorpus.Copy();
        File.WriteAllText(dir.File("out.pem"), "untouched\n");
        File.WriteAllText(dir.File("keep.key"), "untouched\n");
        var before = Snapshot(dir);

        var run = CliRunner.Run(dir.Path, "", ["req", .. c.Args]);

        File.ReadAllText(ReqCorpus.Expected($"fail-{c.Name}.rc")).Trim().ShouldBe("1");
        run.ExitCode.ShouldBe(1, run.Stderr);
        ShouldContainInOrder(run.Stderr, HumanLines(File.ReadAllText(ReqCorpus.Expected($"fail-{c.Name}.err"))));
        Snapshot(dir).ShouldBe(before);
    }

    [GeneratedRegex(@"^[0-9A-F]+:error:|^[.+*]+$")]
    private static partial Regex NotHuman();

    public static List<string> HumanLines(string stderr) =>
        stderr.Split('\n').Where(l => l.Length > 0 && !NotHuman().IsMatch(l)).ToList();

    public static void ShouldContainInOrder(string actual, List<string> expected)
    {
        var lines = actual.Split('\n');
        var at = 0;
        foreach (var line in expected)
        {
            var found = Array.IndexOf(lines, line, at);
            found.ShouldBeGreaterThanOrEqualTo(0, $"missing or out of order: \"{line}\"\n--- ours:\n{actual}");
            at = found + 1;
        }
    }

    public static Dictionary<string, string> Snapshot(TempDir dir) =>
        Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir.Path, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
