namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// The verify options cases (testdata/verify/opts/cases.tsv, made by the Pki tests' tools/gen-verify-opts.sh): trust
/// settings of TRUSTED CERTIFICATE anchors, -auth_level, -CAstore, -suiteB_*, -vfyopt, -verify_name, repeated
/// -trusted/-untrusted/-CRLfile and ECDSA with SHA-3, against the recorded `openssl verify` runs and, where openssl
/// is installed, against openssl run live.
/// </summary>
public partial class VerifyCommandTests
{
    private static readonly string OptionsDir = Path.Combine(Dir, "opts");

    public static IEnumerable<TestCaseData> OptionCases() => CasesIn(OptionsDir, nameof(Verify_option_matches_openssl));

    public static IEnumerable<TestCaseData> LiveOptionCases() => CasesIn(OptionsDir, nameof(Verify_option_matches_live_openssl));

    /// <summary>(name, arguments) per row of a directory's cases.tsv, each test named after its row.</summary>
    private static IEnumerable<TestCaseData> CasesIn(string dir, string test) =>
        File.ReadAllLines(Path.Combine(dir, "cases.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => new TestCaseData(p[0], p[1]).SetName($"{test}({p[0]})"));

    [TestCaseSource(nameof(OptionCases))]
    public void Verify_option_matches_openssl(string name, string args)
    {
        var (rc, stdout, stderr) = Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), "");

        string Recorded(string ext) => File.ReadAllText(Path.Combine(OptionsDir, "expected", $"{name}.{ext}"));
        rc.ShouldBe(int.Parse(Recorded("rc").Trim()), stderr);
        stdout.ShouldBe(Recorded("out"));
        ShouldMatchOpenSslStderr(stderr, Recorded("err"));
    }

    [TestCaseSource(nameof(LiveOptionCases)), Category("Interop")]
    public void Verify_option_matches_live_openssl(string name, string args)
    {
        if (!OpenSsl.Available) Assert.Ignore("openssl is not installed");
        var argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var live = OpenSsl.ExecWithInput(Dir, "", ["verify", .. argv]);
        var (rc, stdout, stderr) = Run(argv, "");

        rc.ShouldBe(live.ExitCode, stderr);
        stdout.ShouldBe(live.Stdout);
        ShouldMatchOpenSslStderr(stderr, live.Stderr);
    }

    [Test]
    public void Help_lists_the_options_that_now_work()
    {
        var help = CliRunner.Run(Dir, "", new FixedClock(DateTimeOffset.UnixEpoch), ["verify", "-help"]);
        var text = help.Stdout + help.Stderr;
        foreach (var option in new[] { "-CAstore uri", "-auth_level int", "-verify_name val", "-check_ss_sig", "-vfyopt val",
                     "-suiteB_128_only", "-suiteB_128 ", "-suiteB_192", "-no-CAstore" })
            text.ShouldContain(" " + option);
        foreach (var refused in new[] { "-crl_download", "-extended_crl", "-use_deltas" })
            text.ShouldNotContain(" " + refused + " ");
    }
}
