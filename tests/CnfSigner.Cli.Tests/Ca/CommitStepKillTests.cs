using System.Text;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// The commit killed at every step rather than at random moments (<see cref="CrashSafetyTests"/>): strace's fault
/// injection sends SIGKILL at the Nth rename, the Nth fsync and every few file opens of a two-request `ca -infiles`
/// run, for every N the run makes. After each kill the database is the old one or the new one (never torn: the
/// index is the old bytes or the old bytes and both new rows, the serial file is ahead of every row), no
/// certificate or -out exists without its row, and the next cnfsigner run (and openssl, where installed) continues
/// it. Skipped where strace or its fault injection is missing.
/// </summary>
[TestFixture, Category("Slow")] // a few dozen traced cnfsigner processes
public class CommitStepKillTests
{
    private static readonly string[] Sign =
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy", "-extensions",
         "signing_node_req", "-outdir", "certs/", "-batch", "-out", "batch.crt", "-infiles", "node.csr", "root.csr"];

    [TestCase("rename", 1)]
    [TestCase("fsync", 1)]
    [TestCase("openat", 8)]
    public void Killed_at_every_step_the_database_is_old_or_new(string syscall, int step)
    {
        if (!File.Exists("/usr/bin/strace")) Assert.Ignore("strace is not installed");
        using var ca = new CaFixture();
        // A database with rows already, so that "old" and "new" differ in more than emptiness.
        using (var seeded = ca.Copy())
        {
            CliRunner.Run(seeded.Path, "", ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
                "-extensions", "signing_node_req", "-outdir", "certs/", "-batch", "-in", "san.csr"]).ExitCode.ShouldBe(0);
            foreach (var name in new[] { "index.txt", "index.txt.attr", "serial.txt" })
                File.Copy(seeded.File(name), ca.Dir.File(name), overwrite: true);
        }

        var calls = Count(ca, syscall);
        calls.ShouldBeGreaterThan(0, $"an unkilled run makes no {syscall} call");
        TestContext.Out.WriteLine($"{calls} {syscall} calls in an unkilled run");
        int killed = 0, newState = 0;
        for (var n = 1; n <= calls; n += step)
        {
            using var dir = ca.Copy();
            var oldIndex = File.ReadAllBytes(dir.File("index.txt"));
            var r = Apphost.RunProgram(dir.Path, ["strace", "-f", "-qq", "-o", "/dev/null", "-e", $"trace={syscall}",
                "-e", $"inject={syscall}:signal=KILL:when={n}", .. Apphost.CommandLine(), .. Sign]);
            if (r.Stderr.Contains("invalid", StringComparison.OrdinalIgnoreCase) && r.Stderr.Contains("inject"))
                Assert.Ignore($"this strace cannot inject faults: {r.Stderr}");
            if (r.ExitCode != 0) killed++;

            var rows = DatabaseInvariants.Check(dir.Path, dir.File("certs"), [dir.File("batch.crt")]);
            var index = File.ReadAllBytes(dir.File("index.txt"));
            index.AsSpan(0, Math.Min(index.Length, oldIndex.Length)).SequenceEqual(oldIndex).ShouldBeTrue($"{syscall} #{n}: the old rows changed");
            var added = Encoding.Latin1.GetString(index, oldIndex.Length, index.Length - oldIndex.Length).Count(c => c == '\n');
            added.ShouldBeOneOf([0, 2], $"{syscall} #{n}: the index is neither old nor new");
            if (added == 2) newState++;
            if (added == 0) File.Exists(dir.File("batch.crt")).ShouldBeFalse($"{syscall} #{n}: -out without its rows");

            // The next run continues the database, whatever was left (temporary files are cleared under the lock).
            var next = Apphost.Run(dir.Path, [.. Sign[..^5], "-out", "next.crt", "-in", "node.csr", "-subj", "/O=Cockroach/CN=next"]);
            next.ExitCode.ShouldBe(0, $"{syscall} #{n}: {next.Stderr}");
            DatabaseInvariants.Check(dir.Path, dir.File("certs"), [dir.File("next.crt")]).Count.ShouldBe(rows.Count + 1);
            if (OpenSsl.Available)
            {
                var o = OpenSsl.Exec(dir.Path, [.. Sign[..^5], "-out", "o.crt", "-notext", "-in", "node.csr", "-subj", "/O=Cockroach/CN=openssl"]);
                o.ExitCode.ShouldBe(0, $"{syscall} #{n}: {o.Stderr}");
                DatabaseInvariants.Check(dir.Path, dir.File("certs"), [dir.File("o.crt")]).Count.ShouldBe(rows.Count + 2);
            }
        }
        TestContext.Out.WriteLine($"{killed} runs killed, {newState} left the new database");
        killed.ShouldBeGreaterThan(0);
    }

    /// <summary>How many calls of <paramref name="syscall"/> an unkilled run makes (all threads).</summary>
    private static int Count(CaFixture ca, string syscall)
    {
        using var dir = ca.Copy();
        using var log = new TempDir();
        var r = Apphost.RunProgram(dir.Path, ["strace", "-f", "-qq", "-o", log.File("trace"), "-e", $"trace={syscall}",
            .. Apphost.CommandLine(), .. Sign]);
        if (r.ExitCode != 0 && !File.Exists(log.File("trace"))) Assert.Ignore($"strace does not run here: {r.Stderr}");
        r.ExitCode.ShouldBe(0, r.Stderr);
        return File.ReadAllLines(log.File("trace")).Count(l => l.Contains(syscall + "(", StringComparison.Ordinal));
    }
}
