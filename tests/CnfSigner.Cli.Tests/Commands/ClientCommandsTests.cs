using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// version, rand, dgst, enc, crl2pkcs7 and dhparam (issue #13: easy-rsa and CA.pl run unchanged) against the
/// outputs openssl 3.0.19 gave for the same command lines (testdata/clients/cases.txt, made by
/// tools/make-client-goldens.sh), and against the live openssl where it is installed.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public class ClientCommandsTests
{
    private static string Dir => CliRunner.TestData("clients");

    /// <summary>Cases where cnfsigner deliberately says more than OpenSSL (README, Differences).</summary>
    private static readonly Dictionary<string, string> Differences = new()
    {
        // OpenSSL stops at damaged base64 silently and exits 0 with nothing written.
        ["enc-d-junk"] = "bad base64 decode\n",
        ["enc-d-bad"] = "bad base64 decode\n",
        ["enc-d-short"] = "bad base64 decode\n",
        ["enc-d-a-A"] = "bad base64 decode\n", // -A with line breaks in the input
    };

    /// <summary>Option rows of OpenSSL's -help that cnfsigner leaves out (engines, MACs, debugging, DSA conversion).</summary>
    private static readonly Dictionary<string, string[]> Unsupported = new()
    {
        ["dgst"] = ["-engine_impl", "-d", "-debug", "-sigopt", "-mac", "-macopt", "-fips-fingerprint"],
        ["enc"] = ["-debug"],
        ["dhparam"] = ["-dsaparam"],
    };

    public sealed record Case(string Name, string[] Args, string? StdinFile)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Case> Cases()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "clients", "cases.txt");
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var name = line[..line.IndexOf(':')];
            var words = line[(name.Length + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            string? stdin = null;
            if (words[^1].StartsWith('<')) { stdin = words[^1][1..]; words.RemoveAt(words.Count - 1); }
            yield return new Case(name, [.. words], stdin);
        }
    }

    private static RunResult Ours(Case c) =>
        CliRunner.Run(Dir, c.StdinFile == null ? "" : Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Dir, c.StdinFile))), c.Args);

    [TestCaseSource(nameof(Cases))]
    public void Output_and_exit_code_are_openssls(Case c)
    {
        var golden = Path.Combine(Dir, "golden", c.Name);
        Compare(c, Ours(c), File.ReadAllBytes(golden + ".out"), File.ReadAllText(golden + ".err"),
            int.Parse(File.ReadAllText(golden + ".rc").Trim()));
    }

    [TestCaseSource(nameof(Cases))]
    [Category("Interop")]
    public void Output_and_exit_code_are_those_of_the_installed_openssl(Case c)
    {
        OpenSsl.Require();
        // Through sh, so binary standard input reaches openssl unchanged.
        var theirs = Apphost.RunProgram(Dir, ["sh", "-c", "exec openssl \"$@\" < \"$0\"", c.StdinFile ?? "/dev/null", .. c.Args]);
        Compare(c, Ours(c), theirs.StdoutBytes, theirs.Stderr, theirs.ExitCode);
    }

    private static void Compare(Case c, RunResult ours, byte[] stdout, string stderr, int rc)
    {
        if (Differences.TryGetValue(c.Name, out var message))
        {
            (ours.ExitCode, ours.Stderr, ours.StdoutBytes.Length).ShouldBe((1, message, 0));
            return;
        }
        if (c.Name.EndsWith("-help-subset", StringComparison.Ordinal))
        {
            var left = Unsupported[c.Args[0]];
            var expected = string.Concat(stderr.Split('\n').Where(l => !left.Contains(l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())).Select(l => l + "\n"));
            (ours.ExitCode, ours.Stderr).ShouldBe((0, expected[..^1]));
            return;
        }
        ours.ExitCode.ShouldBe(rc, ours.Stderr);
        OpenSsl.HumanLinesShouldAppearInOrder(ours.Stderr, stderr);
        // A failure writes nothing, or what OpenSSL wrote before it (dgst's other files).
        if (rc != 0 && ours.StdoutBytes.Length == 0) return;
        ours.StdoutBytes.ShouldBe(stdout, $"stdout of {c.Name}:\n{ours.Stdout}");
    }
}
