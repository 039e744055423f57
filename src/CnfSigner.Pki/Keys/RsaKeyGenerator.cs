using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Two-prime RSA key generation with OpenSSL's size limits. The key checks are BouncyCastle's RsaKeyPairGenerator's
/// (|p − q| and d as FIPS 186-4 B.3.1 asks, a minimum NAF weight of n, d = e^-1 mod lcm(p − 1, q − 1)); the primes
/// come from <see cref="PrimeSearch"/> (sieve, then Miller–Rabin with at least BouncyCastle's rounds), p and q
/// searched in parallel when there is more than one processor.
/// </summary>
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

    /// <summary>A key of <paramref name="bits"/> bits with a small public exponent (genrsa's -3 / -F4).</summary>
    public static PrivateKey GenerateWithExponent(int bits, long publicExponent, Action<char>? progress = null) =>
        Generate(bits, BigInteger.ValueOf(publicExponent), progress);

    /// <summary>
    /// <paramref name="progress"/> receives OpenSSL's progress characters (see <see cref="PrimeSearch"/>), one whole
    /// line per prime ended by '\n' as rsa_gen.c's event 3, p's line before q's even when they are searched in parallel.
    /// </summary>
    public static PrivateKey Generate(int bits, BigInteger publicExponent, Action<char>? progress = null)
    {
        if (bits < MinimumBits) throw new CnfSignerException("key size too small");
        if (!publicExponent.TestBit(0) || publicExponent.CompareTo(BigInteger.Three) < 0)
            throw new CnfSignerException("bad e value"); // crypto/rsa/rsa_gen.c: e must be odd and > 1
        var random = OsRandom.Create();
        var pBits = (bits + 1) / 2;
        var qBits = bits - pBits;
        // FIPS 186-4 B.3.1 (as RsaKeyPairGenerator): |p − q| > 2^(nlen/2 − 100) and d > 2^(nlen/2).
        var minDiffBits = bits / 2 - 100;
        var minWeight = bits >> 2;

        var (p, q) = FindPair(pBits, qBits, publicExponent, random, progress);
        while (true)
        {
            var n = p.Multiply(q);
            if (q.Subtract(p).Abs().BitLength < minDiffBits || n.BitLength != bits)
                q = FindOne(qBits, publicExponent, random, progress);
            // "The number field sieve for integers of low weight" (Schirokauer): avoid low-weight moduli.
            else if (WNafUtilities.GetNafWeight(n) < minWeight)
                p = FindOne(pBits, publicExponent, random, progress);
            else if (PrivateExponent(p, q, publicExponent) is { } d && d.BitLength > bits / 2)
                return PrivateKey.FromKeyPair(Pair(p, q, n, publicExponent, d));
            else
                (p, q) = FindPair(pBits, qBits, publicExponent, random, progress);
        }
    }

    private static (BigInteger P, BigInteger Q) FindPair(int pBits, int qBits, BigInteger e, SecureRandom random, Action<char>? progress)
    {
        if (Environment.ProcessorCount < 2)
            return (FindOne(pBits, e, random, progress), FindOne(qBits, e, random, progress));
        var qTrace = progress == null ? null : new StringBuilder();
        var q = Task.Run(() => PrimeSearch.Find(qBits, e, random, qTrace));
        var p = FindOne(pBits, e, random, progress);
        var qPrime = q.GetAwaiter().GetResult();
        Emit(qTrace, progress);
        return (p, qPrime);
    }

    /// <summary>One prime, its progress line written whole once it is found.</summary>
    private static BigInteger FindOne(int bits, BigInteger e, SecureRandom random, Action<char>? progress)
    {
        var trace = progress == null ? null : new StringBuilder();
        var prime = PrimeSearch.Find(bits, e, random, trace);
        Emit(trace, progress);
        return prime;
    }

    private static void Emit(StringBuilder? trace, Action<char>? progress) => PrimeSearch.EndLine(trace, progress);

    /// <summary>d = e^-1 mod lcm(p − 1, q − 1), as crypto/rsa/rsa_gen.c and RsaKeyPairGenerator.</summary>
    private static BigInteger PrivateExponent(BigInteger p, BigInteger q, BigInteger e)
    {
        var p1 = p.Subtract(BigInteger.One);
        var q1 = q.Subtract(BigInteger.One);
        var lcm = p1.Divide(p1.Gcd(q1)).Multiply(q1);
        return e.ModInverse(lcm);
    }

    private static AsymmetricCipherKeyPair Pair(BigInteger p, BigInteger q, BigInteger n, BigInteger e, BigInteger d)
    {
        if (p.CompareTo(q) < 0) (p, q) = (q, p);
        var dP = d.Remainder(p.Subtract(BigInteger.One));
        var dQ = d.Remainder(q.Subtract(BigInteger.One));
        var qInv = q.ModInverse(p);
        return new AsymmetricCipherKeyPair(new RsaKeyParameters(false, n, e),
            new RsaPrivateCrtKeyParameters(n, e, d, p, q, dP, dQ, qInv));
    }
}
