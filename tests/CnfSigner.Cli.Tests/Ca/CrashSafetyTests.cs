using System.Diagnostics;
using System.Text;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// `cnfsigner ca` is killed (SIGKILL) at random moments, most of them inside the commit (after it prints "Write out
/// database", while the serial, attr and index files and the certificates are being replaced), a few anywhere in
/// the run. After every kill the database must be consistent (<see cref="DatabaseInvariants"/>) and the next
/// cnfsigner run must continue it; every few kills, and at the end, openssl must continue it too (where installed; without it only cnfsigner's half runs).
/// </summary>
[TestFixture, Category("Slow")] // kills hundreds of cnfsigner processes
public class CrashSafetyTests
{
    private const int Runs = 240;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(100);
    private const string Marker = "Write out database";

    [Test]
    public void Killing_ca_at_random_moments_never_breaks_the_database()
    {
        using var ca = new CaFixture();
        using var dir = ca.Copy();
        var random = new Random(8);
        var commit = Calibrate(dir);
        int runs = 0, killed = 0, inCommit = 0;
        var outputs = new List<string>();
        var clock = Stopwatch.StartNew();
        string[] DatabaseTemps() => [.. Directory.GetFiles(dir.Path, ".index.txt*.tmp"), .. Directory.GetFiles(dir.Path, ".serial.txt*.tmp")];
        var stale = 0;
        for (; runs < Runs && clock.Elapsed < Budget; runs++)
        {
            outputs.Add(dir.File($"k{runs}.crt"));
            var duringCommit = random.Next(4) != 0;
            var delay = duringCommit
                ? TimeSpan.FromTicks((long)(commit.Ticks * 1.2 * random.NextDouble()))
                : TimeSpan.FromMilliseconds(random.Next(0, 400));
            var outcome = RunAndKill(dir, $"/O=Cockroach/CN=k{runs}", outputs[^1], duringCommit, delay);
            if (outcome.Killed) killed++;
            stale += DatabaseTemps().Length;
            if (outcome.Killed && outcome.SawMarker) inCommit++;
            DatabaseInvariants.Check(dir.Path, dir.File("certs"), outputs);
            if (runs % 25 == 24 && OpenSsl.Available) OpenSslContinues(dir, $"o{runs}");
        }

        TestContext.Out.WriteLine($"{runs} runs, {killed} killed ({inCommit} inside the commit), commit took ~{commit.TotalMilliseconds:F1} ms");
        killed.ShouldBeGreaterThan(runs / 2);
        // Enough kills must land inside the commit for the test to mean something; how many depends on the
        // machine's load, so the bar is a tenth of the runs rather than a quarter.
        inCommit.ShouldBeGreaterThan(runs / 10);
        var rows = DatabaseInvariants.Check(dir.Path, dir.File("certs"), outputs);
        // One more unkilled run clears what killed runs left beside the database files (under the lock).
        RunAndKill(dir, "/O=Cockroach/CN=last", dir.File("last.crt"), false, TimeSpan.FromDays(1)).Killed.ShouldBeFalse();
        DatabaseTemps().ShouldBeEmpty();
        TestContext.Out.WriteLine($"{stale} temporary database files left by killed runs (cleared by the next run under the lock)");
        TestContext.Out.WriteLine($"{rows.Count} rows survive");
        OpenSsl.RequireForItsHalf();
        OpenSslContinues(dir, "final");
        string[] caArgs = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt"];
        OpenSsl.Exec(dir.Path, [.. caArgs, "-updatedb"]).ExitCode.ShouldBe(0);
        var crl = OpenSsl.Exec(dir.Path, [.. caArgs, "-gencrl", "-crldays", "1", "-out", "crl.pem"]);
        crl.ExitCode.ShouldBe(0, crl.Stderr);
    }

    private sealed record Outcome(bool Killed, bool SawMarker);

    private static string[] SignArgs(string subject, string output) =>
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy", "-extensions",
         "signing_node_req", "-outdir", "certs/", "-batch", "-in", "node.csr", "-subj", subject, "-out", output];

    /// <summary>Starts one signing run and kills it <paramref name="delay"/> after it announces the commit (or after
    /// its start); a run that ends first is left alone and must have succeeded.</summary>
    private static Outcome RunAndKill(TempDir dir, string subject, string output, bool afterMarker, TimeSpan delay)
    {
        using var p = Apphost.Start(dir.Path, SignArgs(subject, output));
        var marker = new ManualResetEventSlim();
        var stderr = new StringBuilder();
        var reader = new Thread(() => ReadUntilEnd(p.StandardError.BaseStream, stderr, marker)) { IsBackground = true };
        reader.Start();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (afterMarker) while (!marker.Wait(2) && !p.HasExited) { }
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < delay && !p.HasExited) Thread.SpinWait(20);
        var killed = false;
        if (!p.HasExited)
        {
            try { p.Kill(); killed = true; }
            catch (InvalidOperationException) { }
        }
        p.WaitForExit();
        reader.Join();
        _ = stdout.Result;
        // A kill that raced with a normal exit did not kill anything; an unkilled run must have succeeded.
        killed = killed && p.ExitCode != 0;
        if (!killed) p.ExitCode.ShouldBe(0, stderr.ToString());
        return new Outcome(killed, marker.IsSet);
    }

    private static void ReadUntilEnd(Stream stream, StringBuilder text, ManualResetEventSlim marker)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            lock (text) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            if (!marker.IsSet && text.ToString().Contains(Marker, StringComparison.Ordinal)) marker.Set();
        }
    }

    /// <summary>How long the commit takes here: from the announcement to the end of three unkilled runs.</summary>
    private static TimeSpan Calibrate(TempDir dir)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            using var p = Apphost.Start(dir.Path, SignArgs($"/O=Cockroach/CN=cal{i}", dir.File($"cal{i}.crt")));
            var marker = new ManualResetEventSlim();
            var reader = new Thread(() => ReadUntilEnd(p.StandardError.BaseStream, new StringBuilder(), marker));
            reader.Start();
            var stdout = p.StandardOutput.ReadToEndAsync();
            marker.Wait();
            var watch = Stopwatch.StartNew();
            p.WaitForExit();
            times.Add(watch.Elapsed);
            reader.Join();
            _ = stdout.Result;
            p.ExitCode.ShouldBe(0);
        }
        return times.Max() + TimeSpan.FromMilliseconds(2);
    }

    private static void OpenSslContinues(TempDir dir, string name)
    {
        var r = OpenSsl.Exec(dir.Path, "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
            "-extensions", "signing_node_req", "-outdir", "certs/", "-batch", "-notext", "-in", "node.csr",
            "-subj", $"/O=Cockroach/CN={name}", "-out", dir.File(name + ".crt"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldNotContain("error");
        DatabaseInvariants.Check(dir.Path, dir.File("certs"));
    }
}
