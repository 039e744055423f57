using CnfSigner.Pki.Verify;

namespace CnfSigner.Pki.Tests.Verify;

/// <summary>
/// -auth_level's arithmetic (the whole behaviour is judged against openssl by the Cli tests' opts cases): RSA security
/// bits as ossl_ifc_ffc_compute_security_bits() gives them and signature digests as x509_sig_info_init() rates them.
/// </summary>
public class SecurityLevelTests
{
    [TestCase(1024, 80)] // opts case auth_1_rsa1024_leaf passes, auth_2_rsa1024_leaf fails
    [TestCase(2000, 112)] // auth_2_rsa2000 passes, auth_3_rsa2000 fails: the formula, not BN_security_bits()'s steps
    [TestCase(2048, 112)]
    [TestCase(3072, 128)]
    [TestCase(4096, 152)]
    [TestCase(7680, 192)]
    [TestCase(15360, 256)]
    [TestCase(7, 0)]
    [TestCase(700000, 1200)]
    public void Rsa_modulus_sizes_give_openssls_security_bits(int bits, int expected) =>
        SecurityLevel.IfcFfcBits(bits).ShouldBe(expected);

    [Test]
    public void Security_bits_never_decrease_as_the_modulus_grows()
    {
        var previous = 0;
        for (var n = 8; n <= 20000; n++)
        {
            var bits = SecurityLevel.IfcFfcBits(n);
            bits.ShouldBeGreaterThanOrEqualTo(previous, $"n = {n}");
            previous = bits;
        }
    }

    [TestCase("1.2.840.113549.1.1.4", 39)] // md5WithRSAEncryption
    [TestCase("1.2.840.113549.1.1.5", 63)] // sha1WithRSAEncryption
    [TestCase("1.2.840.10045.4.3.1", 112)] // ecdsa-with-SHA224
    [TestCase("1.2.840.113549.1.1.11", 128)]
    [TestCase("1.2.840.10045.4.3.3", 192)]
    [TestCase("1.2.840.113549.1.1.13", 256)]
    [TestCase("2.16.840.1.101.3.4.3.14", 128)] // RSA with SHA3-256
    [TestCase("2.16.840.1.101.3.4.3.10", -1)] // ECDSA with SHA3-256: unknown to OpenSSL 3.0's sigid table
    [TestCase("1.3.101.112", 128)] // Ed25519
    [TestCase("1.2.3.4", -1)]
    public void Signature_algorithms_rate_as_their_digest(string oid, int expected) =>
        SecurityLevel.SignatureBits(oid, null).ShouldBe(expected);
}
