namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>A directory where `cnfsigner cockroach ...` has run on the repository's configs/.</summary>
public sealed class CockroachWorkspace : IDisposable
{
    public static readonly string Configs = System.IO.Path.GetFullPath(System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs"));

    private readonly TempDir _dir = new();

    public string Path => _dir.Path;
    public string File(string name) => _dir.File(name);

    public RunResult Run(params string[] args) => CliRunner.Run(Path, "", args);

    public RunResult Ok(params string[] args)
    {
        var r = Run(args);
        r.ExitCode.ShouldBe(0, $"cnfsigner {string.Join(" ", args)}\n{r.Stdout}\n{r.Stderr}");
        return r;
    }

    /// <summary>`cnfsigner cockroach SUB -configs configs/` in this workspace.</summary>
    public RunResult Cockroach(string sub) => Ok("cockroach", sub, "-configs", Configs);

    public RunResult Check(string certsDir, params string[] extra) =>
        Run(["cockroach", "check", "--certs-dir", certsDir, .. extra]);

    public static CockroachWorkspace WithAll()
    {
        var ws = new CockroachWorkspace();
        ws.Cockroach("all");
        return ws;
    }

    public void Dispose() => _dir.Dispose();
}
