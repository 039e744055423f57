using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// The key commands ask for pass phrases as OpenSSL 3.0.19 does when neither -passin nor -passout gives one. In process
/// there is no terminal, so, as OpenSSL without one, the prompt goes to standard error and the answer comes from
/// standard input; the words below are what `setsid -w openssl ...` printed for the same commands.
/// </summary>
public class KeyCommandPromptTests
{
    private const string Secret = "abcd";

    [TestCase("pkey", "-aes256", "Enter PEM pass phrase:\nVerifying - Enter PEM pass phrase:\n")]
    [TestCase("rsa", "-aes256", "writing RSA key\nEnter pass phrase:\nVerifying - Enter pass phrase:\n")]
    [TestCase("pkcs8", "-topk8", "Enter Encryption Password:\nVerifying - Enter Encryption Password:\n")]
    public void Writing_an_encrypted_key_asks_twice_in_openssls_words(string command, string option, string prompts)
    {
        using var dir = WithKeys();
        var run = CliRunner.Run(dir.Path, $"{Secret}\n{Secret}\n", command, "-in", "plain.pem", option, "-out", "out.pem");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldBe(prompts);
        KeyReader.LoadPrivateKey(dir.File("out.pem"), Secret).ShouldNotBeNull();
        KeyReader.IsEncrypted(File.ReadAllBytes(dir.File("out.pem"))).ShouldBeTrue();
    }

    [TestCase("pkey", "Enter pass phrase for enc.pem:\n")]
    [TestCase("rsa", "Enter pass phrase for enc.pem:\nwriting RSA key\n")]
    [TestCase("pkcs8", "Enter Password:\n")]
    public void Reading_an_encrypted_key_asks_once(string command, string prompts)
    {
        using var dir = WithKeys();
        var run = CliRunner.Run(dir.Path, $"{Secret}\n", command, "-in", "enc.pem", "-out", "out.pem");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldBe(prompts);
        KeyReader.IsEncrypted(File.ReadAllBytes(dir.File("out.pem"))).ShouldBeFalse();
    }

    [Test]
    public void A_mismatch_fails_and_writes_nothing()
    {
        using var dir = WithKeys();
        var run = CliRunner.Run(dir.Path, $"{Secret}\n{Secret}x\n", "pkey", "-in", "plain.pem", "-aes256", "-out", "out.pem");
        run.ExitCode.ShouldBe(1);
        run.Stderr.ShouldStartWith("Enter PEM pass phrase:\nVerifying - Enter PEM pass phrase:\nVerify failure\n");
        File.Exists(dir.File("out.pem")).ShouldBeFalse();
    }

    [Test]
    public void Pkcs8_without_an_answer_cannot_read_the_password_and_writes_nothing()
    {
        using var dir = WithKeys();
        var run = CliRunner.Run(dir.Path, "", "pkcs8", "-in", "enc.pem", "-out", "out.pem");
        run.ExitCode.ShouldBe(1);
        run.Stderr.ShouldBe("Enter Password:\nCan't read Password\n");
        File.Exists(dir.File("out.pem")).ShouldBeFalse();
    }

    // An RSA key, plain and as encrypted PKCS#8, made by cnfsigner itself so the tests run without openssl.
    private static TempDir WithKeys()
    {
        var dir = new TempDir();
        CliRunner.Run(dir.Path, "", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "plain.pem")
            .ExitCode.ShouldBe(0);
        CliRunner.Run(dir.Path, "", "pkcs8", "-topk8", "-in", "plain.pem", "-passout", $"pass:{Secret}", "-out", "enc.pem")
            .ExitCode.ShouldBe(0);
        return dir;
    }
}
