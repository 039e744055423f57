using System.Diagnostics;

namespace CnfSigner.Pki.Tests;

internal static class TestData
{
    public static string Key(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "keys", name);
    public static byte[] KeyBytes(string name) => File.ReadAllBytes(Key(name));
    public static string KeyText(string name) => File.ReadAllText(Key(name));
    public static string KeyHex(string name) => Convert.ToHexString(KeyBytes(name));

    /// <summary>A fresh empty directory under the system temp folder, removed by the caller's TearDown.</summary>
    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cnfsigner-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>The real openssl as an independent judge; tests that need it are ignored where it is absent.</summary>
internal static class OpenSsl
{
    private static readonly Lazy<bool> Present = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "openssl"))));

    public static void Require()
    {
        if (!Present.Value) Assert.Ignore("openssl is not on PATH");
    }

    public static (int ExitCode, byte[] Stdout, string Stderr) Run(params string[] args)
    {
        Require();
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
