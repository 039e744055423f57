using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Verify cases from public test suites (testdata/wild-verify: OpenSSL's test/recipes/25-test_verify.t over its
/// test/certs, and x509-limbo testcases; SOURCES.md) against what the real OpenSSL 3.0.19 `verify` printed
/// (tools/record-wild-verify-goldens.py): the same exit code, stdout bytes and stderr bytes (OpenSSL's
/// "&lt;tid&gt;:error:" lines aside). One test per case. Cases listed in testdata/wild-verify/KNOWN-DIFFERENCES.txt
/// are reported Inconclusive with their reason; a listed case that now matches fails until it is removed, so the
/// list only shrinks. CNFSIGNER_WILD_WRITE_KNOWN=1 rewrites the list (in the source tree), keeping reasons.
/// </summary>
[Category("Slow")]
public class WildVerifyGoldenTests
{
    private const string KnownName = "KNOWN-DIFFERENCES.txt";
    private static readonly bool WriteKnown = Environment.GetEnvironmentVariable("CNFSIGNER_WILD_WRITE_KNOWN") == "1";

    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "wild-verify");

    private static string SourceFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "wild-verify"));

    private static readonly Dictionary<string, string> Known = WildGoldenTests.ReadKnownCases(Path.Combine(Folder, KnownName));

    internal static readonly Dictionary<string, WildGoldenTests.View> Views =
        Directory.GetFiles(Path.Combine(Folder, "goldens"), "*.golden")
            .SelectMany(WildGoldenTests.Read).ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>Every case that ran: its name to null when it matched, else how it differed.</summary>
    private static readonly ConcurrentDictionary<string, string?> Outcomes = new(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Cases =>
        Views.Keys.Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string name)
    {
        var expected = Views[name];
        var difference = Difference(expected, CliRunner.Run(Folder, "", expected.Args));
        Outcomes[name] = difference;
        var listed = Known.TryGetValue(name, out var reason);
        if (WriteKnown)
        {
            if (difference != null) Assert.Inconclusive($"recorded for {KnownName}");
            return;
        }
        if (difference == null && listed) Assert.Fail($"{name} now matches openssl: remove it from {KnownName}");
        if (difference != null && listed) Assert.Inconclusive($"known difference ({KnownName}): {reason}\n{difference}");
        if (difference != null) Assert.Fail($"{string.Join(' ', expected.Args)}\n{difference}");
    }

    [Test]
    public void Known_differences_name_recorded_cases() =>
        Known.Keys.Where(k => !Views.ContainsKey(k)).ShouldBeEmpty();

    /// <summary>Null when cnfsigner did what openssl did, else the difference.</summary>
    internal static string? Difference(WildGoldenTests.View expected, RunResult result)
    {
        string want = Encoding.UTF8.GetString(expected.Out), got = result.Stdout;
        var verdict = result.ExitCode == expected.Rc ? "" : $"exit code {result.ExitCode}, openssl {expected.Rc}\n";
        if (verdict.Length == 0 && want == got && result.Stderr == expected.Err) return null;
        return verdict + $"--- openssl stdout\n{want}--- cnfsigner stdout\n{got}" +
               $"--- openssl stderr\n{expected.Err}--- cnfsigner stderr\n{result.Stderr}";
    }

    [OneTimeTearDown]
    public void Report()
    {
        if (Outcomes.IsEmpty) return;
        var bySource = Outcomes.GroupBy(o => o.Key.Split('-')[0]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key,-8} {g.Count(o => o.Value == null),4}/{g.Count()}");
        var reasons = Known.Where(k => Outcomes.GetValueOrDefault(k.Key) != null).GroupBy(k => k.Value)
            .OrderByDescending(g => g.Count()).Select(g => $"  {g.Count(),4} {g.Key}");
        TestContext.Progress.WriteLine($"wild-verify: {Outcomes.Count(o => o.Value == null)}/{Outcomes.Count} cases match openssl\n"
            + string.Join("\n", bySource) + "\nknown differences by reason:\n" + string.Join("\n", reasons));
        if (!WriteKnown) return;

        var path = Path.Combine(SourceFolder(), KnownName);
        var lines = new SortedDictionary<string, string>(WildGoldenTests.ReadKnownCases(path)
            .Where(k => !Outcomes.ContainsKey(k.Key)).ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, difference) in Outcomes)
            if (difference != null) lines[name] = Known.GetValueOrDefault(name) is { Length: > 0 } reason ? reason : "differs";
        var text = new StringBuilder()
            .Append("# Cases of testdata/wild-verify where cnfsigner verify does not yet do what OpenSSL 3.0.19 did: \"case reason\".\n")
            .Append("# WildVerifyGoldenTests reports these Inconclusive and fails on a listed case that now matches (remove it).\n")
            .Append("# Regenerate: CNFSIGNER_WILD_WRITE_KNOWN=1 dotnet test tests/CnfSigner.Cli.Tests --filter FullyQualifiedName~WildVerifyGoldenTests\n");
        foreach (var (name, reason) in lines) text.Append(name).Append(' ').Append(reason).Append('\n');
        File.WriteAllText(path, text.ToString());
    }
}

/// <summary>
/// The fast lane's share of testdata/wild-verify: the policy-tree cases that print the tree (qualifiers, the order
/// of OpenSSL's sorted stacks, mappings), the option cases and the proxy certificate cases, each against openssl's
/// golden as <see cref="WildVerifyGoldenTests"/> checks them (none of these is a known difference).
/// </summary>
public class WildVerifyPolicyTests
{
    public static IEnumerable<TestCaseData> Cases =>
        WildVerifyGoldenTests.Views.Keys
            .Where(n => n.StartsWith("policy-qualifiers.", StringComparison.Ordinal) || n.StartsWith("policy-order.", StringComparison.Ordinal)
                        || n.StartsWith("policy-map-unmatched.", StringComparison.Ordinal) || n.StartsWith("policy-options-", StringComparison.Ordinal)
                        || n.StartsWith("policy-proxy-", StringComparison.Ordinal) || n.StartsWith("policy-bad-duplicate.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string name)
    {
        var expected = WildVerifyGoldenTests.Views[name];
        WildVerifyGoldenTests.Difference(expected, CliRunner.Run(WildVerifyGoldenTests.Folder, "", expected.Args)).ShouldBeNull();
    }
}
