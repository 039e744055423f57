namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// Where cnfsigner req deliberately differs from openssl req 3.0 (listed in the README): each test asserts our
/// behaviour and that openssl does what the README says it does (live where installed, else as recorded).
/// </summary>
[TestFixture]
public class ReqDifferenceTests
{
    [Test]
    public void A_failed_verify_exits_1_where_openssl_exits_0()
    {
        using var dir = ReqCorpus.Copy();
        string[] args = ["req", "-in", "node.csr", "-verify", "-key", "ca.key", "-noout"];

        var run = CliRunner.Run(dir.Path, "", args);

        run.ExitCode.ShouldBe(1);
        run.Stderr.ShouldBe("Certificate request self-signature verify failure\n");
        var real = RecordedOpenSsl.Exec(dir, args);
        real.ExitCode.ShouldBe(0);
        real.Stderr.ShouldBe(run.Stderr);
    }

    // Issue #12: without a terminal (here: in-process, standard input given), req asks as OpenSSL does: the prompt
    // on standard error, the answer from standard input. These used to assert cnfsigner's refusal to prompt.
    [Test]
    public void A_new_key_to_encrypt_without_passout_and_no_answer_fails_as_openssl_does_but_writes_nothing()
    {
        using var dir = ReqCorpus.Copy();
        string[] args = ["req", "-new", "-config", "node.cnf", "-newkey", "rsa:1024", "-keyout", "new.key", "-out", "new.csr"];

        var run = CliRunner.Run(dir.Path, "", args);

        run.ExitCode.ShouldBe(1);
        KeygenProgress.Strip(run.Stderr).ShouldBe("Enter PEM pass phrase:\nprocessing error: while reading strings\nproblems getting password\n" +
                            "interrupted or cancelled\nunable to get passphrase\n");
        File.Exists(dir.File("new.key")).ShouldBeFalse();
        File.Exists(dir.File("new.csr")).ShouldBeFalse();
        using var theirs = ReqCorpus.Copy();
        var real = RecordedOpenSsl.Exec(theirs, args);
        real.ExitCode.ShouldBe(1);
        OpenSsl.HumanLinesShouldAppearInOrder(run.Stderr, real.Stderr);
        new FileInfo(theirs.File("new.key")).Length.ShouldBe(0); // openssl leaves an empty key file
    }

    [Test]
    public void An_encrypted_key_without_passin_and_without_a_terminal_reads_the_pass_phrase_from_stdin()
    {
        using var dir = ReqCorpus.Copy();
        string[] args = ["req", "-new", "-config", "node.cnf", "-key", "key-enc.pem", "-out", "n.csr"];

        var run = CliRunner.Run(dir.Path, "secret\n", args);

        run.ExitCode.ShouldBe(0);
        run.Stderr.ShouldBe("Enter pass phrase for key-enc.pem:\n");
        File.Exists(dir.File("n.csr")).ShouldBeTrue();
        using var theirs = ReqCorpus.Copy();
        var real = RecordedOpenSsl.ExecWithInput(theirs, "secret\n", args);
        real.ExitCode.ShouldBe(0);
        real.Stderr.ShouldBe(run.Stderr);
    }

    [Test]
    public void Keyout_is_not_written_when_the_request_then_fails()
    {
        using var dir = ReqCorpus.Copy();
        string[] args = ["req", "-new", "-config", "missing-dn.cnf", "-newkey", "rsa:1024", "-nodes", "-keyout", "new.key", "-out", "n.csr"];

        var run = CliRunner.Run(dir.Path, "", args);

        run.ExitCode.ShouldBe(1);
        KeygenProgress.Strip(run.Stderr).ShouldBe("-----\nUnable to get 'nosuch' section\nError making certificate request\n");
        File.Exists(dir.File("new.key")).ShouldBeFalse();
        using var theirs = ReqCorpus.Copy();
        RecordedOpenSsl.Exec(theirs, args).ExitCode.ShouldBe(1);
        File.ReadAllText(theirs.File("new.key")).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
    }
}
