using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>RSA key generation (BouncyCastle), with OpenSSL's size limits.</summary>
public static class RsaKeyGenerator
{
    /// <summary>providers/implementations/keymgmt/rsa_kmgmt.c rsa_gen_set_params(): RSA_MIN_MODULUS_BITS.</summary>
    public const int MinimumBits = 512;

    /// <summary>include/openssl/rsa.h OPENSSL_RSA_MAX_MODULUS_BITS: larger sizes only draw a warning.</summary>
    public const int RecommendedMaximumBits = 16384;

    /// <summary>RSA_F4, the default public exponent.</summary>
    public static readonly BigInteger F4 = BigInteger.ValueOf(65537);

    /// <summary>RSA_3, genrsa -3.</summary>
    public static readonly BigInteger Three = BigInteger.Three;

    // Miller-Rabin certainty: BouncyCastle picks at least the FIPS 186-4 rounds for the prime size anyway.
    private const int Certainty = 100;

    public static PrivateKey Generate(int bits, BigInteger publicExponent)
    {
        if (bits < MinimumBits) throw new CnfSignerException("key size too small");
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(publicExponent, new SecureRandom(), bits, Certainty));
        return PrivateKey.FromKeyPair(generator.GenerateKeyPair());
    }
}
