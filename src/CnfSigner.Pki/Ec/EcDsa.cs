using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace CnfSigner.Pki.Ec;

/// <summary>
/// ECDSA (X9.62 / FIPS 186-4) with the same arithmetic as BouncyCastle's ECDsaSigner, but every point made affine by
/// <see cref="EcPoints"/> and k drawn from <see cref="OsRandom"/> (or the given k calculator), so neither signing nor
/// verifying reaches BouncyCastle's parameterless SecureRandom (OpenSSL's RAND_bytes on Linux).
/// </summary>
internal sealed class EcDsa(IDsaKCalculator? kCalculator = null) : IDsa
{
    private readonly IDsaKCalculator _k = kCalculator ?? new RandomDsaKCalculator();
    private ECKeyParameters? _key;
    private SecureRandom? _random;

    public string AlgorithmName => "ECDSA";

    public BigInteger Order => Key.Parameters.N;

    private ECKeyParameters Key => _key ?? throw new InvalidOperationException("ECDSA not initialised");

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        SecureRandom? random = null;
        if (parameters is ParametersWithRandom withRandom)
        {
            random = withRandom.Random;
            parameters = withRandom.Parameters;
        }
        _key = forSigning
            ? parameters as ECPrivateKeyParameters ?? throw new InvalidKeyException("EC private key required for signing")
            : parameters as ECPublicKeyParameters ?? throw new InvalidKeyException("EC public key required for verification");
        _random = forSigning && !_k.IsDeterministic ? random ?? OsRandom.Create() : null;
    }

    public BigInteger[] GenerateSignature(byte[] message)
    {
        var key = (ECPrivateKeyParameters)Key;
        var domain = key.Parameters;
        var n = domain.N;
        var e = CalculateE(n, message);
        var d = key.D;
        if (_k.IsDeterministic) _k.Init(n, d, message);
        else _k.Init(n, _random);
        BigInteger r, s;
        do
        {
            BigInteger k;
            do
            {
                k = _k.NextK();
                r = EcPoints.MultiplyG(domain, k).AffineXCoord.ToBigInteger().Mod(n);
            } while (r.SignValue == 0);
            s = BigIntegers.ModOddInverse(n, k).Multiply(e.Add(d.Multiply(r))).Mod(n);
        } while (s.SignValue == 0);
        return [r, s];
    }

    public bool VerifySignature(byte[] message, BigInteger r, BigInteger s)
    {
        var key = (ECPublicKeyParameters)Key;
        var domain = key.Parameters;
        var n = domain.N;
        if (r.SignValue < 1 || s.SignValue < 1 || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0) return false;
        var e = CalculateE(n, message);
        var c = BigIntegers.ModOddInverseVar(n, s);
        var u1 = e.Multiply(c).Mod(n);
        var u2 = r.Multiply(c).Mod(n);
        var point = ECAlgorithms.SumOfTwoMultiplies(domain.G, u1, key.Q, u2);
        if (point.IsInfinity) return false;
        return EcPoints.Normalize(point).AffineXCoord.ToBigInteger().Mod(n).Equals(r);
    }

    // The leftmost bits of the digest, as many as n has (X9.62 5.3.2 / FIPS 186-4 6.4).
    private static BigInteger CalculateE(BigInteger n, byte[] message)
    {
        var messageBits = message.Length * 8;
        var e = new BigInteger(1, message);
        return n.BitLength < messageBits ? e.ShiftRight(messageBits - n.BitLength) : e;
    }
}
