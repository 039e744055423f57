using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Tests.Signing;

/// <summary>
/// The signature AlgorithmIdentifier for each key type and digest, DER as openssl 3.0.19 writes it in a request
/// (`openssl req -new -key KEY -DIGEST`); each signature made is checked by <see cref="SignatureCheck"/>.
/// </summary>
[TestFixture]
public class SignatureAlgorithmTests
{
    [TestCase("base.pem", "sha384", "300D06092A864886F70D01010C0500")]
    [TestCase("ec.pem", "default", "300A06082A8648CE3D040302")]
    [TestCase("ec-p384.pem", "default", "300A06082A8648CE3D040302")] // the EC default is sha256 whatever the curve
    [TestCase("ec-p521.pem", "sha512", "300A06082A8648CE3D040304")]
    [TestCase("ec.pem", "sha3-256", "300B060960864801650304030A")]
    [TestCase("ec-secp256k1.pem", "sha256", "300A06082A8648CE3D040302")]
    [TestCase("ed25519.pem", "sha256", "300506032B6570")] // the digest is ignored
    [TestCase("ed448.pem", "default", "300506032B6571")]
    // RSA-PSS without restrictions: MGF1 with the same digest, the longest salt (1024-bit key: 128 - hLen - 2).
    [TestCase("rsa-pss.pem", "sha1", "301206092A864886F70D01010A3005A20302016A")]
    [TestCase("rsa-pss.pem", "default", "304106092A864886F70D01010A3034A00F300D06096086480165030402010500A11C301A06092A864886F70D010108300D06096086480165030402010500A20302015E")]
    [TestCase("rsa-pss.pem", "sha512", "304106092A864886F70D01010A3034A00F300D06096086480165030402030500A11C301A06092A864886F70D010108300D06096086480165030402030500A20302013E")]
    // Restricted to sha256, MGF1 with sha512, salt 32: the key's parameters.
    [TestCase("rsa-pss-restricted.pem", "default", "304106092A864886F70D01010A3034A00F300D06096086480165030402010500A11C301A06092A864886F70D010108300D06096086480165030402030500A203020120")]
    [TestCase("rsa-pss-restricted.pem", "sha256", "304106092A864886F70D01010A3034A00F300D06096086480165030402010500A11C301A06092A864886F70D010108300D06096086480165030402030500A203020120")]
    public void Algorithm_identifier_is_openssls(string keyFile, string digest, string expectedHex)
    {
        var key = KeyReader.LoadPrivateKey(TestData.Key(keyFile), null);
        var factory = Digests.SignatureFactory(digest, key);
        Convert.ToHexString(((AlgorithmIdentifier)factory.AlgorithmDetails).GetDerEncoded()).ShouldBe(expectedHex);

        var request = RequestSigner.Sign(new X509Name("CN=x"), key.PublicInfo, [], null, digest, key);
        SignatureCheck.Check(request).ShouldBe(SignatureStatus.Valid);
    }

    [TestCase("rsa-pss-restricted.pem", "sha384", "digest not allowed")]
    [TestCase("ec.pem", "md5", "md5 cannot sign with an EC key")]
    public void Digest_the_key_refuses(string keyFile, string digest, string message)
    {
        var key = KeyReader.LoadPrivateKey(TestData.Key(keyFile), null);
        Should.Throw<CnfSignerException>(() => Digests.SignatureFactory(digest, key)).Message.ShouldBe(message);
    }

    [TestCase("ed25519.pem", true)]
    [TestCase("ed448.pem", true)]
    [TestCase("ec.pem", false)]
    [TestCase("rsa-pss.pem", false)]
    public void Only_EdDSA_takes_no_digest(string keyFile, bool none) =>
        Digests.TakesNoDigest(KeyReader.LoadPrivateKey(TestData.Key(keyFile), null)).ShouldBe(none);
}
