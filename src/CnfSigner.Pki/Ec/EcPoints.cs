using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

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

    /// <summary>
    /// d·G, affine: on P-256 (for 0 &lt; d &lt; n) with <see cref="P256"/>'s constant-time tables, elsewhere with
    /// BouncyCastle's fixed-point comb (as ECKeyPairGenerator and ECDsaSigner use), made affine.
    /// </summary>
    public static ECPoint MultiplyG(ECDomainParameters domain, BigInteger d)
    {
        if (IsP256(domain) && d.SignValue > 0 && d.CompareTo(domain.N) < 0)
        {
            var blind = new byte[32];
            Random.NextBytes(blind);
            var (x, y) = P256.MultiplyG(BigIntegers.AsUnsignedByteArray(32, d), blind);
            return domain.Curve.CreatePoint(new BigInteger(1, x), new BigInteger(1, y));
        }
        return Normalize(new FixedPointCombMultiplier().Multiply(domain.G, d));
    }

    private static readonly BigInteger P256Order = new(1, P256.Order.ToArray());
    private static readonly BigInteger P256Prime = new("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static readonly BigInteger P256Gx = new("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);
    private static readonly BigInteger P256Gy = new("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);
    private static readonly BigInteger P256B = new("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    /// <summary>Whether the domain is P-256 (prime256v1 / secp256r1), by its values, whatever object carries them.</summary>
    internal static bool IsP256(ECDomainParameters domain)
    {
        var curve = domain.Curve;
        if (curve.FieldSize != 256 || !ECAlgorithms.IsFpCurve(curve) || !curve.Field.Characteristic.Equals(P256Prime)) return false;
        var g = Normalize(domain.G);
        return domain.N.Equals(P256Order) && curve.B.ToBigInteger().Equals(P256B)
            && curve.A.ToBigInteger().Equals(P256Prime.Subtract(BigInteger.Three))
            && g.AffineXCoord.ToBigInteger().Equals(P256Gx) && g.AffineYCoord.ToBigInteger().Equals(P256Gy);
    }

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
