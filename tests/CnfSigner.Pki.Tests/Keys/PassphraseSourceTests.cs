using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Tests.Keys;

public class PassphraseSourceTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestData.NewTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string FileWith(string contents)
    {
        var path = Path.Combine(_dir, "pass.txt");
        File.WriteAllText(path, contents);
        return path;
    }

    private static string? Resolve(string? arg, string stdin = "") => PassphraseSource.Resolve(arg, new StringReader(stdin));

    [Test]
    public void No_argument_gives_no_pass_phrase() => Resolve(null).ShouldBeNull();

    [TestCase("pass:secret", "secret")]
    [TestCase("pass:", "")]
    [TestCase("pass:a:b c", "a:b c")]
    public void Pass_takes_the_rest_of_the_argument(string arg, string expected) => Resolve(arg).ShouldBe(expected);

    [Test]
    public void Env_reads_the_variable()
    {
        Environment.SetEnvironmentVariable("CNFSIGNER_TEST_PASS", "from-env");
        Resolve("env:CNFSIGNER_TEST_PASS").ShouldBe("from-env");
    }

    [TestCase("first\nsecond\n", "first")]
    [TestCase("no newline", "no newline")]
    [TestCase("crlf\r\n", "crlf\r")]
    public void File_gives_its_first_line_without_the_newline_only(string contents, string expected) =>
        Resolve("file:" + FileWith(contents)).ShouldBe(expected);

    [Test]
    public void Stdin_gives_its_first_line() => Resolve("stdin", "typed\nmore\n").ShouldBe("typed");

    [Test]
    public void Fd_0_is_standard_input() => Resolve("fd:0", "from-fd\n").ShouldBe("from-fd");

    [Test]
    public void A_long_line_is_cut_at_1023_bytes() => Resolve("file:" + FileWith(new string('x', 2000))).ShouldBe(new string('x', 1023));

    [TestCase("x", "Invalid password argument, missing ':' within the first 5 chars")]
    [TestCase("secret:abc", "Invalid password argument, missing ':' within the first 5 chars")]
    [TestCase("foo:bar", "Invalid password argument, starting with \"foo:\"")]
    [TestCase("env:CNFSIGNER_NO_SUCH_VARIABLE", "No environment variable CNFSIGNER_NO_SUCH_VARIABLE")]
    [TestCase("file:/nonexistent/pass", "Can't open file /nonexistent/pass")]
    [TestCase("fd:-1", "Can't access file descriptor -1")]
    [TestCase("stdin", "Error reading password from BIO")]
    public void Failures_use_OpenSSLs_words(string arg, string reason) =>
        Should.Throw<CnfSignerException>(() => Resolve(arg)).Message.ShouldBe(reason + "\nError getting password");

    [Test]
    public void An_empty_file_cannot_be_read() =>
        Should.Throw<CnfSignerException>(() => Resolve("file:" + FileWith(""))).Message
            .ShouldBe("Error reading password from BIO\nError getting password");

    [Test]
    public void The_same_file_for_passin_and_passout_gives_its_first_two_lines()
    {
        var arg = "file:" + FileWith("in\nout\n");
        PassphraseSource.ResolvePair(arg, arg, new StringReader("")).ShouldBe(("in", "out"));
    }

    [Test]
    public void Stdin_for_both_gives_two_lines() =>
        PassphraseSource.ResolvePair("stdin", "stdin", new StringReader("one\ntwo\n")).ShouldBe(("one", "two"));

    [Test]
    public void A_pair_failure_says_passwords() =>
        Should.Throw<CnfSignerException>(() => PassphraseSource.ResolvePair("pass:a", "x", new StringReader(""))).Message
            .ShouldBe("Invalid password argument, missing ':' within the first 5 chars\nError getting passwords");
}
