using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Prompts;

/// <summary>
/// Issue #12: pass phrases typed at the terminal. Each case runs on a pseudo-terminal with answers typed at the
/// prompts; cnfsigner's transcript must show what openssl's golden transcript (testdata/prompts/NAME.transcript,
/// made by openssl 3.0) shows, libcrypto's error stack in cnfsigner's short form, and the run must leave the
/// terminal's modes as they were, write no escape sequence, never show a pass phrase and leave no file behind on
/// failure. The openssl half re-checks the goldens where openssl is installed (CNFSIGNER_WRITE_GOLDENS=1 rewrites
/// them).
/// </summary>
[Category("Slow")]
public partial class PromptTranscriptTests
{
    private const string Pass = "abcd"; // fixtures/enc.pem's pass phrase

    public sealed record PromptCase(string Name, string[] Args, string[] Answers, string? Made = null, string? NotMade = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] Genrsa = ["genrsa", "-aes256", "-out", "key.pem", "2048"];
    private static readonly string[] ReqNewKey = ["req", "-new", "-newkey", "rsa:2048", "-keyout", "key.pem", "-subj", "/CN=x", "-out", "x.csr"];
    private static readonly string[] ReqKey = ["req", "-new", "-key", "enc.pem", "-subj", "/CN=x", "-out", "x.csr"];

    public static IEnumerable<PromptCase> Cases() =>
    [
        new("genrsa_aes256", Genrsa, [Pass, Pass], Made: "key.pem"),
        new("genrsa_mismatch", Genrsa, [Pass, "abce"], NotMade: "key.pem"),
        new("genrsa_too_short", Genrsa, ["abc"], NotMade: "key.pem"),
        new("genrsa_too_short_verify", Genrsa, [Pass, ""], NotMade: "key.pem"),
        new("genrsa_empty", Genrsa, [""], NotMade: "key.pem"),
        new("genrsa_eof", Genrsa, ["EOF"], NotMade: "key.pem"),
        new("genrsa_ctrl_c", Genrsa, ["INT"], NotMade: "key.pem"),
        new("req_newkey", ReqNewKey, [Pass, Pass], Made: "key.pem"),
        new("req_newkey_too_short", ReqNewKey, ["abc"], NotMade: "key.pem"),
        new("req_key", ReqKey, [Pass], Made: "x.csr"),
        new("req_key_wrong", ReqKey, ["nope1"], NotMade: "x.csr"),
        new("req_key_empty", ReqKey, [""], NotMade: "x.csr"),
        new("req_key_eof", ReqKey, ["EOF", "EOF", "EOF"], NotMade: "x.csr"),
        new("req_key_ctrl_c", ReqKey, ["INT", "INT", "INT"], NotMade: "x.csr"),
        new("req_key_eof_then_pass", ReqKey, ["EOF", Pass], Made: "x.csr"),
        new("req_CA_CAkey", ["req", "-new", "-key", "node.key", "-subj", "/CN=x", "-CA", "ca.pem", "-CAkey", "enc.pem", "-out", "x.pem"], [Pass], Made: "x.pem"),
        new("x509_req_CAkey", ["x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "enc.pem", "-CAcreateserial", "-out", "x.pem"], [Pass], Made: "x.pem"),
        new("ca_cakey", ["ca", "-config", "ca.cnf", "-batch", "-notext", "-startdate", "20250101000000Z", "-enddate", "20260101000000Z",
            "-in", "node.csr", "-out", "node.pem"], [Pass], Made: "node.pem"),
        new("ca_cakey_wrong", ["ca", "-config", "ca.cnf", "-batch", "-notext", "-startdate", "20250101000000Z", "-enddate", "20260101000000Z",
            "-in", "node.csr", "-out", "node.pem"], ["nope1"], NotMade: "node.pem"),
        // The subject questions read standard input (the terminal, echoing); no keypad mode may be switched on.
        new("req_subject_prompt", ["req", "-new", "-config", "req.cnf", "-key", "node.key", "-out", "x.csr"], ["node"], Made: "x.csr"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Cnfsigner_shows_what_openssl_shows(PromptCase c)
    {
        if (!PseudoTerminal.Available) Assert.Ignore("no pseudo-terminal or setsid here");
        using var dir = Setup();
        var run = PseudoTerminal.Run(dir.Path, [.. Apphost.CommandLine(), .. c.Args], c.Answers);
        var golden = File.ReadAllText(Golden(c.Name, "transcript"));

        TranscriptsMatch(Normalize(run.Transcript), Normalize(golden));
        run.ExitCode.ShouldBe(int.Parse(File.ReadAllText(Golden(c.Name, "rc"))), run.Transcript);
        run.ModesAfter.ShouldBe(run.ModesBefore, "the terminal's modes changed");
        run.Transcript.ShouldNotContain("\x1b", Case.Sensitive, "an escape sequence was written");
        if (c.Name != "req_subject_prompt")
            foreach (var answer in c.Answers.Where(a => a.Length >= 4)) run.Transcript.ShouldNotContain(answer);
        if (c.Made != null) File.Exists(dir.File(c.Made)).ShouldBeTrue();
        if (c.NotMade != null) File.Exists(dir.File(c.NotMade)).ShouldBeFalse("a failing run left a file behind");
    }

    [TestCaseSource(nameof(Cases))]
    public void Openssl_shows_the_golden_transcript(PromptCase c)
    {
        OpenSsl.Require();
        if (!PseudoTerminal.Available) Assert.Ignore("no pseudo-terminal or setsid here");
        using var dir = Setup();
        var run = PseudoTerminal.Run(dir.Path, ["openssl", .. c.Args], c.Answers);
        if (Environment.GetEnvironmentVariable("CNFSIGNER_WRITE_GOLDENS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceGoldens(), c.Name + ".transcript"), run.Transcript);
            File.WriteAllText(Path.Combine(SourceGoldens(), c.Name + ".rc"), run.ExitCode + "\n");
            return;
        }
        string.Join("\n", Normalize(run.Transcript).Select(l => l.Text))
            .ShouldBe(string.Join("\n", Normalize(File.ReadAllText(Golden(c.Name, "transcript"))).Select(l => l.Text)));
        run.ExitCode.ShouldBe(int.Parse(File.ReadAllText(Golden(c.Name, "rc"))));
        run.ModesAfter.ShouldBe(run.ModesBefore);
    }

    /// <summary>The fixtures, and a CA.pl-style ./demoCA whose key is the encrypted enc.pem.</summary>
    private static TempDir Setup()
    {
        var dir = new TempDir();
        foreach (var f in Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "prompts", "fixtures")))
            File.Copy(f, dir.File(Path.GetFileName(f)));
        Directory.CreateDirectory(dir.File("demoCA/private"));
        Directory.CreateDirectory(dir.File("demoCA/newcerts"));
        File.Copy(dir.File("enc.pem"), dir.File("demoCA/private/cakey.pem"));
        File.Copy(dir.File("ca.pem"), dir.File("demoCA/cacert.pem"));
        File.WriteAllText(dir.File("demoCA/index.txt"), "");
        File.WriteAllText(dir.File("demoCA/serial"), "1000\n");
        return dir;
    }

    private sealed record Line(string Text, bool Library);

    /// <summary>
    /// The terminal's "\r\n" as "\n"; ca's "(-335 days)" (it depends on today) as "(N days)"; key-generation
    /// progress dots dropped (cnfsigner prints none); a libcrypto
    /// "tid:error:code:lib:func:reason:file:line:data" line as "reason: data", marked as a library line.
    /// </summary>
    private static List<Line> Normalize(string transcript) =>
        DayCount().Replace(transcript.Replace("\r\n", "\n"), "(N days)").TrimEnd('\n').Split('\n')
            .Where(l => !Dots().IsMatch(l))
            .Select(l => ErrorLine().Match(l) is { Success: true } m
                ? new Line(m.Groups["data"].Value.Length == 0 ? m.Groups["reason"].Value : $"{m.Groups["reason"].Value}: {m.Groups["data"].Value}", true)
                : new Line(l, false))
            .ToList();

    /// <summary>Every line of ours in OpenSSL's order; OpenSSL's own lines all there; its library lines may be left out.</summary>
    private static void TranscriptsMatch(List<Line> ours, List<Line> theirs)
    {
        var shown = $"\n--- cnfsigner:\n{string.Join("\n", ours.Select(l => l.Text))}\n--- openssl:\n{string.Join("\n", theirs.Select(l => l.Text))}";
        var j = 0;
        foreach (var line in ours)
        {
            while (j < theirs.Count && theirs[j].Text != line.Text)
            {
                theirs[j].Library.ShouldBeTrue($"missing \"{theirs[j].Text}\" before \"{line.Text}\"{shown}");
                j++;
            }
            (j < theirs.Count).ShouldBeTrue($"unexpected \"{line.Text}\"{shown}");
            j++;
        }
        theirs.Skip(j).ShouldAllBe(t => t.Library, $"missing lines at the end{shown}");
    }

    private static string Golden(string name, string ext) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "prompts", $"{name}.{ext}");

    private static string SourceGoldens([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "prompts");

    [GeneratedRegex(@"\(-?\d+ days?\)")]
    private static partial Regex DayCount();

    [GeneratedRegex(@"^[.+*]+$")]
    private static partial Regex Dots();

    [GeneratedRegex(@"^[0-9A-F]+:error:[0-9A-F]{8}:[^:]*:[^:]*:(?<reason>[^:]*):[^:]*:\d+:(?<data>.*)$")]
    private static partial Regex ErrorLine();
}
