using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Tests.Keys;

public class KeyReaderTests
{
    private const string Pass = "test-pass";

    [TestCase("base.pem", null)]
    [TestCase("base.der", null)]
    [TestCase("rsa-pkcs1.pem", null)]
    [TestCase("rsa-pkcs1.der", null)]
    [TestCase("text-before.pem", null)]
    [TestCase("pkcs8-aes128.pem", Pass)]
    [TestCase("pkcs8-aes256.pem", Pass)]
    [TestCase("pkcs8-aria192.pem", Pass)]
    [TestCase("pkcs8-camellia256.pem", Pass)]
    [TestCase("pkcs8-des3.pem", Pass)]
    [TestCase("pkcs8-enc.der", Pass)]
    [TestCase("pkcs8-scrypt.pem", Pass)]
    [TestCase("pkcs8-sha1prf.pem", Pass)]
    [TestCase("pkcs8-v1.pem", Pass)]
    [TestCase("pkcs1-aes128.pem", Pass)]
    [TestCase("pkcs1-aes256.pem", Pass)]
    [TestCase("pkcs1-aria192.pem", Pass)]
    [TestCase("pkcs1-camellia256.pem", Pass)]
    [TestCase("pkcs1-des3.pem", Pass)]
    public void Every_form_openssl_writes_reads_as_the_same_key(string file, string? passphrase)
    {
        var key = KeyReader.LoadPrivateKey(TestData.Key(file), passphrase);
        Convert.ToHexString(KeyWriter.Pkcs8Der(key)).ShouldBe(TestData.KeyHex("base.der"));
        key.IsRsa.ShouldBeTrue();
    }

    [TestCase("genrsa-aes256")]
    [TestCase("genrsa-des3")]
    [TestCase("genrsa-trad-aes256")]
    [TestCase("genrsa-trad-des3")]
    public void Encrypted_keys_written_by_openssl_genrsa_are_read(string name) =>
        Convert.ToHexString(KeyWriter.Pkcs8Der(KeyReader.LoadPrivateKey(TestData.Key(name + ".pem"), Pass))).ShouldBe(TestData.KeyHex(name + ".plain.der"));

    [TestCase("base.pem")]
    [TestCase("public.pem")]
    [TestCase("public.der")]
    [TestCase("public-pkcs1.pem")]
    [TestCase("pkcs8-aes256.pem")]
    public void Public_key_comes_from_public_and_private_key_files(string file) =>
        KeyWriter.PublicKeyPem(KeyReader.LoadPublicKey(TestData.Key(file), Pass)).ShouldBe(TestData.KeyText("public.pem"));

    [TestCase("ec.pem")]
    [TestCase("ec.der")]
    [TestCase("ec-trad.pem")]
    public void EC_keys_are_read_in_every_form(string file)
    {
        var key = KeyReader.LoadPrivateKey(TestData.Key(file), null);
        Convert.ToHexString(KeyWriter.Pkcs8Der(key)).ShouldBe(TestData.KeyHex("ec.der"));
        KeyWriter.PublicKeyPem(key.PublicInfo).ShouldBe(TestData.KeyText("ec-public.pem"));
        KeyWriter.TraditionalPem(key).ShouldBe(TestData.KeyText("ec-trad.pem"));
    }

    [Test]
    public void Ed25519_public_half_is_derived() =>
        KeyWriter.PublicKeyPem(KeyReader.LoadPrivateKey(TestData.Key("ed25519.pem"), null).PublicInfo)
            .ShouldBe(TestData.KeyText("ed25519-public.pem"));

    [TestCase("nonexistent.pem", null, "Could not open file or uri for loading private key from {0}\nNo such file or directory")]
    [TestCase("make.sh", null, "Could not read private key from {0}\nNo supported data to decode")]
    [TestCase("public.pem", null, "Could not read private key from {0}\nNo supported data to decode")]
    [TestCase("pkcs8-aes256.pem", "wrong", "Could not read private key from {0}\nunsupported\nbad decrypt\npkcs12 cipherfinal error: maybe wrong password")]
    [TestCase("pkcs8-aes256.pem", null, "Could not read private key from {0}\nunable to get passphrase")]
    [TestCase("pkcs1-aes256.pem", "wrong", "Could not read private key from {0}\nbad decrypt")]
    [TestCase("pkcs1-aes256.pem", null, "Could not read private key from {0}\nbad password read")]
    public void Failures_use_OpenSSLs_words(string file, string? passphrase, string expected)
    {
        var path = TestData.Key(file);
        Should.Throw<CnfSignerException>(() => KeyReader.LoadPrivateKey(path, passphrase))
            .Message.ShouldBe(string.Format(expected, path));
    }

    [Test]
    public void The_description_names_the_key_as_the_app_does()
    {
        var e = Should.Throw<CnfSignerException>(() => KeyReader.LoadPrivateKey("missing.key", null, "CA private key"));
        e.Message.ShouldStartWith("Could not open file or uri for loading CA private key from missing.key\n");
        e.ExitCode.ShouldBe(1);
    }

    [Test]
    public void Damaged_input_only_ever_gives_a_user_facing_error()
    {
        var random = new Random(1234);
        var samples = new[] { "base.pem", "base.der", "pkcs8-aes256.pem", "pkcs1-aes256.pem", "ec-trad.pem", "pkcs8-enc.der" }
            .Select(TestData.KeyBytes).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var data = (byte[])samples[i % samples.Length].Clone();
            if (i % 3 == 0) data = data[..random.Next(data.Length)];
            else data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
            try { KeyReader.ParsePrivateKey(data, Pass, "fuzz"); }
            catch (CnfSignerException e) { e.Message.ShouldStartWith("Could not read private key from fuzz\n"); }
        }
    }
}
