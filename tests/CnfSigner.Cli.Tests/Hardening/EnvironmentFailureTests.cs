namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// Failures of the machine rather than of the input, run through the real executable: standard output on a full
/// device (/dev/full), a full disk (a small tmpfs mounted in a private mount namespace with `unshare -m`), and
/// directories and files the user may not write (the tests run as root, so these run cnfsigner as `nobody`
/// through runuser). Each must end in a clean message, exit 1, and an unchanged directory.
/// </summary>
[TestFixture, Category("Slow")] // processes on /dev/full and a tmpfs
public class EnvironmentFailureTests
{
    private HardeningFixture _fixture = null!;

    [OneTimeSetUp]
    public void Setup() => _fixture = new HardeningFixture();

    [OneTimeTearDown]
    public void TearDown() => _fixture?.Dispose();

    private static readonly string[] GenCrl = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-gencrl", "-crldays", "30"];

    public static IEnumerable<TestCaseData> StdoutCommands()
    {
        TestCaseData Case(string name, params string[] args) => new TestCaseData((object)args).SetName("dev_full/" + name);
        yield return Case("x509", "x509", "-in", "node.crt");
        yield return Case("x509_text", "x509", "-in", "node.crt", "-noout", "-text");
        yield return Case("genrsa", "genrsa", "1024");
        yield return Case("req_text", "req", "-in", "node.csr", "-noout", "-text");
        yield return Case("req_new", "req", "-new", "-key", "node.key", "-subj", "/O=Cockroach/CN=x");
        yield return Case("crl", "crl", "-in", "ca.crl");
        yield return Case("ca_gencrl", GenCrl);
        yield return Case("conf", "conf", "-in", "ca.cnf");
        yield return Case("verify", "verify", "-CAfile", "ca.crt", "node.crt");
    }

    [TestCaseSource(nameof(StdoutCommands))]
    public void Output_to_a_full_device_is_an_error(string[] args)
    {
        if (!File.Exists("/dev/full")) Assert.Ignore("no /dev/full here");
        using var dir = _fixture.Copy();
        var before = DirectorySnapshot.WithModes(dir.Path);
        var r = Apphost.RunProgram(dir.Path, ["sh", "-c", "exec \"$@\" > /dev/full", "sh", .. Apphost.CommandLine(), .. args]);
        r.ExitCode.ShouldBe(1, r.Stderr);
        BadInputTests.AssertCleanMessage(r.Stderr);
        r.Stderr.ShouldContain("Error writing to standard output: No space left on device");
        DirectorySnapshot.WithModes(dir.Path).ShouldBe(before);
    }

    public static IEnumerable<TestCaseData> WritingCommands()
    {
        TestCaseData Case(string name, params string[] args) => new TestCaseData((object)args).SetName("full_disk/" + name);
        yield return Case("ca_sign", [.. BadInputCorpus.Sign]);
        yield return Case("ca_sign_to_stdout", [.. BadInputCorpus.Sign[..^4], "-in", "node.csr"]);
        yield return Case("ca_gencrl_with_crlnumber", [.. GenCrl[..2], "ca-crlnumber.cnf", .. GenCrl[3..], "-out", "new.crl"]);
        yield return Case("ca_revoke", "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-revoke", "node.crt");
        yield return Case("genrsa", "genrsa", "-out", "new.key", "1024");
        yield return Case("req_newkey", "req", "-new", "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=x", "-keyout", "new.key", "-out", "new.csr");
        yield return Case("x509_req", "x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "new.crt");
    }

    /// <summary>The whole CA in a tmpfs filled to the last byte: every write fails, and nothing may change.</summary>
    [TestCaseSource(nameof(WritingCommands))]
    public void A_full_disk_changes_nothing(string[] args)
    {
        var result = InFullTmpfs(args, freeKiB: 0);
        result.Run.ExitCode.ShouldBe(1, result.Run.Stderr);
        BadInputTests.AssertCleanMessage(result.Run.Stderr);
        result.Run.Stderr.ShouldContain("No space left on device");
        result.After.ShouldBe(result.Before);
    }

    /// <summary>
    /// Signing with 0 to 60 KiB free (tmpfs counts whole 4 KiB pages per file): each run either succeeds or fails
    /// cleanly with the database exactly as it was; never a half-committed state.
    /// </summary>
    [Test]
    public void Signing_on_a_nearly_full_disk_commits_all_or_nothing()
    {
        int failures = 0, successes = 0;
        for (var free = 0; free <= 60; free += 4)
        {
            var result = InFullTmpfs([.. BadInputCorpus.Sign], free);
            if (result.Run.ExitCode == 0)
            {
                successes++;
                result.After.Keys.ShouldContain("./new.crt");
                continue;
            }
            failures++;
            result.Run.ExitCode.ShouldBe(1, result.Run.Stderr);
            BadInputTests.AssertCleanMessage(result.Run.Stderr);
            result.After.ShouldBe(result.Before, $"{free} KiB free: {result.Run.Stderr}");
        }
        TestContext.Out.WriteLine($"{failures} clean failures, {successes} successes");
        failures.ShouldBeGreaterThan(0);
        successes.ShouldBeGreaterThan(0);
    }

    private sealed record TmpfsResult(RunResult Run, SortedDictionary<string, string> Before, SortedDictionary<string, string> After);

    // Mounts a 1 MiB tmpfs over a scratch directory in a private mount namespace, copies the CA in, fills the rest
    // (leaving freeKiB), lists every file with its hash before and after the command, then the mount goes away.
    private TmpfsResult InFullTmpfs(string[] args, int freeKiB)
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/unshare")) Assert.Ignore("needs root and unshare to mount a tmpfs");
        using var dir = _fixture.Copy();
        using var work = new TempDir();
        Directory.CreateDirectory(work.File("mnt"));
        const string script = """
            set -u
            mnt=$1; src=$2; out=$3; free=$4; shift 4
            mount -t tmpfs -o size=1m tmpfs "$mnt" || exit 97
            cp -a "$src"/. "$mnt"/ && cd "$mnt" || exit 98
            dd if=/dev/zero of=.filler bs=4k 2>/dev/null
            [ "$free" -gt 0 ] && truncate -s -"${free}K" .filler
            list() { find . -path ./.filler -prune -o -print | LC_ALL=C sort | while read -r f; do
                       if [ -f "$f" ]; then echo "$f $(stat -c %a "$f") $(sha256sum < "$f" | cut -c1-64)"; else echo "$f"; fi; done; }
            list > "$out/before"
            "$@" > /dev/null 2> "$out/stderr"; echo $? > "$out/rc"
            list > "$out/after"
            """;
        var r = Apphost.RunProgram(dir.Path, ["unshare", "-m", "sh", "-c", script, "sh", work.File("mnt"), dir.Path, work.Path,
            freeKiB.ToString(), .. Apphost.CommandLine(), .. args]);
        if (!File.Exists(work.File("rc"))) Assert.Ignore($"could not mount a tmpfs here: {r.Stderr}");
        var run = new RunResult(int.Parse(File.ReadAllText(work.File("rc")).Trim()), "", File.ReadAllText(work.File("stderr")), []);
        return new TmpfsResult(run, Listing(work.File("before")), Listing(work.File("after")));
    }

    private static SortedDictionary<string, string> Listing(string path) =>
        new(File.ReadAllLines(path).ToDictionary(l => l.Split(' ')[0], l => l), StringComparer.Ordinal);
}
