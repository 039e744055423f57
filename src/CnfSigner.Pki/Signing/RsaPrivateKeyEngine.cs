using System.Runtime.CompilerServices;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// The RSA private-key operation (signing) on 64-bit limbs, with the protections of OpenSSL's
/// crypto/rsa/rsa_ossl.c rsa_ossl_private_encrypt(): blinding (the input multiplied by r^e, the result by r^-1, the
/// pair squared after each use and renewed every 32 uses as BN_BLINDING does), the CRT halves computed by
/// <see cref="MontgomeryAvx512.PowSecret"/> where the process may use AVX-512F, else, where a 64×64→128-bit product
/// is not one instruction (the default x86-64-v2 native file), <see cref="MontgomeryRadix.PowSecret"/> (28-bit limbs,
/// one IMUL per limb product; it also takes the public-exponent powers of blinding and the fault check there), else
/// <see cref="Montgomery.PowSecret"/> (all constant time: fixed windows, masked table reads, no branch on secret values),
/// and the result checked with the public exponent before it is released (a fault in one CRT half would otherwise
/// give the factorisation of n away: Boneh, DeMillo, Lipton). BouncyCastle's RsaBlindedEngine does the same on 32-bit
/// limbs at a half (64-bit limbs) to a sixth (AVX-512) of the speed. A drop-in <see cref="IAsymmetricBlockCipher"/> for Pkcs1Encoding and
/// PssSigner, signing only; keys without CRT values fall back to BouncyCastle's engine.
/// </summary>
internal sealed class RsaPrivateKeyEngine : IAsymmetricBlockCipher
{
    /// <summary>Which arithmetic exponentiates the CRT halves.</summary>
    internal enum ExponentPath { Auto, Avx512, SmallRadix, Limbs64 }

    private static readonly ConditionalWeakTable<RsaPrivateCrtKeyParameters, KeyContext> Contexts = new();
    private KeyContext? _key;
    private IAsymmetricBlockCipher? _fallback;

    public string AlgorithmName => "RSA";

    public void Init(bool forEncryption, ICipherParameters parameters)
    {
        var key = parameters is ParametersWithRandom withRandom ? withRandom.Parameters : parameters;
        _key = null;
        _fallback = null;
        if (forEncryption && key is RsaPrivateCrtKeyParameters crt && crt.PublicExponent.SignValue > 0)
            _key = Contexts.GetValue(crt, k => new KeyContext(k));
        else
        {
            _fallback = new Org.BouncyCastle.Crypto.Engines.RsaBlindedEngine();
            _fallback.Init(forEncryption, parameters);
        }
    }

    public int GetInputBlockSize() => _fallback?.GetInputBlockSize() ?? (Key.Bits - 1) / 8;

    public int GetOutputBlockSize() => _fallback?.GetOutputBlockSize() ?? (Key.Bits + 7) / 8;

    public byte[] ProcessBlock(byte[] inBuf, int inOff, int inLen)
    {
        if (_fallback != null) return _fallback.ProcessBlock(inBuf, inOff, inLen);
        var key = Key;
        if (inLen > (key.Bits + 7) / 8) throw new DataLengthException("input too large for RSA cipher.");
        var input = new BigInteger(1, inBuf, inOff, inLen);
        if (input.CompareTo(key.Modulus) >= 0) throw new DataLengthException("input too large for RSA cipher.");
        return key.Sign(input);
    }

    private KeyContext Key => _key ?? throw new InvalidOperationException("RSA engine not initialised");

    /// <summary>The Montgomery contexts and exponents of one key, made once per key (a batch signs many times).</summary>
    internal sealed class KeyContext
    {
        private const int BlindingUses = 32; // crypto/bn/bn_blind.c BN_BLINDING_COUNTER
        private readonly Montgomery _n, _p, _q;
        private readonly MontgomeryAvx512? _pVector, _qVector; // the exponentiations, where AVX-512F may be used
        private readonly MontgomeryRadix? _pRadix, _qRadix; // the exponentiations, where 64-bit products are slow
        private readonly MontgomeryRadix? _nRadix; // x^e mod n (blinding, fault check), where 64-bit products are slow
        private readonly ulong[] _e, _dP, _dQ, _qInverse, _qLimbs;
        private readonly ulong[] _pFactor, _qFactor, _m2Factor; // for ToMontgomeryWide of an n-sized value / of m2
        private readonly int _pBits, _qBits;
        private readonly Lock _gate = new();
        private ulong[]? _blind, _unblind; // r^e·R and r^-1·R mod n
        private int _blindingUses;

        /// <param name="key">The key.</param>
        /// <param name="path">The exponentiation: <see cref="ExponentPath.Auto"/> picks the fastest this process may
        /// use; tests name one to check it where another would be picked.</param>
        public KeyContext(RsaPrivateCrtKeyParameters key, ExponentPath path = ExponentPath.Auto)
        {
            Modulus = key.Modulus;
            PublicExponent = key.PublicExponent;
            Bits = key.Modulus.BitLength;
            _n = new Montgomery(key.Modulus);
            _p = new Montgomery(key.P);
            _q = new Montgomery(key.Q);
            _pBits = key.P.BitLength;
            _qBits = key.Q.BitLength;
            _e = Montgomery.ToLimbs(key.PublicExponent, (key.PublicExponent.BitLength + 63) / 64);
            _dP = Montgomery.ToLimbs(key.DP, _p.Limbs);
            _dQ = Montgomery.ToLimbs(key.DQ, _q.Limbs);
            _qInverse = Montgomery.ToLimbs(key.QInv, _p.Limbs);
            _qLimbs = Montgomery.ToLimbs(key.Q, _q.Limbs);
            _pFactor = _p.WideFactor(_n.Limbs);
            _qFactor = _q.WideFactor(_n.Limbs);
            _m2Factor = _p.WideFactor(_q.Limbs);
            if (path == ExponentPath.Auto) path = Choose(_pBits, _qBits);
            if (path == ExponentPath.Avx512)
            {
                _pVector = new MontgomeryAvx512(key.P);
                _qVector = new MontgomeryAvx512(key.Q);
            }
            else if (path == ExponentPath.SmallRadix)
            {
                _pRadix = new MontgomeryRadix(key.P);
                _qRadix = new MontgomeryRadix(key.Q);
            }
            Path = path;
            if (path == ExponentPath.SmallRadix && MontgomeryRadix.Fits(Bits)) _nRadix = new MontgomeryRadix(key.Modulus);
        }

        /// <summary>
        /// AVX-512F where the process may use it; else, where a 64×64→128-bit product is not one instruction (no
        /// BMI2 MULX on x64, as in the default x86-64-v2 native file), the small radix; else 64-bit limbs.
        /// </summary>
        internal static ExponentPath Choose(int pBits, int qBits)
        {
            if (MontgomeryAvx512.IsSupported && MontgomeryAvx512.Fits(pBits) && MontgomeryAvx512.Fits(qBits)) return ExponentPath.Avx512;
            if (!Montgomery.HasWideMultiply && MontgomeryRadix.Fits(pBits) && MontgomeryRadix.Fits(qBits)) return ExponentPath.SmallRadix;
            return ExponentPath.Limbs64;
        }

        public ExponentPath Path { get; }

        public BigInteger Modulus { get; }
        private BigInteger PublicExponent { get; }
        public int Bits { get; }

        public byte[] Sign(BigInteger input)
        {
            var k = _n.Limbs;
            var c = Montgomery.ToLimbs(input, k);
            var (blind, unblind) = Blinding();

            // c' = c·r^e mod n
            var blinded = new ulong[k];
            _n.Multiply(c, blind, blinded);

            // m1 = c'^dP mod p, m2 = c'^dQ mod q (both in Montgomery form first)
            var m1 = new ulong[_p.Limbs];
            var m2 = new ulong[_q.Limbs];
            _p.ToMontgomeryWide(blinded, _pFactor, m1);
            _q.ToMontgomeryWide(blinded, _qFactor, m2);
            if (_pVector != null && _qVector != null)
            {
                // the vector exponentiation takes and gives normal form
                _p.FromMontgomery(m1, m1);
                _pVector.PowSecret(m1, _dP, _pBits, m1);
                _p.Multiply(m1, _p.RSquared, m1);
                _q.FromMontgomery(m2, m2);
                _qVector.PowSecret(m2, _dQ, _qBits, m2);
            }
            else if (_pRadix != null && _qRadix != null)
            {
                // so does the small-radix one
                _p.FromMontgomery(m1, m1);
                _pRadix.PowSecret(m1, _dP, _pBits, m1);
                _p.Multiply(m1, _p.RSquared, m1);
                _q.FromMontgomery(m2, m2);
                _qRadix.PowSecret(m2, _dQ, _qBits, m2);
            }
            else
            {
                _p.PowSecret(m1, _dP, _pBits, m1);
                _q.PowSecret(m2, _dQ, _qBits, m2);
                _q.FromMontgomery(m2, m2);
            }

            // h = qInv·(m1 − m2) mod p; m1 − m2 taken in p's Montgomery form, qInv in normal form
            var m2p = new ulong[_p.Limbs];
            _p.ToMontgomeryWide(m2, _m2Factor, m2p);
            _p.SubtractModulo(m1, m2p, m1);
            var h = new ulong[_p.Limbs];
            _p.Multiply(m1, _qInverse, h);

            // m' = m2 + h·q < n, then m = m'·r^-1 mod n
            var m = new ulong[Math.Max(k, _p.Limbs + _q.Limbs)];
            MultiplyAdd(h, _qLimbs, m2, m);
            var signature = new ulong[k];
            _n.Multiply(m.AsSpan(0, k), unblind, signature);

            // fault check: signature^e mod n must give the input back
            var check = new ulong[k];
            if (_nRadix != null) _nRadix.PublicPow(signature, _e, check);
            else
            {
                _n.Multiply(signature, _n.RSquared, check);
                _n.Pow(check, _e, check);
                _n.FromMontgomery(check, check);
            }
            var same = 0UL;
            for (var i = 0; i < k; i++) same |= check[i] ^ c[i];
            Array.Clear(m1); Array.Clear(m2); Array.Clear(m2p); Array.Clear(h); Array.Clear(m); Array.Clear(blinded);
            if (same != 0) throw new CnfSignerException("RSA signature fault detected: the signature does not verify");

            var output = new byte[(Bits + 7) / 8];
            for (var i = 0; i < output.Length; i++)
                output[output.Length - 1 - i] = (byte)(signature[i / 8] >> (8 * (i % 8)));
            return output;
        }

        /// <summary>The blinding pair for this use; BN_BLINDING_update(): squared after each use, new every 32.</summary>
        private (ulong[] Blind, ulong[] Unblind) Blinding()
        {
            lock (_gate)
            {
                if (_blind == null || _unblind == null || _blindingUses >= BlindingUses)
                {
                    (_blind, _unblind) = NewBlinding();
                    _blindingUses = 0;
                }
                else
                {
                    _n.Square(_blind, _blind);
                    _n.Square(_unblind, _unblind);
                }
                _blindingUses++;
                return ((ulong[])_blind.Clone(), (ulong[])_unblind.Clone());
            }
        }

        private (ulong[], ulong[]) NewBlinding()
        {
            var random = OsRandom.Create();
            while (true)
            {
                var r = new BigInteger(Bits, random).Mod(Modulus);
                // r^-1 by BouncyCastle's constant-time safegcd (Bernstein–Yang), which also answers whether r is
                // invertible: its ModInverse (extended Euclid on BigInteger divisions) and a Gcd first cost about 10 M
                // instructions at 2048 bits, most of a one-signature process's key set-up
                BigInteger inverse;
                try
                {
                    if (r.SignValue == 0) continue;
                    inverse = BigIntegers.ModOddInverse(Modulus, r);
                }
                catch (ArithmeticException)
                {
                    continue; // r shares a factor with n (never in practice)
                }
                ulong[] blind;
                if (_nRadix != null)
                {
                    blind = Montgomery.ToLimbs(_nRadix.PublicPow(r, PublicExponent), _n.Limbs);
                    _n.Multiply(blind, _n.RSquared, blind);
                }
                else
                {
                    blind = _n.ToMontgomery(r);
                    _n.Pow(blind, _e, blind);
                }
                return (blind, _n.ToMontgomery(inverse));
            }
        }

        /// <summary>result = a·b + c (schoolbook; result as long as a and b together, or longer).</summary>
        private static void MultiplyAdd(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> c, Span<ulong> result)
        {
            result.Clear();
            c.CopyTo(result);
            for (var i = 0; i < a.Length; i++)
            {
                ulong carry = 0, ai = a[i];
                for (var j = 0; j < b.Length; j++) carry = Montgomery.MultiplyAdd(ai, b[j], ref result[i + j], carry);
                for (var j = i + b.Length; j < result.Length; j++)
                {
                    var sum = result[j] + carry;
                    carry = sum < carry ? 1UL : 0;
                    result[j] = sum;
                }
            }
        }
    }
}

/// <summary>
/// RSASSA-PKCS1-v1_5 signing (RFC 8017 §8.2) over <see cref="RsaPrivateKeyEngine"/>: the digest, its DigestInfo
/// with NULL parameters (as OpenSSL writes it), type-1 padding. Deterministic: the same bytes as openssl's.
/// </summary>
internal sealed class RsaPkcs1Signer(IDigest digest, Org.BouncyCastle.Asn1.DerObjectIdentifier digestOid) : ISigner
{
    private readonly Org.BouncyCastle.Crypto.Encodings.Pkcs1Encoding _cipher = new(new RsaPrivateKeyEngine());

    public string AlgorithmName => digest.AlgorithmName + "withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning) throw new InvalidOperationException("RsaPkcs1Signer signs only");
        _cipher.Init(true, parameters);
        digest.Reset();
    }

    public void Update(byte input) => digest.Update(input);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => digest.BlockUpdate(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => digest.BlockUpdate(input);

    public int GetMaxSignatureSize() => _cipher.GetOutputBlockSize();

    public byte[] GenerateSignature()
    {
        var hash = DigestUtilities.DoFinal(digest);
        var info = new Org.BouncyCastle.Asn1.X509.DigestInfo(
            new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(digestOid, Org.BouncyCastle.Asn1.DerNull.Instance), hash).GetDerEncoded();
        return _cipher.ProcessBlock(info, 0, info.Length);
    }

    public bool VerifySignature(byte[] signature) => throw new InvalidOperationException("RsaPkcs1Signer signs only");

    public void Reset() => digest.Reset();
}
