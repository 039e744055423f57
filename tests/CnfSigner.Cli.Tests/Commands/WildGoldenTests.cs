using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Certificates, requests and CRLs from the wild (testdata/wild, SOURCES.md) against what the real OpenSSL 3.0.19
/// printed for every view (tools/record-wild-goldens.sh): identical stdout bytes and exit code; every stderr line
/// OpenSSL printed (its "&lt;tid&gt;:error:" lines aside) appears in ours, in order.
/// </summary>
[Category("Slow")]
public partial class WildGoldenTests
{
    [System.Text.RegularExpressions.GeneratedRegex("(?m)^[0-9A-F]+:error:[^\\n]*\\n")]
    private static partial System.Text.RegularExpressions.Regex ErrorLines();

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "wild");

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

    public static IEnumerable<TestCaseData> Cases =>
        Directory.GetFiles(Path.Combine(Folder, "goldens"), "*.golden", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(g => Read(g).Select(v => new TestCaseData(Path.GetRelativePath(Path.Combine(Folder, "goldens"), g), v.Name)
                .SetArgDisplayNames(v.Name, Path.GetFileNameWithoutExtension(g))));

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string golden, string view)
    {
        var expected = Read(Path.Combine(Folder, "goldens", golden)).Single(v => v.Name == view);
        var result = CliRunner.Run(Folder, "", expected.Args);

        // X509_print_ex() sends ERR_print_errors() to stdout after "Unable to load Public Key": those
        // "<thread id>:error:...:<source file>:<line>:" lines are OpenSSL's internals (README, Differences).
        string want = ErrorLines().Replace(Encoding.Latin1.GetString(expected.Out), ""), got = Encoding.Latin1.GetString(result.StdoutBytes);
        if (want != got) Assert.Fail(FirstDifference(want, got) + "\nour stderr:\n" + result.Stderr);
        result.ExitCode.ShouldBe(expected.Rc, result.Stderr);
        var ours = result.Stderr.Split('\n');
        var position = 0;
        foreach (var line in expected.Err.Split('\n').Where(l => l.Length > 0))
        {
            while (position < ours.Length && ours[position] != line) position++;
            (position < ours.Length).ShouldBeTrue($"stderr line \"{line}\" missing from:\n{result.Stderr}");
            position++;
        }
    }

    /// <summary>The first line that differs, with two lines of context on each side.</summary>
    private static string FirstDifference(string want, string got)
    {
        string[] a = want.Split('\n'), b = got.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Lines(string[] lines) => string.Join("\n", lines[Math.Max(0, i - 2)..Math.Min(lines.Length, i + 3)]);
        return $"stdout differs at line {i + 1}\n--- openssl\n{Lines(a)}\n--- cnfsigner\n{Lines(b)}";
    }
}
