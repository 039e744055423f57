using System.Diagnostics;
using System.Text;
using CnfSigner.Cli;

namespace CnfSigner.Cli.Tests;

/// <summary>The result of one command run: exit code, stdout bytes as text, stderr text.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

/// <summary>Runs cnfsigner in-process with captured streams, in a working directory, at a fixed clock.</summary>
public static class CliRunner
{
    private static readonly object CwdLock = new();

    public static RunResult Run(string workDir, string stdin, params string[] args) =>
        Run(workDir, stdin, TimeProvider.System, args);

    public static RunResult Run(string workDir, string stdin, TimeProvider clock, params string[] args)
    {
        // Commands resolve relative paths against the process's current directory, as OpenSSL does.
        lock (CwdLock)
        {
            var old = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(workDir);
            try
            {
                var stdout = new MemoryStream();
                var stderr = new StringWriter { NewLine = "\n" };
                var code = Cli.Run(args, new Terminal(new StringReader(stdin), stdout, stderr, clock));
                var bytes = stdout.ToArray();
                return new RunResult(code, Encoding.UTF8.GetString(bytes), stderr.ToString(), bytes);
            }
            finally
            {
                Directory.SetCurrentDirectory(old);
            }
        }
    }

    /// <summary>A run in the current directory, for commands given absolute paths: exit code, stdout bytes, stderr.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunHere(string stdin, params string[] args)
    {
        var result = Run(Directory.GetCurrentDirectory(), stdin, args);
        return (result.ExitCode, result.StdoutBytes, result.Stderr);
    }

    /// <summary>A file under the test's copied testdata/ folder.</summary>
    public static string TestData(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "testdata", .. parts]);
}

/// <summary>A directory's files, to compare before and after a run or between the two tools' directories.</summary>
public static class DirectorySnapshot
{
    /// <summary>Every file under the directory with its bytes (hex), by relative path; lock files aside.</summary>
    public static SortedDictionary<string, string> Contents(string dir) =>
        new(Bytes(dir).ToDictionary(f => f.Key, f => Convert.ToHexString(f.Value)), StringComparer.Ordinal);

    public static SortedDictionary<string, string> Contents(TempDir dir) => Contents(dir.Path);

    public static Dictionary<string, byte[]> Bytes(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    /// <summary>Every file and directory under <paramref name="dir"/>, with contents (hashed), modes and link targets.</summary>
    public static SortedDictionary<string, string> WithModes(string dir)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(entry);
            var key = Path.GetRelativePath(dir, entry);
            snapshot[key] = info.LinkTarget != null ? "link " + info.LinkTarget
                : Directory.Exists(entry) ? "dir " + File.GetUnixFileMode(entry)
                : File.GetUnixFileMode(entry) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(entry)));
        }
        return snapshot;
    }
}

/// <summary>The one "fails as openssl fails" check of the failure tables.</summary>
public static class FailureAssertions
{
    /// <summary>
    /// ca's "certified until ... (N days)" counts from the day each tool ran, so two transcripts are compared with
    /// the count left out.
    /// </summary>
    public static void ShouldMatchExceptDayCount(this string ours, string theirs) =>
        WithoutDayCount(ours).ShouldBe(WithoutDayCount(theirs));

    private static string WithoutDayCount(string transcript) =>
        System.Text.RegularExpressions.Regex.Replace(transcript, @"\(-?\d+ days\)", "(N days)");

    /// <summary>
    /// Both tools exit 1, OpenSSL's human-readable stderr lines appear in ours in order, and cnfsigner left
    /// <paramref name="dir"/> exactly as it was (<paramref name="before"/>).
    /// </summary>
    public static void ShouldFailAsOpenSslFails(this RunResult ours, int opensslExitCode, string opensslStderr, string dir,
        SortedDictionary<string, string> before)
    {
        opensslExitCode.ShouldBe(1, opensslStderr);
        ours.ExitCode.ShouldBe(1, ours.Stderr);
        OpenSsl.HumanLinesShouldAppearInOrder(ours.Stderr, opensslStderr);
        DirectorySnapshot.Contents(dir).ShouldBe(before);
    }

    public static void ShouldFailAsOpenSslFails(this RunResult ours, RunResult openssl, TempDir dir, SortedDictionary<string, string> before) =>
        ours.ShouldFailAsOpenSslFails(openssl.ExitCode, openssl.Stderr, dir.Path, before);

    /// <summary>
    /// A -help table is OpenSSL's with the rows of the options cnfsigner refuses left out (README "Differences"):
    /// every line of ours is OpenSSL's, in order, and every row left out names an option that
    /// <c>cnfsigner COMMAND -OPTION</c> refuses as not supported (its continuation lines go with it).
    /// </summary>
    public static void ShouldBeOpenSslHelpWithoutRefusedOptions(this string ours, string theirs, string command)
    {
        var mine = ours.Replace("\r\n", "\n").Split('\n');
        var their = theirs.Replace("\r\n", "\n").Split('\n');
        var j = 0;
        string[]? droppedOption = null;
        foreach (var line in mine)
        {
            while (j < their.Length && their[j] != line)
            {
                var row = System.Text.RegularExpressions.Regex.Match(their[j], @"^ -(\S+)(?: (\S+))?");
                if (row.Success)
                    droppedOption = row.Groups[2].Value switch
                    {
                        "" => ["-" + row.Groups[1].Value],
                        "int" or "+int" or "intmax" or "nonneg" => ["-" + row.Groups[1].Value, "1"],
                        "format" or "PEM|DER" or "PEM|DER|ENGINE" => ["-" + row.Groups[1].Value, "PEM"],
                        "dir" => ["-" + row.Groups[1].Value, "."],
                        _ => ["-" + row.Groups[1].Value, "v"],
                    };
                else droppedOption.ShouldNotBeNull($"OpenSSL's help line \"{their[j]}\" is missing before \"{line}\" in:\n{ours}");
                var dir = Directory.CreateTempSubdirectory("help").FullName;
                try
                {
                    CliRunner.Run(dir, "", [command, .. droppedOption]).Stderr
                        .ShouldContain("is not supported", customMessage: $"{command} -help leaves out {droppedOption[0]}, which cnfsigner takes");
                }
                finally { Directory.Delete(dir, true); }
                j++;
            }
            (j < their.Length).ShouldBeTrue($"line \"{line}\" is not OpenSSL's (or out of order) in:\n{ours}");
            j++;
            droppedOption = null;
        }
        (j == their.Length).ShouldBeTrue($"OpenSSL's help ends with lines ours lacks: {string.Join("|", their.Skip(j))}");
    }
}

/// <summary>Runs the real openssl as a judge; tests that need it are ignored where it is absent.</summary>
public static partial class OpenSsl
{
    public static bool Available { get; } = Probe();

    private static bool Probe()
    {
        try
        {
            return Exec(Path.GetTempPath(), "version").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static void Require()
    {
        if (!Available) Assert.Ignore("openssl is not installed");
    }

    /// <summary>Before the checks only openssl can make, once cnfsigner's half of the test has run and passed.</summary>
    public static void RequireForItsHalf()
    {
        if (!Available) Assert.Ignore("openssl is not installed: cnfsigner's half ran and passed, openssl's half was skipped");
    }

    public static RunResult Exec(string workDir, params string[] args) => ExecWithInput(workDir, "", args);

    /// <summary>Runs openssl, ignoring the test where it is absent.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workDir, params string[] args)
    {
        Require();
        var r = Exec(workDir, args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    /// <summary>
    /// cnfsigner's stderr must hold OpenSSL's own lines (not libcrypto's "tid:error:..." stack, not key-generation
    /// progress dots) in the same order; cnfsigner may add its short reason lines between them.
    /// </summary>
    public static void HumanLinesShouldAppearInOrder(string ours, string openssl)
    {
        var lines = ours.Split('\n');
        var at = 0;
        foreach (var line in openssl.Split('\n').Where(l => l.Length > 0 && !NotHuman().IsMatch(l)))
        {
            var found = Array.IndexOf(lines, line, at);
            found.ShouldBeGreaterThanOrEqualTo(0, $"missing or out of order: \"{line}\"\n--- ours:\n{ours}");
            at = found + 1;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9A-F]+:error:|^[.+*]+$")]
    private static partial System.Text.RegularExpressions.Regex NotHuman();

    /// <summary>OpenSSL's human-readable lines: the "tid:error:..." library lines are left out.</summary>
    public static string WithoutErrorStack(string stderr) =>
        string.Concat(stderr.Split('\n').Where(l => !l.Contains(":error:", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n');

    public static RunResult ExecWithInput(string workDir, string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = workDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var ms = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(ms);
        var err = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        copy.Wait();
        var bytes = ms.ToArray();
        return new RunResult(p.ExitCode, Encoding.UTF8.GetString(bytes), err.Result, bytes);
    }
}

/// <summary>A scratch directory deleted after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnfsigner-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>A clock fixed at one instant, for outputs that contain "now".</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
