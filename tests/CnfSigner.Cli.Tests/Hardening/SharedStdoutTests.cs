namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// Standard output redirected to a regular file that later commands of the same shell group append to: the
/// descriptor's offset is shared, so cnfsigner must write through it (write(2)), not at a position of its own
/// (FileStream's pwrite), or the next writer overwrites its output. Scripts such as CA.pl and easy-rsa do this.
/// </summary>
[TestFixture, Category("Slow")] // runs the executable through sh
public class SharedStdoutTests
{
    private HardeningFixture _fixture = null!;

    [OneTimeSetUp]
    public void Setup() => _fixture = new HardeningFixture();

    [OneTimeTearDown]
    public void TearDown() => _fixture?.Dispose();

    [TestCase("x509", "-in", "node.crt", "-noout", "-subject")]
    [TestCase("verify", "-CAfile", "ca.crt", "node.crt")]
    public void Output_to_a_shared_file_is_kept_by_the_next_writer(params string[] args)
    {
        using var dir = _fixture.Copy();
        var alone = Apphost.Run(dir.Path, args);
        alone.ExitCode.ShouldBe(0, alone.Stderr);
        var r = Apphost.RunProgram(dir.Path,
            ["sh", "-c", "{ echo before; \"$@\"; echo after; } > shared.txt", "sh", .. Apphost.CommandLine(), .. args]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        File.ReadAllText(Path.Combine(dir.Path, "shared.txt")).ShouldBe("before\n" + alone.Stdout + "after\n");
    }

    /// <summary>Standard output closed (`&gt;&amp;-`): openssl prints nothing and exits 0; the loader reuses the
    /// number for a file of its own, which must not be taken for standard output.</summary>
    [Test]
    public void Closed_standard_output_is_not_a_file_of_the_runtime()
    {
        using var dir = _fixture.Copy();
        var r = Apphost.RunProgram(dir.Path, ["sh", "-c", "exec \"$@\" >&-", "sh", .. Apphost.CommandLine(), "version"]);
        r.Stderr.ShouldBeEmpty();
        r.ExitCode.ShouldBe(0);
    }
}
