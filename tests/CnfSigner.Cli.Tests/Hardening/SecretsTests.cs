using System.Text;

namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// Keys and pass phrases. Private keys are created 0600 from their first byte whatever the umask (proved with an
/// LD_PRELOAD shim that logs every creation's requested mode and umask, testdata/hardening/createmode.c, so no race
/// with the process is involved); pass phrases are taken in every form OpenSSL accepts; and a pass phrase never
/// appears in any output, of a failing run least of all.
/// </summary>
[TestFixture, Category("Slow")] // processes under an LD_PRELOAD shim
public class SecretsTests
{
    private const string Secret = HardeningFixture.Secret;
    private HardeningFixture _fixture = null!;

    [OneTimeSetUp]
    public void Setup() => _fixture = new HardeningFixture();

    [OneTimeTearDown]
    public void TearDown() => _fixture?.Dispose();

    [TestCase("genrsa", "genrsa", "-out", "new.key", "1024")]
    [TestCase("genrsa_encrypted", "genrsa", "-aes256", "-passout", "pass:" + Secret, "-out", "new.key", "1024")]
    [TestCase("req_keyout", "req", "-new", "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=x", "-keyout", "new.key", "-out", "new.csr")]
    [TestCase("genrsa_over_a_0644_file", "genrsa", "-out", "old.key", "1024")]
    [TestCase("rand_writefile", "genrsa", "-writerand", "new.key", "-out", "other.key", "1024")]
    public void Key_files_are_never_wider_than_0600(string name, params string[] args)
    {
        var shim = BuildShim();
        using var dir = _fixture.Copy();
        File.WriteAllText(dir.File("old.key"), "old\n");
        File.SetUnixFileMode(dir.File("old.key"), (UnixFileMode)0b110_100_100);
        var log = dir.File("createmode.log");
        // umask 000: only the mode the product asks for protects the file.
        var r = Apphost.RunProgram(dir.Path, ["sh", "-c", "shim=$1; shift; umask 000; CREATEMODE_LOG=\"$0\" LD_PRELOAD=\"$shim\" exec \"$@\"", log, shim,
            .. Apphost.CommandLine(), .. args]);
        r.ExitCode.ShouldBe(0, r.Stderr);

        var key = args.Contains("-keyout") ? "new.key" : args.Contains("-writerand") ? "new.key" : args[Array.IndexOf(args, "-out") + 1];
        var lines = File.ReadAllLines(log).Select(l => l.Split(' ', 4)).ToList();
        var creations = lines.Where(l => l[0] == "create" && IsKeyFile(l[3], key)).ToList();
        creations.ShouldNotBeEmpty($"no creation of {key} logged:\n{string.Join("\n", File.ReadAllLines(log))}");
        foreach (var l in creations)
            (Convert.ToInt32(l[1], 8) & ~Convert.ToInt32(l[2], 8) & 0b000_111_111).ShouldBe(0, $"{l[3]} created {l[1]} with umask {l[2]}");
        foreach (var l in lines.Where(l => l[0] == "chmod" && (l[3].StartsWith("fd:", StringComparison.Ordinal) || IsKeyFile(l[3], key))))
            (Convert.ToInt32(l[1], 8) & 0b000_111_111).ShouldBe(0, $"chmod {l[1]} {l[3]}");
        File.GetUnixFileMode(dir.File(key)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(dir.File(key)).ShouldNotContain(Secret);
    }

    // The key itself or its temporary sibling ".new.key.<guid>.tmp".
    private static bool IsKeyFile(string path, string key) =>
        Path.GetFileName(path) == key || Path.GetFileName(path).StartsWith($".{key}.", StringComparison.Ordinal);

    private static string BuildShim()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "testdata", "hardening", "createmode.c");
        var output = Path.Combine(Path.GetTempPath(), $"cnfsigner-createmode-{Environment.ProcessId}.so");
        if (File.Exists(output)) return output;
        try
        {
            var r = Apphost.RunProgram("/", "cc", "-shared", "-fPIC", "-o", output, source, "-ldl");
            if (r.ExitCode != 0) Assert.Ignore("cannot build the LD_PRELOAD shim: " + r.Stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("no C compiler (cc) to build the LD_PRELOAD shim");
        }
        return output;
    }

    /// <summary>-passin as apps/lib/apps.c app_get_pass() reads it, with cnfsigner and (where installed) openssl alike.</summary>
    [TestCase("pass:" + Secret)]
    [TestCase("env:CNFSIGNER_TEST_PASS")]
    [TestCase("file:pass.txt")]
    [TestCase("fd:3")]
    [TestCase("stdin")]
    public void Every_passin_form_opens_the_encrypted_key(string form)
    {
        using var dir = _fixture.Copy();
        File.WriteAllText(dir.File("pass.txt"), Secret + "\nsecond line ignored\n");
        string[] args = ["req", "-new", "-key", "enc.key", "-passin", form, "-subj", "/O=Cockroach/CN=p", "-out", "p.csr"];
        var cnfsigner = WithPassSources(dir, [.. Apphost.CommandLine(), .. args]);
        cnfsigner.ExitCode.ShouldBe(0, cnfsigner.Stderr);
        (cnfsigner.Stdout + cnfsigner.Stderr).ShouldNotContain(Secret);
        OpenSsl.RequireForItsHalf();
        var openssl = WithPassSources(dir, ["openssl", .. args[..^1], "p2.csr"]);
        openssl.ExitCode.ShouldBe(0, openssl.Stderr);
    }

    /// <summary>-passout in every form: the key it writes opens with the pass phrase (in openssl too, where installed).</summary>
    [TestCase("pass:" + Secret)]
    [TestCase("env:CNFSIGNER_TEST_PASS")]
    [TestCase("file:pass.txt")]
    [TestCase("fd:3")]
    [TestCase("stdin")]
    public void Every_passout_form_encrypts_with_that_pass_phrase(string form)
    {
        using var dir = _fixture.Copy();
        File.WriteAllText(dir.File("pass.txt"), Secret + "\n");
        var r = WithPassSources(dir, [.. Apphost.CommandLine(), "genrsa", "-aes128", "-passout", form, "-out", "new.key", "1024"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        (r.Stdout + r.Stderr).ShouldNotContain(Secret);
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", "new.key", "-passin", "pass:" + Secret, "-subj", "/CN=x", "-out", "x.csr").ExitCode.ShouldBe(0);
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", "new.key", "-passin", "pass:wrong", "-subj", "/CN=x", "-out", "y.csr").ExitCode.ShouldBe(1);
        if (OpenSsl.Available)
            OpenSsl.Exec(dir.Path, "pkey", "-in", "new.key", "-passin", "pass:" + Secret, "-noout").ExitCode.ShouldBe(0);
    }

    // fd:3 is pass.txt opened by the shell, stdin is pass.txt redirected, env: is set for the child only.
    private static RunResult WithPassSources(TempDir dir, string[] commandLine)
    {
        using var p = Apphost.StartProgram(dir.Path, new Dictionary<string, string> { ["CNFSIGNER_TEST_PASS"] = Secret },
            ["sh", "-c", "exec 3<pass.txt; exec \"$@\" < pass.txt", "sh", .. commandLine]);
        return Apphost.Finish(p);
    }

    public static IEnumerable<TestCaseData> FailingRunsWithSecrets()
    {
        TestCaseData Case(string name, params string[] args) => new TestCaseData((object)args).SetName("secret_not_echoed/" + name);
        string[] ca = ["ca", "-config", "ca.cnf", "-cert", "ca.crt", "-batch", "-in", "node.csr", "-outdir", "certs/", "-policy", "signing_policy"];
        yield return Case("ca_wrong_pass", [.. ca, "-keyfile", "enc.key", "-passin", "pass:" + Secret + "-wrong"]);
        yield return Case("ca_key_option_wrong", [.. ca, "-keyfile", "enc.key", "-key", Secret + "-wrong"]);
        yield return Case("ca_pass_for_mismatched_key", [.. ca, "-keyfile", "node.key", "-passin", "pass:" + Secret]);
        yield return Case("ca_pass_from_file_wrong", [.. ca, "-keyfile", "enc.key", "-passin", "file:wrong.txt"]);
        yield return Case("ca_pass_from_env_wrong", [.. ca, "-keyfile", "enc.key", "-passin", "env:CNFSIGNER_WRONG_PASS"]);
        yield return Case("ca_pass_without_scheme", [.. ca, "-keyfile", "enc.key", "-passin", Secret]);
        yield return Case("ca_pass_and_garbage_key", [.. ca, "-keyfile", "ca.cnf", "-passin", "pass:" + Secret]);
        yield return Case("ca_pass_and_bad_request", [.. ca[..^5], "ca.cnf", "-outdir", "certs/", "-keyfile", "enc.key", "-passin", "pass:" + Secret]);
        yield return Case("req_wrong_pass", "req", "-new", "-key", "enc.key", "-passin", "pass:" + Secret + "-wrong", "-subj", "/CN=x");
        yield return Case("req_passout_unwritable", "req", "-new", "-newkey", "rsa:1024", "-passout", "pass:" + Secret, "-subj", "/CN=x", "-keyout", "nodir/k.key");
        yield return Case("genrsa_passout_unwritable", "genrsa", "-aes256", "-passout", "pass:" + Secret, "-out", "nodir/k.key", "1024");
        yield return Case("genrsa_passout_bad_option", "genrsa", "-aes256", "-passout", "pass:" + Secret, "-bogus", "1024");
        yield return Case("x509_cakey_wrong_pass", "x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "enc.key", "-passin", "pass:" + Secret + "-wrong");
        yield return Case("x509_signkey_wrong_pass", "x509", "-req", "-in", "node.csr", "-signkey", "enc.key", "-passin", "pass:" + Secret + "-wrong");
    }

    [TestCaseSource(nameof(FailingRunsWithSecrets))]
    public void A_failing_run_never_shows_the_pass_phrase(string[] args)
    {
        using var dir = _fixture.Copy();
        File.WriteAllText(dir.File("wrong.txt"), Secret + "-wrong\n");
        Environment.SetEnvironmentVariable("CNFSIGNER_WRONG_PASS", Secret + "-wrong");
        var r = CliRunner.Run(dir.Path, Secret + "\n", args);
        r.ExitCode.ShouldNotBe(0, r.Stderr);
        BadInputTests.AssertCleanMessage(r.Stderr);
        // Not the pass phrase, nor a recognisable part of it.
        (r.Stdout + r.Stderr).ShouldNotContain(Secret[..6]);
    }
}
