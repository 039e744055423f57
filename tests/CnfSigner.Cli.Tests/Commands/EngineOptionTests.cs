namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// -engine ID: OpenSSL 3.0.19's setup_engine_methods() prints `Invalid engine "ID"` and its error stack when the
/// engine cannot be loaded, and the app goes on without it (exit 0 where the run succeeds). cnfsigner has no
/// engines, so every id takes that path.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public class EngineOptionTests
{
    [TestCase("genrsa", "-engine", "foo", "-out", "k.pem", "512")]
    [TestCase("rand", "-engine", "foo", "-hex", "4")]
    [TestCase("dgst", "-engine", "foo", "-sha256", "/dev/null")]
    [TestCase("genpkey", "-engine", "foo", "-algorithm", "ed25519")]
    [TestCase("x509", "-engine", "foo", "-in", "/dev/null")]
    [TestCase("ca", "-engine", "foo", "-config", "/dev/null")]
    [TestCase("verify", "-engine", "foo", "/dev/null")]
    public void An_unknown_engine_is_reported_and_the_command_goes_on(params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("engine").FullName;
        try
        {
            var ours = CliRunner.Run(dir, "", args);
            ours.Stderr.ShouldStartWith("Invalid engine \"foo\"\nno such engine: id=foo\n");
            OpenSsl.RequireForItsHalf();
            var theirs = OpenSsl.Exec(dir, args);
            theirs.Stderr.ShouldStartWith("Invalid engine \"foo\"\n");
            ours.ExitCode.ShouldBe(theirs.ExitCode, ours.Stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Every_engine_given_is_reported()
    {
        var ours = CliRunner.Run(Path.GetTempPath(), "", "rand", "-engine", "a", "-engine", "b", "-hex", "1");
        ours.ExitCode.ShouldBe(0);
        ours.Stderr.ShouldBe("Invalid engine \"a\"\nno such engine: id=a\nInvalid engine \"b\"\nno such engine: id=b\n");
    }
}
