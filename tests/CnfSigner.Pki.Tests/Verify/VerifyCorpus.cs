using System.Text.RegularExpressions;

namespace CnfSigner.Pki.Tests.Verify;

/// <summary>testdata/verify: the openssl-made PKI, cases.tsv and the recorded `openssl verify` results.</summary>
public static partial class VerifyCorpus
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "verify");

    public static string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>(name, arguments) per row of cases.tsv.</summary>
    public static IEnumerable<(string Name, string[] Args)> Cases()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "testdata", "verify");
        foreach (var line in File.ReadAllLines(Path.Combine(dir, "cases.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            yield return (parts[0], parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    public static int ExpectedExitCode(string name) => int.Parse(File.ReadAllText(PathOf($"expected/{name}.rc")).Trim());

    /// <summary>The (error, depth) pairs openssl printed, in order.</summary>
    public static IReadOnlyList<(int Code, int Depth)> ExpectedErrors(string name) =>
        ErrorLine().Matches(File.ReadAllText(PathOf($"expected/{name}.err")))
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).ToList();

    [GeneratedRegex(@"^error (\d+) at (\d+) depth lookup:", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    public static IEnumerable<string[]> Rows(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "testdata", "verify", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));
}
