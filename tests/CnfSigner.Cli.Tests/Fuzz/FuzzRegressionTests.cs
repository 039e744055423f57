using CnfSigner.Fuzz;

namespace CnfSigner.Cli.Tests.Fuzz;

/// <summary>
/// Every input the fuzzer (tests/CnfSigner.Fuzz) ever crashed a reader with, kept in
/// testdata/fuzz-regressions/TARGET/, and every seed of its corpus: each must now be accepted or refused with a
/// CnfSignerException, within a few seconds.
/// </summary>
public class FuzzRegressionTests
{
    private static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static IEnumerable<TestCaseData> Regressions() => Inputs("fuzz-regressions");

    public static IEnumerable<TestCaseData> Seeds() => Inputs("fuzz-seeds");

    private static IEnumerable<TestCaseData> Inputs(string folder) =>
        Directory.GetDirectories(Folder(folder)).Order(StringComparer.Ordinal).SelectMany(dir =>
            Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(file =>
                new TestCaseData(Path.GetFileName(dir), file).SetName($"{folder}/{Path.GetFileName(dir)}/{Path.GetFileName(file)}")));

    [TestCaseSource(nameof(Regressions))]
    public void Regression_input_is_accepted_or_refused_cleanly(string target, string file)
    {
        // A hang is a failure too: the input runs on its own thread and must finish within ten seconds.
        var run = Task.Run(() => FuzzTargets.Run(target, File.ReadAllBytes(file)));
        run.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue($"{file} still running after 10 s");
        run.Exception.ShouldBeNull();
    }

    [TestCaseSource(nameof(Seeds))]
    public void Seed_is_accepted_or_refused_cleanly(string target, string file) =>
        Should.NotThrow(() => FuzzTargets.Run(target, File.ReadAllBytes(file)));

    [Test]
    public void Every_target_has_seeds() =>
        Directory.GetDirectories(Folder("fuzz-seeds")).Select(Path.GetFileName).Order().ShouldBe(FuzzTargets.All.Keys.Order());
}
