using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// `cnfsigner verify` against every recorded `openssl verify` run (testdata/verify/cases.tsv, made by the Pki
/// tests' tools/gen-verify.sh): same exit code, same stdout, and the same stderr except that OpenSSL's
/// "tid:error:code:lib:func:reason:file:line:data" lines may be left out or shortened to "reason: data".
/// </summary>
[NonParallelizable] // the cases use paths relative to testdata/verify
public partial class VerifyCommandTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "testdata", "verify");

    // Deliberate differences (README "Differences"): OpenSSL fails silently on a bad -verify_ip.
    private static readonly Dictionary<string, string> OurStderr = new()
    {
        ["err_ip_invalid"] = "verify: Invalid IP address 1.2.3\n",
    };

    public static IEnumerable<TestCaseData> Cases() => CasesIn(Dir, nameof(Verify_matches_openssl));

    [TestCaseSource(nameof(Cases))]
    public void Verify_matches_openssl(string name, string args)
    {
        var (rc, stdout, stderr) = Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), "");

        rc.ShouldBe(int.Parse(Expected(name, "rc").Trim()));
        stdout.ShouldBe(Expected(name, "out"));
        if (OurStderr.TryGetValue(name, out var ours)) stderr.ShouldBe(ours);
        else if (name == "help") stderr.ShouldBeOpenSslHelpWithoutRefusedOptions(Expected(name, "err"), "verify");
        else ShouldMatchOpenSslStderr(stderr, Expected(name, "err"));
    }

    [Test]
    public void A_certificate_on_standard_input_is_called_stdin()
    {
        var pem = File.ReadAllText(Path.Combine(Dir, "rootleaf.pem"));
        var (rc, stdout, _) = Run(["-attime", "1735689600", "-CAfile", "root.pem"], pem);
        rc.ShouldBe(0);
        stdout.ShouldBe("stdin: OK\n");
    }

    [Test]
    public void Empty_standard_input_cannot_be_read()
    {
        var (rc, _, stderr) = Run(["-CAfile", "root.pem"], "");
        rc.ShouldBe(2);
        stderr.ShouldBe("Could not read certificate file from <stdin>\nUnable to load certificate file\n");
    }

    [TestCase("-crl_download")]
    [TestCase("-use_deltas")]
    public void Options_cnfsigner_does_not_implement_are_refused(string option)
    {
        var args = new[] { option, "rootleaf.pem" };
        var (rc, _, stderr) = Run(args, "");
        rc.ShouldBe(1);
        stderr.ShouldBe($"verify: Option {option} is not supported by cnfsigner\n");
    }

    private static (int Rc, string Stdout, string Stderr) Run(string[] args, string stdin)
    {
        var r = CliRunner.Run(Dir, stdin, new FixedClock(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)), ["verify", .. args]);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    private static string Expected(string name, string ext) => File.ReadAllText(Path.Combine(Dir, "expected", $"{name}.{ext}"));

    // Every line OpenSSL printed itself must be there, in order; library error lines may be dropped or shortened.
    private static void ShouldMatchOpenSslStderr(string actual, string expected)
    {
        var ours = Lines(actual);
        var theirs = Lines(expected).Select(l => (Line: Shorten(l), Library: LibraryLine().IsMatch(l))).ToList();
        var j = 0;
        foreach (var line in ours)
        {
            while (j < theirs.Count && theirs[j].Line != line)
            {
                theirs[j].Library.ShouldBeTrue($"missing line \"{theirs[j].Line}\" before \"{line}\" in:\n{actual}");
                j++;
            }
            (j < theirs.Count).ShouldBeTrue($"unexpected line \"{line}\" in:\n{actual}\nexpected:\n{expected}");
            j++;
        }
        theirs.Skip(j).ShouldAllBe(t => t.Library, $"missing lines at the end of:\n{actual}\nexpected:\n{expected}");
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Where(l => l.Length > 0).ToArray();

    private static string Shorten(string line)
    {
        var m = LibraryLine().Match(line);
        if (!m.Success) return line;
        var data = m.Groups["data"].Value;
        return data.Length == 0 ? m.Groups["reason"].Value : $"{m.Groups["reason"].Value}: {data}";
    }

    [GeneratedRegex(@"^[0-9A-F]+:error:[0-9A-F]{8}:[^:]*:[^:]*:(?<reason>[^:]*):[^:]*:\d+:(?<data>.*)$")]
    private static partial Regex LibraryLine();
}
