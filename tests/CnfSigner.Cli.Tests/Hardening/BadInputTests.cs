using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// Runs the bad-input corpus (<see cref="BadInputCorpus"/>) through every command. For each input: the documented
/// exit code, a message naming the problem, no stack trace or exception type in stderr, and the working directory
/// (database, outputs, everything) byte for byte and mode for mode as it was: no partial output, no temp file left.
/// </summary>
[TestFixture]
public partial class BadInputTests
{
    private HardeningFixture _fixture = null!;

    [OneTimeSetUp]
    public void Setup() => _fixture = new HardeningFixture();

    [OneTimeTearDown]
    public void TearDown() => _fixture?.Dispose();

    public static IEnumerable<TestCaseData> Corpus() =>
        BadInputCorpus.Configs().Concat(BadInputCorpus.Keys()).Concat(BadInputCorpus.Requests())
            .Concat(BadInputCorpus.Certificates()).Concat(BadInputCorpus.Database()).Concat(BadInputCorpus.Options())
            .Concat(BadInputCorpus.Passphrases()).Concat(BadInputCorpus.Outputs())
            .Select(c => SlowCases.Contains(c.Name) ? new TestCaseData(c).SetName(c.Name).SetCategory("Slow") : new TestCaseData(c).SetName(c.Name));

    // A 4 MiB config line: about 25 s on a loaded 2-core machine, so it runs with the slow lane.
    private static readonly HashSet<string> SlowCases = ["config/oversized_line_without_equals"];

    [TestCaseSource(nameof(Corpus))]
    public void Bad_input_fails_cleanly_and_changes_nothing(BadInput input)
    {
        using var dir = _fixture.Copy();
        Plant(dir, input);
        var before = DirectorySnapshot.WithModes(dir.Path);

        var run = Task.Run(() => CliRunner.Run(dir.Path, input.Stdin, input.Args));
        run.Wait(TimeSpan.FromSeconds(60)).ShouldBeTrue("still running after 60 s");
        var r = run.Result;

        r.ExitCode.ShouldBe(input.ExitCode, r.Stderr);
        AssertCleanMessage(r.Stderr);
        r.Stderr.ShouldContain(input.Message, Case.Sensitive, r.Stderr);
        DirectorySnapshot.WithModes(dir.Path).ShouldBe(before);
    }

    [Test]
    public void The_corpus_covers_every_command()
    {
        var commands = Corpus().Select(c => ((BadInput)c.Arguments[0]!).Args[0]).ToHashSet();
        commands.ShouldBe(["ca", "conf", "crl", "genrsa", "req", "verify", "x509", "nosuchcommand"], ignoreOrder: true);
    }

    internal static void Plant(TempDir dir, BadInput input)
    {
        foreach (var (file, content) in input.Files)
        {
            var path = dir.File(file);
            if (File.Exists(path) || new FileInfo(path).LinkTarget != null) File.Delete(path);
            if (content == null) continue;
            if (content is [(byte)'-', (byte)'>', ..]) File.CreateSymbolicLink(path, System.Text.Encoding.Latin1.GetString(content[2..]));
            else File.WriteAllBytes(path, content);
        }
    }

    /// <summary>What an operator must never see: a .NET stack frame, an exception type name, an empty complaint.</summary>
    internal static void AssertCleanMessage(string stderr)
    {
        stderr.Trim().ShouldNotBeEmpty();
        stderr.ShouldNotContain("   at ");
        stderr.ShouldNotContain("Unhandled");
        ExceptionName().IsMatch(stderr).ShouldBeFalse(stderr);
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionName();
}
