using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Ec;

/// <summary>
/// Elliptic-curve point arithmetic that never lets BouncyCastle reach a parameterless SecureRandom. BouncyCastle
/// 2.7's <c>ECPoint.Normalize()</c> blinds its field inversion with <c>CryptoServicesRegistrar.GetSecureRandom()</c>,
/// a <c>new SecureRandom()</c> whose static seeding calls .NET's RandomNumberGenerator, which on Linux is OpenSSL's
/// RAND_bytes: the native cnfsigner aborted ("No usable version of libssl was found") making an EC key, signing
/// with ECDSA, verifying an ECDSA signature or writing a public point where libcrypto is absent. BouncyCastle has
/// no setter for that random, so every projective point is made affine here, blinded the same way
/// (z⁻¹ = (z·b)⁻¹·b for a random non-zero b) with the kernel's randomness (<see cref="OsRandom"/>). A point whose
/// Z coordinate is one is returned as it is, and BouncyCastle's own Normalize() returns early for it too.
/// </summary>
internal static class EcPoints
{
    private static readonly SecureRandom Random = OsRandom.Create();

    /// <summary>The affine form of <paramref name="p"/> (Z = 1), as <c>p.Normalize()</c> computes it.</summary>
    public static ECPoint Normalize(ECPoint p)
    {
        if (p.IsInfinity || p.IsNormalized()) return p;
        var curve = p.Curve;
        var b = curve.RandomFieldElementMult(Random);
        var zInv = p.GetZCoord(0).Multiply(b).Invert().Multiply(b);
        ECFieldElement x, y;
        switch (curve.CoordinateSystem)
        {
            case ECCurve.COORD_HOMOGENEOUS:
                x = p.XCoord.Multiply(zInv);
                y = p.YCoord.Multiply(zInv);
                break;
            case ECCurve.COORD_JACOBIAN or ECCurve.COORD_JACOBIAN_CHUDNOVSKY or ECCurve.COORD_JACOBIAN_MODIFIED:
                var zInv2 = zInv.Square();
                x = p.XCoord.Multiply(zInv2);
                y = p.YCoord.Multiply(zInv2.Multiply(zInv));
                break;
            case ECCurve.COORD_LAMBDA_PROJECTIVE:
                // Binary curves keep λ = x + y/x (L = λ·Z) instead of y; CreatePoint takes the raw λ as it is
                // (checked against BouncyCastle's Normalize() by EcDsaTests on sect283k1, sect163r2, c2pnb163v1).
                x = p.XCoord.Multiply(zInv);
                if (x.IsZero) return Unblinded(p); // the point of order 2, never one of a prime-order subgroup
                y = p.YCoord.Multiply(zInv);
                break;
            default:
                return Unblinded(p);
        }
        return curve.CreatePoint(x.ToBigInteger(), y.ToBigInteger());
    }

    /// <summary>d·G with BouncyCastle's fixed-point comb (as ECKeyPairGenerator and ECDsaSigner use), made affine.</summary>
    public static ECPoint MultiplyG(ECDomainParameters domain, BigInteger d) =>
        Normalize(new FixedPointCombMultiplier().Multiply(domain.G, d));

    /// <summary>The public key of <paramref name="key"/>, Q = d·G, already affine.</summary>
    public static ECPublicKeyParameters PublicKey(ECPrivateKeyParameters key) =>
        new(key.AlgorithmName, MultiplyG(key.Parameters, key.D), key.Parameters);

    /// <summary>
    /// An EC key pair as ECKeyPairGenerator makes it (d uniform in [1, n-1] with a NAF weight of at least a quarter
    /// of n's bits), from the kernel's randomness; Q is built affine so ECPublicKeyParameters' check of it does
    /// not normalize again.
    /// </summary>
    public static ECPrivateKeyParameters GenerateKey(ECDomainParameters domain)
    {
        var n = domain.N;
        var minWeight = n.BitLength >> 2;
        BigInteger d;
        do d = new BigInteger(n.BitLength, Random);
        while (d.CompareTo(BigInteger.One) < 0 || d.CompareTo(n) >= 0 || WNafUtilities.GetNafWeight(d) < minWeight);
        return new ECPrivateKeyParameters(d, domain);
    }

    // BouncyCastle's batch normalization inverts without any randomness (ECAlgorithms.MontgomeryTrick).
    private static ECPoint Unblinded(ECPoint p)
    {
        var points = new[] { p };
        p.Curve.NormalizeAll(points, 0, 1, null);
        return points[0];
    }
}
