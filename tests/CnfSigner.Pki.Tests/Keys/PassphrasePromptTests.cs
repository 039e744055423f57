using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Tests.Keys;

/// <summary>
/// OpenSSL's pass phrase rules (issue #12) through the console OpenSSL uses without a terminal: prompts on one
/// writer, answers from one reader. One row per rule; Cli.Tests/Prompts runs the same on a real pseudo-terminal.
/// </summary>
public class PassphrasePromptTests
{
    private const string Failed = "problems getting password\ninterrupted or cancelled\nunable to get passphrase";
    private const string Processing = "processing error: while reading strings";

    [TestCase("abcd\nabcd\n", "abcd", "Enter PEM pass phrase:\nVerifying - Enter PEM pass phrase:\n")]
    [TestCase("pass phrase\r\npass phrase\r\n", "pass phrase\r", "Enter PEM pass phrase:\nVerifying - Enter PEM pass phrase:\n")]
    public void A_new_key_is_asked_for_twice(string typed, string expected, string shown)
    {
        var output = new StringWriter();
        PassphrasePrompt.ForNewKey(new StreamPassphraseConsole(new StringReader(typed), output)).ShouldBe(expected);
        output.ToString().ShouldBe(shown);
    }

    [TestCase("abc\n", "result too small: You must type in 4 to 1024 characters\n" + Processing + "\n" + Failed)]
    [TestCase("\n", "result too small: You must type in 4 to 1024 characters\n" + Processing + "\n" + Failed)]
    [TestCase("abcd\nabc\n", "result too small: You must type in 4 to 1024 characters\n" + Processing + "\n" + Failed)]
    [TestCase("abcd\nabce\n", Processing + "\n" + Failed)]
    [TestCase("", Processing + "\n" + Failed)]
    [TestCase("abcd\n", Processing + "\n" + Failed)]
    public void A_new_key_fails_as_openssl_fails(string typed, string expected)
    {
        var console = new StreamPassphraseConsole(new StringReader(typed), new StringWriter());
        Should.Throw<CnfSignerException>(() => PassphrasePrompt.ForNewKey(console)).Message.ShouldBe(expected);
    }

    [Test]
    public void An_answer_over_1024_characters_is_too_large()
    {
        var console = new StreamPassphraseConsole(new StringReader(new string('x', 1025) + "\n"), new StringWriter());
        Should.Throw<CnfSignerException>(() => PassphrasePrompt.ForNewKey(console)).Message
            .ShouldStartWith("result too large: You must type in 4 to 1024 characters\n");
    }

    [Test]
    public void A_mismatch_says_verify_failure_where_the_prompts_go()
    {
        var output = new StringWriter();
        Should.Throw<CnfSignerException>(() =>
            PassphrasePrompt.ForNewKey(new StreamPassphraseConsole(new StringReader("abcd\nabce\n"), output)));
        output.ToString().ShouldEndWith("Verifying - Enter PEM pass phrase:\nVerify failure\n");
    }

    [TestCase("pkcs8-aes256.pem", true)]
    [TestCase("pkcs1-aes256.pem", true)]
    [TestCase("pkcs8-enc.der", true)]
    [TestCase("base.pem", false)]
    [TestCase("base.der", false)]
    [TestCase("make.sh", false)]
    public void Only_an_encrypted_key_needs_a_pass_phrase(string file, bool encrypted) =>
        KeyReader.IsEncrypted(TestData.KeyBytes(file)).ShouldBe(encrypted);

    [Test]
    public void An_encrypted_key_is_asked_for_once_and_read()
    {
        var output = new StringWriter();
        var path = TestData.Key("pkcs8-aes256.pem");
        var console = new StreamPassphraseConsole(new StringReader("test-pass\n"), output);
        KeyReader.LoadPrivateKey(path, null, prompts: console).ShouldNotBeNull();
        output.ToString().ShouldBe($"Enter pass phrase for {path}:\n");
    }

    [Test]
    public void A_plain_key_or_a_given_pass_phrase_asks_nothing()
    {
        var output = new StringWriter();
        var console = new StreamPassphraseConsole(new StringReader(""), output);
        KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null, prompts: console);
        KeyReader.LoadPrivateKey(TestData.Key("pkcs8-aes256.pem"), "test-pass", prompts: console);
        output.ToString().ShouldBeEmpty();
    }

    [Test]
    public void No_answer_asks_three_times_then_fails()
    {
        var output = new StringWriter();
        var console = new StreamPassphraseConsole(new StringReader(""), output);
        Should.Throw<CnfSignerException>(() => PassphrasePrompt.ForEncryptedKey("k.pem", "CA private key", console)).Message
            .ShouldBe("Could not read CA private key from k.pem\nunsupported\n" + Processing + "\nUI lib\nunable to get passphrase");
        output.ToString().ShouldBe(string.Concat(Enumerable.Repeat("Enter pass phrase for k.pem:\n", 3)));
    }
}
