using System.Text.RegularExpressions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Pkcs12;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// openssl pkcs12 against OpenSSL 3.0.19: testdata/pkcs12/make.sh recorded .p12 files made by openssl (default,
/// -legacy, -descert, -nomac, -certpbe NONE, attributes, EC, Ed25519 with an empty password) and what openssl
/// prints for each line of cases.txt; our output must be the same bytes, our stderr the same lines (libcrypto's
/// stack in its short form), our exit code the same.
/// </summary>
public partial class Pkcs12Tests
{
    private static string Dir => CliRunner.TestData("pkcs12");

    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "testdata", "pkcs12", "cases.txt"))
            .Where(l => l.Contains('|') && !l.StartsWith('#'))
            .Select(l => new TestCaseData(l.Split('|')[0], l.Split('|')[1]).SetName("Pkcs12Golden_" + l.Split('|')[0]));

    [TestCaseSource(nameof(Cases))]
    public void Output_is_OpenSSLs(string name, string args)
    {
        var run = CliRunner.Run(Dir, "", ["pkcs12", .. args.Split(" ", StringSplitOptions.RemoveEmptyEntries)]);
        var expected = Path.Combine(Dir, "expected", name);
        run.ExitCode.ShouldBe(int.Parse(File.ReadAllText(expected + ".rc").Trim()), run.Stderr);
        run.StdoutBytes.ShouldBe(File.ReadAllBytes(expected + ".out"));
        run.Stderr.ShouldBe(ShortStack(File.ReadAllText(expected + ".err")));
    }

    // Exporting what make.sh exported, then reading it back, prints what openssl printed for its own file.
    [TestCase("default-info", "-certfile ca.crt -name my+node -caname the+ca", "-info -nodes")]
    [TestCase("legacy-info", "-certfile ca.crt -name my+node -caname the+ca -legacy", "-info -nodes -legacy")]
    [TestCase("descert", "-certfile ca.crt -descert", "-info -nodes")]
    [TestCase("nomac", "-nomac", "-info -nodes")]
    [TestCase("certpbe-none", "-certpbe NONE", "-info -nodes")]
    [TestCase("attributes", "-name a+very+long+friendly+name+here -keypbe NONE -certpbe NONE -LMK -CSP my+csp -keyex", "-info -nodes")]
    public void Our_export_reads_back_as_openssls_file_does(string golden, string exportArgs, string readArgs)
    {
        using var dir = new TempDir();
        var export = Args($"-export -in {Dir}/leaf.crt -inkey {Dir}/leaf.key -passout pass:secret -out {dir.File("ours.p12")} {exportArgs}");
        var made = CliRunner.Run(Dir, "", export);
        made.ExitCode.ShouldBe(0, made.Stderr);
        made.Stderr.ShouldBe("");
        var read = CliRunner.Run(Dir, "", Args($"-in {dir.File("ours.p12")} -passin pass:secret {readArgs}"));
        read.ExitCode.ShouldBe(0, read.Stderr);
        read.StdoutBytes.ShouldBe(File.ReadAllBytes(Path.Combine(Dir, "expected", golden + ".out")));
        read.Stderr.ShouldBe(File.ReadAllText(Path.Combine(Dir, "expected", golden + ".err")));
        Convert.ToString((int)File.GetUnixFileMode(dir.File("ours.p12")), 8).ShouldBe("600");
    }

    [TestCase("ec", "ec.p12", "-macalg sha512 -iter 1000")]
    [TestCase("ed", "ed-empty-password.p12", "")]
    public void EC_and_Ed25519_keys_round_trip(string name, string opensslFile, string exportArgs)
    {
        using var dir = new TempDir();
        var pass = name == "ed" ? "pass:" : "pass:secret";
        CliRunner.Run(Dir, "", Args($"-export -in {name}.crt -inkey {name}.key -passout {pass} -out {dir.File("o.p12")} {exportArgs}")).ExitCode.ShouldBe(0);
        var ours = CliRunner.Run(Dir, "", "pkcs12", "-in", dir.File("o.p12"), "-passin", pass, "-nodes", "-info");
        var theirs = CliRunner.Run(Dir, "", "pkcs12", "-in", opensslFile, "-passin", pass, "-nodes", "-info");
        (ours.ExitCode, theirs.ExitCode).ShouldBe((0, 0));
        ours.Stdout.ShouldBe(theirs.Stdout);
        ours.Stderr.ShouldBe(theirs.Stderr);
    }

    [Test]
    public void The_key_is_written_encrypted_with_the_passout_and_decrypts_to_the_original()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(Dir, "", "pkcs12", "-in", "default.p12", "-passin", "pass:secret", "-nocerts", "-passout", "pass:topsecret", "-out", dir.File("k.pem"));
        run.ExitCode.ShouldBe(0, run.Stderr);
        var text = File.ReadAllText(dir.File("k.pem"));
        text.ShouldContain("Key Attributes: <No Attributes>\n-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
        var back = CliRunner.Run(dir.Path, "", "pkey", "-in", "k.pem", "-passin", "pass:topsecret");
        back.Stdout.ShouldBe(File.ReadAllText(Path.Combine(Dir, "leaf.key")));
    }

    [Test]
    public void Without_passwords_it_asks_in_openssls_words()
    {
        using var dir = new TempDir();
        var export = CliRunner.Run(Dir, "pw\npw\n", "pkcs12", "-export", "-in", "leaf.crt", "-inkey", "leaf.key", "-out", dir.File("p.p12"));
        export.ExitCode.ShouldBe(0, export.Stderr);
        export.Stderr.ShouldBe("Enter Export Password:\nVerifying - Enter Export Password:\n");
        var read = CliRunner.Run(Dir, "pw\n", "pkcs12", "-in", dir.File("p.p12"), "-nodes", "-nokeys");
        read.ExitCode.ShouldBe(0, read.Stderr);
        read.Stderr.ShouldBe("Enter Import Password:\n");
        read.Stdout.ShouldContain("subject=O = Cockroach, CN = node\n");
        var wrong = CliRunner.Run(Dir, "nope\n", "pkcs12", "-in", dir.File("p.p12"), "-nodes");
        (wrong.ExitCode, wrong.Stderr).ShouldBe((1, "Enter Import Password:\nMac verify error: invalid password?\n"));
    }

    [Test]
    public void A_mismatched_export_password_fails_and_writes_nothing()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(Dir, "pw\npx\n", "pkcs12", "-export", "-in", "leaf.crt", "-inkey", "leaf.key", "-out", dir.File("p.p12"));
        (run.ExitCode, run.Stderr).ShouldBe((1, "Enter Export Password:\nVerifying - Enter Export Password:\nVerify failure\nCan't read Password\n"));
        File.Exists(dir.File("p.p12")).ShouldBeFalse();
    }

    [Test]
    public void The_library_call_writes_a_file_the_command_reads()
    {
        using var dir = new TempDir();
        Pkcs12Export.WriteFile([Path.Combine(Dir, "leaf.crt"), Path.Combine(Dir, "ca.crt")], Path.Combine(Dir, "leaf.key"), "pw",
            dir.File("lib.p12"), new Pkcs12ExportOptions { Name = "node" });
        var read = CliRunner.Run(Dir, "", "pkcs12", "-in", dir.File("lib.p12"), "-passin", "pass:pw", "-nodes", "-cacerts");
        read.ExitCode.ShouldBe(0, read.Stderr);
        read.Stdout.ShouldStartWith("Bag Attributes: <No Attributes>\nsubject=CN = Test CA\n");
        Should.Throw<CnfSignerException>(() => Pkcs12Export.WriteFile([Path.Combine(Dir, "ca.crt")], Path.Combine(Dir, "leaf.key"), "pw", dir.File("x.p12")))
            .Message.ShouldStartWith("No cert in -in file");
        File.Exists(dir.File("x.p12")).ShouldBeFalse();
    }

    [TestCase("")]
    [TestCase("-legacy")]
    [TestCase("-descert -macalg sha1")]
    [TestCase("-nomac")]
    [Category("Interop")]
    public void Openssl_reads_ours_as_its_own(string variant)
    {
        OpenSsl.Require();
        using var dir = new TempDir();
        var common = $"-export -in leaf.crt -inkey leaf.key -certfile ca.crt -name node -passout pass:pw {variant}";
        CliRunner.Run(Dir, "", Args($"{common} -out {dir.File("ours.p12")}")).ExitCode.ShouldBe(0);
        OpenSsl.Exec(Dir, ["pkcs12", .. $"{common} -out {dir.File("theirs.p12")}".Split(' ', StringSplitOptions.RemoveEmptyEntries)]).ExitCode.ShouldBe(0);
        var legacy = variant == "-legacy" ? "-legacy" : "-nodes";
        var ours = OpenSsl.Exec(Dir, "pkcs12", "-in", dir.File("ours.p12"), "-passin", "pass:pw", "-info", "-nodes", legacy);
        var theirs = OpenSsl.Exec(Dir, "pkcs12", "-in", dir.File("theirs.p12"), "-passin", "pass:pw", "-info", "-nodes", legacy);
        ours.ExitCode.ShouldBe(0, ours.Stderr);
        (ours.Stdout, ours.Stderr).ShouldBe((theirs.Stdout, theirs.Stderr));
        new FileInfo(dir.File("ours.p12")).Length.ShouldBe(new FileInfo(dir.File("theirs.p12")).Length);
    }

    private static string[] Args(string line) =>
        ["pkcs12", .. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace('+', ' '))];

    // "tid:error:code:lib:func:reason:file:line:data" as cnfsigner prints it ("reason: data"); the lines of the
    // store loader and the file BIO that cnfsigner leaves out of every command are dropped.
    private static string ShortStack(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => ErrorLine().Match(l) is { Success: true } m
            ? m.Groups["data"].Value.Length > 0 ? $"{m.Groups["reason"].Value}: {m.Groups["data"].Value}" : m.Groups["reason"].Value
            : l);
        return string.Join('\n', lines.Where(l => l is not ("unregistered scheme: scheme=file" or "no such file")
                                                  && !l.StartsWith("No such file or directory: calling fopen", StringComparison.Ordinal)));
    }

    [GeneratedRegex("^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:(?<reason>[^:]*):[^:]*:[0-9]+:(?<data>.*)$")]
    private static partial Regex ErrorLine();
}
