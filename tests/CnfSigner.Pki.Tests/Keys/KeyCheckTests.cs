using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Tests.Keys;

/// <summary>rsa -check's primality tests (RSA_check_key): a good key passes, a composite p or q is named. Their
/// Miller–Rabin bases come from the kernel, not from .NET's generator (libcrypto): the native file without OpenSSL
/// aborted at rsa -check before (tests/clients tutorial flow, --without-openssl).</summary>
public class KeyCheckTests
{
    private static RsaPrivateCrtKeyParameters NewKey()
    {
        var g = new RsaKeyPairGenerator();
        g.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), OsRandom.Create(), 1024, 64));
        return (RsaPrivateCrtKeyParameters)g.GenerateKeyPair().Private;
    }

    private static string? Check(RsaPrivateCrtKeyParameters k) =>
        KeyMaterial.Of(PrivateKey.FromInfo(PrivateKeyInfoFactory.CreatePrivateKeyInfo(k))).Check(publicOnly: false);

    [Test]
    public void A_generated_key_passes() => Check(NewKey()).ShouldBeNull();

    [Test]
    public void A_composite_p_or_q_is_named_as_OpenSSL_names_it()
    {
        var k = NewKey();
        var composite = k.P.Multiply(BigInteger.Three); // odd and composite
        Check(new RsaPrivateCrtKeyParameters(k.Modulus, k.PublicExponent, k.Exponent, composite, k.Q, k.DP, k.DQ, k.QInv))
            .ShouldBe("p not prime");
        Check(new RsaPrivateCrtKeyParameters(k.Modulus, k.PublicExponent, k.Exponent, k.P, BigInteger.ValueOf(9), k.DP, k.DQ, k.QInv))
            .ShouldBe("q not prime");
        Check(new RsaPrivateCrtKeyParameters(k.Modulus, k.PublicExponent, k.Exponent, k.P, BigInteger.Two, k.DP, k.DQ, k.QInv))
            .ShouldBe("n does not equal p q");
    }
}
