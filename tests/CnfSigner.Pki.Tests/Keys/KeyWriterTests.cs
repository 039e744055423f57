using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CnfSigner.Pki.Tests.Keys;

public class KeyWriterTests
{
    private const string Pass = "test-pass";
    private static PrivateKey Base => KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null);

    [Test]
    public void PKCS8_PEM_is_byte_for_byte_what_openssl_writes() => KeyWriter.Pkcs8Pem(Base).ShouldBe(TestData.KeyText("base.pem"));

    [Test]
    public void PKCS1_PEM_is_byte_for_byte_what_openssl_writes() => KeyWriter.TraditionalPem(Base).ShouldBe(TestData.KeyText("rsa-pkcs1.pem"));

    [Test]
    public void PKCS1_DER_is_byte_for_byte_what_openssl_writes() => Convert.ToHexString(KeyWriter.TraditionalDer(Base)).ShouldBe(TestData.KeyHex("rsa-pkcs1.der"));

    [Test]
    public void Public_key_PEM_is_byte_for_byte_what_openssl_writes() =>
        KeyWriter.PublicKeyPem(Base.PublicInfo).ShouldBe(TestData.KeyText("public.pem"));

    [TestCaseSource(nameof(Ciphers))]
    public void Encrypted_PKCS8_reads_back_with_the_pass_phrase(string cipher)
    {
        var pem = KeyWriter.EncryptedPkcs8Pem(Base, KeyCipher.Find(cipher)!, Pass);
        pem.ShouldStartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
        Convert.ToHexString(KeyWriter.Pkcs8Der(KeyReader.ParsePrivateKey(System.Text.Encoding.ASCII.GetBytes(pem), Pass, "x"))).ShouldBe(TestData.KeyHex("base.der"));
    }

    [TestCaseSource(nameof(Ciphers))]
    public void Encrypted_traditional_PEM_reads_back_with_the_pass_phrase(string cipher)
    {
        var pem = KeyWriter.EncryptedTraditionalPem(Base, KeyCipher.Find(cipher)!, Pass);
        pem.ShouldStartWith($"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {KeyCipher.Find(cipher)!.Name},");
        Convert.ToHexString(KeyWriter.Pkcs8Der(KeyReader.ParsePrivateKey(System.Text.Encoding.ASCII.GetBytes(pem), Pass, "x"))).ShouldBe(TestData.KeyHex("base.der"));
    }

    [Test]
    public void Encrypted_PKCS8_has_OpenSSL_3_parameters()
    {
        var info = EncryptedPrivateKeyInfo.GetInstance(KeyWriter.EncryptedPkcs8Der(Base, KeyCipher.Aes256Cbc, Pass));
        info.EncryptionAlgorithm.Algorithm.ShouldBe(PkcsObjectIdentifiers.IdPbeS2);
        var pbes2 = PbeS2Parameters.GetInstance(info.EncryptionAlgorithm.Parameters);
        var pbkdf2 = Pbkdf2Params.GetInstance(pbes2.KeyDerivationFunc.Parameters);
        pbkdf2.GetSalt().Length.ShouldBe(8);
        pbkdf2.IterationCount.IntValue.ShouldBe(2048);
        pbkdf2.KeyLength.ShouldBeNull();
        pbkdf2.Prf.Algorithm.Id.ShouldBe("1.2.840.113549.2.9"); // hmacWithSHA256
        pbes2.EncryptionScheme.Algorithm.Id.ShouldBe("2.16.840.1.101.3.4.1.42"); // aes-256-cbc
        Asn1OctetString.GetInstance(pbes2.EncryptionScheme.Parameters).GetOctets().Length.ShouldBe(16);
    }

    // Expected keys from: openssl enc -<cipher> -P -md md5 -S 0102030405060708 -pass pass:test-pass
    [TestCase(32, "FC9B02E50B563B4E382FFF174CF40E19DF9F5DFD28EC5B7DF48F82470FA73A34")]
    [TestCase(24, "FC9B02E50B563B4E382FFF174CF40E19DF9F5DFD28EC5B7D")]
    public void Traditional_key_derivation_is_EVP_BytesToKey_with_MD5(int keyBytes, string expected) =>
        Convert.ToHexString(PemEncryption.BytesToKey("test-pass"u8.ToArray(), [1, 2, 3, 4, 5, 6, 7, 8, 0xAA, 0xBB], keyBytes))
            .ShouldBe(expected);

    private static IEnumerable<string> Ciphers() => KeyCipher.All.Select(c => c.Name);

    [TestCase("aes256", "AES-256-CBC")]
    [TestCase("AES256", "AES-256-CBC")]
    [TestCase("aes-128-cbc", "AES-128-CBC")]
    [TestCase("des3", "DES-EDE3-CBC")]
    [TestCase("camellia192", "CAMELLIA-192-CBC")]
    public void Cipher_names_are_OpenSSLs_case_insensitive(string name, string expected) => KeyCipher.Find(name)!.Name.ShouldBe(expected);
}
