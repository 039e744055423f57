using System.Diagnostics;
using System.Text;

namespace CnfSigner.Cli.Tests;

/// <summary>Runs a command through the dispatcher with in-memory standard streams.</summary>
internal static class CliHarness
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var terminal = new Terminal(new StringReader(stdin), stdout, stderr, TimeProvider.System);
        var rc = CnfSigner.Cli.Cli.Run(args, terminal);
        return (rc, stdout.ToArray(), stderr.ToString());
    }

    public static string TestData(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "testdata", .. parts]);

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cnfsigner-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>The real openssl as an independent judge; tests that need it are ignored where it is absent.</summary>
internal static class OpenSsl
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "openssl"))))
            Assert.Ignore("openssl is not on PATH");
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>OpenSSL's human-readable lines: the "tid:error:..." library lines are left out.</summary>
    public static string WithoutErrorStack(string stderr) =>
        string.Concat(stderr.Split('\n').Where(l => !l.Contains(":error:", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n');
}
