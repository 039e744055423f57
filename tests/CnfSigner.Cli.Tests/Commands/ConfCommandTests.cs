using CnfSigner.Cli;

namespace CnfSigner.Cli.Tests.Commands;

[NonParallelizable] // the config files are written to a scratch directory that becomes the current directory
public class ConfCommandTests
{
    private string _dir = "";
    private string _savedCwd = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("cnfsigner-conf-").FullName;
        _savedCwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _dir;
        File.WriteAllText("t.cnf", "top = 1\n[ s ]\nb = x\na = $top\nb = y\n[ empty ]\n[s]\nq = \"  padded  \"\n");
        File.WriteAllText("bad.cnf", "ok = 1\na b = 1\n");
    }

    [TearDown]
    public void TearDown()
    {
        Environment.CurrentDirectory = _savedCwd;
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Rc, string Out, string Err) Run(params string[] args)
    {
        var r = CliRunner.Run(Environment.CurrentDirectory, "", ["conf", .. args]);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    [Test]
    public void Prints_every_section_resolved_in_stored_order_default_first() =>
        Run("-in", "t.cnf").ShouldBe((0,
            "[ default ]\ntop = 1\n\n[ s ]\na = 1\nb = y\nq =   padded  \n\n[ empty ]\n", ""));

    [Test]
    public void Prints_the_named_values_with_default_fallback() =>
        Run("-in", "t.cnf", "s::b", "top", "s::top", "empty::top").ShouldBe((0, "y\n1\n1\n1\n", ""));

    [TestCase(new[] { "-in", "t.cnf", "s::nosuch" }, "no value for s::nosuch\n", TestName = "Unknown name is an error")]
    [TestCase(new[] { "-in", "t.cnf", "b" }, "no value for b\n", TestName = "A bare name looks in default only")]
    [TestCase(new[] { "-in", "bad.cnf" }, "conf: Error on line 2 of config file \"bad.cnf\"\nmissing equal sign: HERE-->b = 1\n", TestName = "Config errors carry the command prefix")]
    [TestCase(new[] { "-in", "nonexist.cnf" }, "Can't open \"nonexist.cnf\" for reading, No such file or directory\n", TestName = "Missing file uses OpenSSLs words")]
    [TestCase(new[] { "-bogus" }, "conf: Unknown option: -bogus\nconf: Use -help for summary.\n", TestName = "Unknown option is an error")]
    [TestCase(new string[0], "conf: No -in file given\nconf: Use -help for summary.\n", TestName = "Missing -in is an error")]
    public void Errors(string[] args, string expected) => Run(args).ShouldBe((1, "", expected));

    [Test]
    public void Help_goes_to_stderr_with_exit_code_0()
    {
        var (rc, stdout, stderr) = Run("-help");
        rc.ShouldBe(0);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("Usage: conf [options] [names...]\n");
        stderr.ShouldContain("the default section first even when empty");
    }
}
