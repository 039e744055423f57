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
