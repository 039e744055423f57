using System.Text;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Tests.Keys;

/// <summary>The real openssl reads every form we write, and accepts the keys we generate.</summary>
[TestFixture, Category("Interop")] // openssl reads and writes the keys
public class KeyInteropTests
{
    private const string Pass = "test-pass";
    private string _dir = null!;
    private static readonly Lazy<PrivateKey> Generated1024 = new(() => RsaKeyGenerator.Generate(1024, RsaKeyGenerator.F4));
    private static PrivateKey Base => KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null);

    [SetUp]
    public void SetUp() => _dir = TestData.NewTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Save(string name, byte[] contents)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    [TestCaseSource(nameof(Forms))]
    public void Openssl_pkey_reads_every_form_we_write(string form, string inform)
    {
        var path = Save("k", Write(form, Base));
        var (rc, stdout, stderr) = OpenSsl.Run("pkey", "-in", path, "-inform", inform, "-passin", "pass:" + Pass);
        rc.ShouldBe(0, stderr);
        Text(stdout).ShouldBe(TestData.KeyText("base.pem"));
    }

    [TestCaseSource(nameof(Forms))]
    public void Openssl_rsa_check_accepts_a_generated_key_in_every_form(string form, string inform)
    {
        var path = Save("k", Write(form, Generated1024.Value));
        var (rc, stdout, stderr) = OpenSsl.Run("rsa", "-check", "-noout", "-in", path, "-inform", inform, "-passin", "pass:" + Pass);
        rc.ShouldBe(0, stderr);
        Text(stdout).ShouldBe("RSA key ok\n");
    }

    [Test]
    public void Openssl_accepts_an_exponent_3_key()
    {
        var key = RsaKeyGenerator.Generate(1024, RsaKeyGenerator.Three);
        var (rc, stdout, stderr) = OpenSsl.Run("rsa", "-check", "-text", "-noout", "-in", Save("k", Encoding.ASCII.GetBytes(KeyWriter.Pkcs8Pem(key))));
        rc.ShouldBe(0, stderr);
        Text(stdout).ShouldContain("publicExponent: 3 (0x3)");
        Text(stdout).ShouldContain("Private-Key: (1024 bit, 2 primes)");
    }

    [Test]
    public void Public_key_PEM_is_what_openssl_derives()
    {
        var key = Generated1024.Value;
        var (_, stdout, _) = OpenSsl.Run("pkey", "-pubout", "-in", Save("k", Encoding.ASCII.GetBytes(KeyWriter.Pkcs8Pem(key))));
        Text(stdout).ShouldBe(KeyWriter.PublicKeyPem(key.PublicInfo));
    }

    private static IEnumerable<TestCaseData> Forms()
    {
        yield return new TestCaseData("pkcs8-pem", "PEM");
        yield return new TestCaseData("pkcs8-der", "DER");
        yield return new TestCaseData("pkcs1-pem", "PEM");
        yield return new TestCaseData("pkcs1-der", "DER");
        yield return new TestCaseData("encrypted-pkcs8-der", "DER");
        foreach (var cipher in KeyCipher.All)
        {
            yield return new TestCaseData("encrypted-pkcs8-pem:" + cipher.Name, "PEM");
            yield return new TestCaseData("encrypted-pkcs1-pem:" + cipher.Name, "PEM");
        }
    }

    private static byte[] Write(string form, PrivateKey key)
    {
        var cipher = form.Contains(':') ? KeyCipher.Find(form[(form.IndexOf(':') + 1)..])! : KeyCipher.Aes256Cbc;
        return form.Split(':')[0] switch
        {
            "pkcs8-pem" => Encoding.ASCII.GetBytes(KeyWriter.Pkcs8Pem(key)),
            "pkcs8-der" => KeyWriter.Pkcs8Der(key),
            "pkcs1-pem" => Encoding.ASCII.GetBytes(KeyWriter.TraditionalPem(key)),
            "pkcs1-der" => KeyWriter.TraditionalDer(key),
            "encrypted-pkcs8-der" => KeyWriter.EncryptedPkcs8Der(key, cipher, Pass),
            "encrypted-pkcs8-pem" => Encoding.ASCII.GetBytes(KeyWriter.EncryptedPkcs8Pem(key, cipher, Pass)),
            _ => Encoding.ASCII.GetBytes(KeyWriter.EncryptedTraditionalPem(key, cipher, Pass)),
        };
    }
}

public class RsaKeyGeneratorTests
{
    [Test]
    public void A_key_has_the_size_and_exponent_asked_for()
    {
        var key = RsaKeyGenerator.Generate(1024, RsaKeyGenerator.F4);
        var rsa = (Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters)key.Private;
        rsa.Modulus.BitLength.ShouldBe(1024);
        rsa.PublicExponent.ShouldBe(BigInteger.ValueOf(65537));
        KeyChecks.KeyMatches(key, key.PublicInfo).ShouldBeTrue();
    }

    [TestCase(511)]
    [TestCase(0)]
    public void Below_512_bits_the_key_size_is_too_small(int bits) =>
        Should.Throw<CnfSignerException>(() => RsaKeyGenerator.Generate(bits, RsaKeyGenerator.F4)).Message.ShouldBe("key size too small");
}

public class KeyChecksTests
{
    [Test]
    public void A_key_matches_its_own_public_key() =>
        KeyChecks.KeyMatches(KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null), KeyReader.LoadPublicKey(TestData.Key("public.pem"), null))
            .ShouldBeTrue();

    [TestCase("genrsa-aes256.pem")]
    [TestCase("ec-public.pem")]
    [TestCase("ed25519-public.pem")]
    public void A_key_does_not_match_another_public_key(string other) =>
        KeyChecks.KeyMatches(KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null), KeyReader.LoadPublicKey(TestData.Key(other), "test-pass"))
            .ShouldBeFalse();

    [Test]
    public void A_compressed_EC_point_still_matches()
    {
        var key = KeyReader.LoadPrivateKey(TestData.Key("ec.pem"), null);
        var ec = (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)key.Public;
        var compressed = new Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo(key.PublicInfo.Algorithm, ec.Q.GetEncoded(true));
        KeyChecks.KeyMatches(key, compressed).ShouldBeTrue();
    }
}
