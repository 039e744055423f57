using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Certificates, requests and CRLs from the wild (testdata/wild, SOURCES.md) against what the real OpenSSL 3.0.19
/// printed for every view (tools/record-wild-goldens.py): identical stdout bytes and exit code; every stderr line
/// OpenSSL printed (its "&lt;tid&gt;:error:" lines aside) appears in ours, in order. One test case per file, all its
/// views run in process. Views listed in testdata/wild/KNOWN-DIFFERENCES.txt are reported Inconclusive with their
/// reason; a listed view that now matches fails until it is removed from the list, so the list only shrinks.
/// CNFSIGNER_WILD_WRITE_KNOWN=1 rewrites the list (in the source tree) from the views that ran, keeping reasons.
/// </summary>
[Category("Slow")]
public partial class WildGoldenTests
{
    [System.Text.RegularExpressions.GeneratedRegex("(?m)^[0-9A-F]+:error:[^\\n]*\\n")]
    private static partial System.Text.RegularExpressions.Regex ErrorLines();

    [System.Text.RegularExpressions.GeneratedRegex(@"^ *\d+:d=\d+ +hl=")]
    private static partial System.Text.RegularExpressions.Regex AsnDumpLine();

    private const string KnownName = "KNOWN-DIFFERENCES.txt";
    private static readonly bool WriteKnown = Environment.GetEnvironmentVariable("CNFSIGNER_WILD_WRITE_KNOWN") == "1";

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "wild");

    /// <summary>testdata/wild in the source tree, where the known-differences list is rewritten.</summary>
    private static string SourceFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "wild"));

    /// <summary>One recorded view: the command line after "openssl", exit code, stdout and stderr bytes.</summary>
    internal sealed record View(string Name, string[] Args, int Rc, byte[] Out, string Err);

    internal static IEnumerable<View> Read(string golden)
    {
        var bytes = File.ReadAllBytes(golden);
        var at = 0;
        while (at < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', at);
            var header = Encoding.UTF8.GetString(bytes, at, end - at);
            var parts = header.Split(" :: ", 2);
            var fields = parts[0].Split(' ');
            int Field(string key) => int.Parse(fields.Single(f => f.StartsWith(key + "=")).Split('=')[1]);
            int outLength = Field("out"), errLength = Field("err");
            var body = end + 1;
            yield return new View(fields[1], parts[1].Split(' '), Field("rc"), bytes[body..(body + outLength)],
                Encoding.UTF8.GetString(bytes, body + outLength, errLength));
            at = body + outLength + errLength + 1;
        }
    }

    /// <summary>The known differences: "file view" to reason.</summary>
    internal static Dictionary<string, string> ReadKnown(string path) => ReadKnown(path, 2);

    /// <summary>Known differences keyed by one word, a case name (testdata/wild-verify): "case" to reason.</summary>
    internal static Dictionary<string, string> ReadKnownCases(string path) => ReadKnown(path, 1);

    private static Dictionary<string, string> ReadKnown(string path, int keyWords) =>
        !File.Exists(path) ? [] : File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', keyWords + 1))
            .ToDictionary(p => string.Join(' ', p[..keyWords]), p => p.Length > keyWords ? p[keyWords].Trim() : "",
                StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Known = ReadKnown(Path.Combine(Folder, KnownName));

    /// <summary>Every view that ran: "file view" to null when it matched, else its difference category.</summary>
    private static readonly ConcurrentDictionary<string, string?> Outcomes = new(StringComparer.Ordinal);

    private static readonly Stopwatch Clock = new();

    private static string GoldenFolder => Path.Combine(Folder, "goldens");

    public static IEnumerable<TestCaseData> Cases =>
        Directory.GetFiles(GoldenFolder, "*.golden", SearchOption.AllDirectories)
            .Select(g => Path.GetRelativePath(GoldenFolder, g)[..^".golden".Length].Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(file).SetArgDisplayNames(file));

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string file)
    {
        Clock.Start();
        var failures = new List<string>();
        var stale = new List<string>();
        var known = new List<string>();
        try
        {
            foreach (var expected in Read(Path.Combine(GoldenFolder, file + ".golden")))
            {
                var key = file + " " + expected.Name;
                var difference = Difference(expected, CliRunner.Run(Folder, "", expected.Args));
                Outcomes[key] = difference?.Category;
                var listed = Known.TryGetValue(key, out var reason);
                if (difference == null && listed) stale.Add($"{key}: now matches openssl, remove from {KnownName}");
                else if (difference != null && listed) known.Add($"{key}: {reason}");
                else if (difference != null) failures.Add($"{key} ({difference.Category}):\n{difference.Message}");
            }
        }
        finally
        {
            Clock.Stop();
        }
        if (WriteKnown)
        {
            if (Outcomes.Any(o => o.Key.StartsWith(file + " ", StringComparison.Ordinal) && o.Value != null))
                Assert.Inconclusive($"recorded for {KnownName}");
            return;
        }
        if (failures.Count + stale.Count > 0) Assert.Fail(string.Join("\n\n", stale.Concat(failures)));
        if (known.Count > 0) Assert.Inconclusive("known differences (" + KnownName + "):\n" + string.Join("\n", known));
    }

    /// <summary>Every listed view names a recorded view of an input that exists.</summary>
    [Test]
    public void Known_differences_name_recorded_views()
    {
        var recorded = Cases.Select(c => (string)c.Arguments[0]!)
            .SelectMany(f => Read(Path.Combine(GoldenFolder, f + ".golden")).Select(v => f + " " + v.Name)).ToHashSet();
        Known.Keys.Where(k => !recorded.Contains(k)).ShouldBeEmpty();
    }

    [OneTimeTearDown]
    public void Report()
    {
        if (Outcomes.IsEmpty) return;
        var counts = Outcomes.GroupBy(o => o.Key.Split(' ')[1])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key,-12} {g.Count(o => o.Value == null),5}/{g.Count(),-5}").ToList();
        TestContext.Progress.WriteLine($"wild: {Outcomes.Count(o => o.Value == null)}/{Outcomes.Count} views match openssl " +
            $"({Clock.Elapsed.TotalSeconds:F1} s in cnfsigner)\n" + string.Join("\n", counts));
        if (!WriteKnown) return;

        // Views that did not run keep their lines; views that ran are listed when they differ, keeping old reasons.
        var path = Path.Combine(SourceFolder(), KnownName);
        var lines = new SortedDictionary<string, string>(ReadKnown(path).Where(k => !Outcomes.ContainsKey(k.Key))
            .ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, category) in Outcomes)
            if (category != null) lines[key] = Known.GetValueOrDefault(key) is { Length: > 0 } reason ? reason : category;
        var text = new StringBuilder()
            .Append("# Views of testdata/wild where cnfsigner does not yet print what OpenSSL 3.0.19 printed: \"file view reason\".\n")
            .Append("# WildGoldenTests reports these Inconclusive and fails on a listed view that now matches (remove it).\n")
            .Append("# Regenerate: CNFSIGNER_WILD_WRITE_KNOWN=1 dotnet test tests/CnfSigner.Cli.Tests --filter FullyQualifiedName~WildGoldenTests\n");
        foreach (var (key, reason) in lines) text.Append(key).Append(' ').Append(reason).Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    internal sealed record Mismatch(string Category, string Message);

    /// <summary>Null when cnfsigner did what openssl did, else a short category and the first difference.</summary>
    private static Mismatch? Difference(View expected, RunResult result)
    {
        // X509_print_ex() sends ERR_print_errors() to stdout after "Unable to load Public Key": those
        // "<thread id>:error:...:<source file>:<line>:" lines are OpenSSL's internals (README, Differences).
        string want = ErrorLines().Replace(Encoding.Latin1.GetString(expected.Out), ""), got = Encoding.Latin1.GetString(result.StdoutBytes);
        if (want != got) return FirstDifference(want, got, result.Stderr);
        if (result.ExitCode != expected.Rc)
            return new("exit code", $"exit code {result.ExitCode}, openssl {expected.Rc}\nour stderr:\n{result.Stderr}");
        var ours = result.Stderr.Split('\n');
        var position = 0;
        foreach (var line in expected.Err.Split('\n').Where(l => l.Length > 0))
        {
            while (position < ours.Length && ours[position] != line) position++;
            if (position == ours.Length) return new("stderr", $"stderr line \"{line}\" missing from:\n{result.Stderr}");
            position++;
        }
        return null;
    }

    /// <summary>The first line that differs, with two lines of context on each side, and the section it is in.</summary>
    private static Mismatch FirstDifference(string want, string got, string stderr)
    {
        string[] a = want.Split('\n'), b = got.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Lines(string[] lines) => string.Join("\n", lines[Math.Max(0, i - 2)..Math.Min(lines.Length, i + 3)]);
        var category = want.Length == 0 ? "openssl rejects the input, cnfsigner prints"
            : got.Length == 0 ? "cnfsigner rejects the input openssl prints" : null;
        return new(category ?? Section(i < a.Length ? a : b, i),
            $"stdout differs at line {i + 1}\n--- openssl\n{Lines(a)}\n--- cnfsigner\n{Lines(b)}\nour stderr:\n{stderr}");
    }

    /// <summary>The heading ("X509v3 Policy Mappings", "Signature Value", "subject") a line is printed under.</summary>
    private static string Section(string[] lines, int i)
    {
        static int Indent(string line) => line.Length - line.TrimStart().Length;
        static string Heading(string line)
        {
            var text = line.Trim();
            var end = text.IndexOfAny([':', '=']);
            text = end > 0 ? text[..end].TrimEnd() : text;
            return text.Length > 48 ? text[..48] : text.Length == 0 ? "blank line" : text;
        }
        static bool IsHeading(string line) => line.TrimEnd().EndsWith(':') || line.Contains(": critical", StringComparison.Ordinal);
        if (i >= lines.Length) return "end of output";
        if (AsnDumpLine().IsMatch(lines[i])) return "ext_parse ASN.1 dump";
        for (var j = i - 1; j >= 0; j--)
            if (IsHeading(lines[j]) && Indent(lines[j]) < Indent(lines[i]))
            {
                if (Heading(lines[j]) is not ("Data" or "Certificate" or "Certificate Request" or "X509v3 extensions"
                    or "Requested Extensions" or "Attributes" or "CRL extensions" or "Certificate Revocation List (CRL)"))
                    return Heading(lines[j]);
                break;
            }
        return Heading(lines[i]);
    }
}
