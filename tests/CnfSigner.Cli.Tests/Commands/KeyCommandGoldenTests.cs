namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Every deterministic output of genpkey/ecparam/pkey/rsa/ec/pkcs8 against OpenSSL 3.0.19's bytes, made by
/// tools/make-key-goldens.sh from testdata/keys/cases.txt (fixed keys, so text dumps and conversions are stable).
/// </summary>
public class KeyCommandGoldenTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "testdata", "keys");

    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "testdata", "keys", "cases.txt"))
            .Where(l => l.Contains('|'))
            .Select(l => new TestCaseData(l.Split('|')[0], l.Split('|')[1]).SetName("Golden_" + l.Split('|')[0]));

    [TestCaseSource(nameof(Cases))]
    public void Output_is_OpenSSLs_byte_for_byte(string name, string args)
    {
        var argv = args.Replace("{in}", Dir).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (rc, stdout, _) = CliRunner.RunHere("", argv);
        rc.ShouldBe(0);
        stdout.ShouldBe(File.ReadAllBytes(Path.Combine(Dir, "expected", name + ".out")));
    }

    [TestCase("genpkey")]
    [TestCase("ecparam")]
    [TestCase("pkey")]
    [TestCase("rsa")]
    [TestCase("ec")]
    [TestCase("pkcs8")]
    public void Help_is_OpenSSLs_on_stderr(string command)
    {
        var (rc, stdout, stderr) = CliRunner.RunHere("", command, "-help");
        (rc, stdout.Length).ShouldBe((0, 0));
        stderr.ShouldBe(File.ReadAllText(Path.Combine(Dir, "expected", $"help-{command}.out")));
    }
}
