using CnfSigner.Pki.Pkcs12;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Tests.Pkcs12;

/// <summary>Our PKCS#12 KDF and MAC against BouncyCastle's generator (an independent implementation of RFC 7292 B.2).</summary>
public class Pkcs12CryptoTests
{
    [TestCase("sha1", "secret", 2048)]
    [TestCase("sha256", "pässwörd", 1)]
    [TestCase("sha512", "x", 1000)]
    public void The_mac_is_rfc_7292s(string digestName, string password, int iterations)
    {
        var digest = Pkcs12Crypto.FindMacDigest(digestName)!;
        var salt = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var data = "authenticated safe"u8.ToArray();

        var generator = new Pkcs12ParametersGenerator(digest.Create());
        generator.Init(Org.BouncyCastle.Crypto.PbeParametersGenerator.Pkcs12PasswordToBytes(password.ToCharArray()), salt, iterations);
        var size = digest.Create().GetDigestSize();
        var key = ((KeyParameter)generator.GenerateDerivedMacParameters(size * 8)).GetKey();
        var hmac = new HMac(digest.Create());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(data, 0, data.Length);
        var expected = new byte[size];
        hmac.DoFinal(expected, 0);

        Pkcs12Crypto.Mac(digest, Pkcs12Password.Of(password), salt, iterations, data).ShouldBe(expected);
    }

    [TestCase("1.2.840.113549.1.12.1.3", false)] // pbeWithSHA1And3-KeyTripleDES-CBC
    [TestCase("1.2.840.113549.1.12.1.6", true)]  // pbeWithSHA1And40BitRC2-CBC (legacy)
    [TestCase("1.2.840.113549.1.12.1.1", true)]  // pbeWithSHA1And128BitRC4 (legacy)
    [TestCase("2.16.840.1.101.3.4.1.42", false)] // PBES2 with AES-256-CBC
    public void Encryption_round_trips_and_a_wrong_password_fails(string scheme, bool legacy)
    {
        var plain = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var (algorithm, data) = Pkcs12Crypto.Encrypt(scheme, Pkcs12Password.Of("pw"), 2048, plain, legacy);
        Pkcs12Crypto.Decrypt(algorithm, Pkcs12Password.Of("pw"), data, legacy).ShouldBe(plain);
        if (scheme.EndsWith(".1.1", StringComparison.Ordinal)) return; // a stream cipher has no padding to fail on
        // A wrong password gives random bytes, whose last block has valid CBC padding about once in 256 salts:
        // it must never give the plaintext, and over eight fresh salts it must be refused at least once.
        var refused = 0;
        for (var i = 0; i < 8; i++)
        {
            var (alg, enc) = Pkcs12Crypto.Encrypt(scheme, Pkcs12Password.Of("pw"), 2048, plain, legacy);
            try { Pkcs12Crypto.Decrypt(alg, Pkcs12Password.Of("wrong"), enc, legacy).ShouldNotBe(plain); }
            catch (CnfSignerException) { refused++; }
        }
        refused.ShouldBeGreaterThan(0);
    }

    [Test]
    public void RC2_needs_legacy_as_in_openssl_3()
    {
        Should.Throw<Pkcs12Crypto.EncryptException>(() => Pkcs12Crypto.Encrypt("1.2.840.113549.1.12.1.6", Pkcs12Password.Of("pw"), 1, [1], legacy: false))
            .Message.ShouldContain("RC2-40-CBC");
        var (algorithm, data) = Pkcs12Crypto.Encrypt("1.2.840.113549.1.12.1.6", Pkcs12Password.Of("pw"), 1, [1], legacy: true);
        Should.Throw<CnfSignerException>(() => Pkcs12Crypto.Decrypt(AlgorithmIdentifier.GetInstance(algorithm), Pkcs12Password.Of("pw"), data, legacy: false));
    }

    [Test]
    public void A_null_password_has_no_bytes_and_an_empty_one_has_the_terminator()
    {
        Pkcs12Password.Of(null).Bmp.ShouldBeEmpty();
        Pkcs12Password.Of("").Bmp.ShouldBe(new byte[] { 0, 0 });
        Pkcs12Password.Of("a").Bmp.ShouldBe(new byte[] { 0, 0x61, 0, 0 });
    }
}
