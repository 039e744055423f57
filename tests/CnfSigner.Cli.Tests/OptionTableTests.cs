using CnfSigner.Cli;

namespace CnfSigner.Cli.Tests;

public class OptionTableTests
{
    private static readonly OptionTable Table = new("ca", "[options] [certreq...]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("out", OptionKind.OutFile, "Where to put the output file(s)"),
        new OptionSpec("days", OptionKind.PositiveInt, "Number of days to certify the cert for"),
        new OptionSpec("batch", OptionKind.Flag, "Don't ask questions"),
        new OptionSpec("inform", OptionKind.PemDer, "CSR input format (DER or PEM); default PEM"));

    private static string ErrorOf(params string[] args) =>
        Should.Throw<CnfSignerException>(() => Table.Parse(args)).Message;

    [TestCase("-out", "x.pem")]
    [TestCase("--out", "x.pem")]
    [TestCase("-out=x.pem")]
    [TestCase("--out=x.pem")]
    public void Value_is_taken_in_every_spelling_OpenSSL_accepts(params string[] args) =>
        Table.Parse(args).Value("out").ShouldBe("x.pem");

    [Test]
    public void Parsing_stops_at_the_first_positional() =>
        Table.Parse(["-batch", "node.csr", "-out", "x"]).Positionals.ShouldBe(["node.csr", "-out", "x"]);

    [Test]
    public void Double_dash_ends_options() =>
        Table.Parse(["--", "-batch"]).Positionals.ShouldBe(["-batch"]);

    [Test]
    public void The_last_repeated_value_wins() =>
        Table.Parse(["-out", "a", "-out", "b"]).Value("out").ShouldBe("b");

    [TestCase(new[] { "-bogus" }, "ca: Unknown option: -bogus\nca: Use -help for summary.")]
    [TestCase(new[] { "-out" }, "ca: Option -out needs a value\nca: Use -help for summary.")]
    [TestCase(new[] { "-batch=1" }, "ca: Option -batch does not take a value\nca: Use -help for summary.")]
    [TestCase(new[] { "-days", "0" }, "ca: Non-positive number \"0\" for option -days\nca: Use -help for summary.")]
    [TestCase(new[] { "-days", "abc" }, "ca: Can't parse \"abc\" as a number\nca: Use -help for summary.")]
    [TestCase(new[] { "-inform", "XYZ" }, "ca: Bad format \"XYZ\"\nca: Invalid format \"XYZ\" for option -inform\nca: Use -help for summary.")]
    public void Errors_use_OpenSSLs_words(string[] args, string expected) => ErrorOf(args).ShouldBe(expected);

    [Test]
    public void Help_has_OpenSSLs_columns_and_exit_code_0()
    {
        var e = Should.Throw<CnfSignerException>(() => Table.Parse(["-help"]));
        e.ExitCode.ShouldBe(0);
        e.Message.ShouldBe(
            "Usage: ca [options] [certreq...]\n\nGeneral options:\n" +
            " -help            Display this summary\n" +
            " -out outfile     Where to put the output file(s)\n" +
            " -days +int       Number of days to certify the cert for\n" +
            " -batch           Don't ask questions\n" +
            " -inform PEM|DER  CSR input format (DER or PEM); default PEM");
    }

    [Test]
    public void Unknown_names_are_collected_for_apps_that_take_digest_names()
    {
        var table = new OptionTable("req", "[options]", UnknownOptions.Collect, new OptionSpec("new", OptionKind.Flag, "New request"));
        table.Parse(["-sha256", "-new"]).UnknownNames.ShouldBe(["sha256"]);
    }
}
