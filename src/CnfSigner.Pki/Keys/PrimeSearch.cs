using System.Text;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Random primes for RSA, found as crypto/bn/bn_prime.c probable_prime() does: draw a random odd number with its
/// top two bits set, sieve it and the odd numbers after it by the first 2048 primes (residues computed once,
/// then only added to), and run Miller–Rabin only on survivors. Each survivor first gets one round to base 2
/// (almost every composite fails there), then as many random-base rounds as BouncyCastle's own RSA generator
/// makes (BigInteger.RabinMillerTest for a randomly selected candidate, FIPS 186-4 Table C.3 at 2^-100).
/// An optional trace receives OpenSSL's BN_GENCB progress characters at the equivalent events (bn_prime.c
/// BN_generate_prime_ex2 through apps' progress callback): '.' per candidate that survives the sieve, '+' per
/// Miller–Rabin round passed, '*' for a prime p with gcd(p − 1, e) ≠ 1; the caller adds '\n' (rsa_gen.c: event 3) when it takes the prime.
/// </summary>
internal static class PrimeSearch
{
    /// <summary>crypto/bn/bn_prime.h: NUMPRIMES 2048 (2 to 17863); 2 is left out because candidates are odd.</summary>
    internal static readonly uint[] SmallPrimes = OddPrimes(2047);

    /// <summary>bn_prime.c probable_prime(): a bounded walk from one random start, then a fresh draw.</summary>
    private const uint MaxDelta = 1 << 20;

    /// <summary>A prime of exactly <paramref name="bits"/> bits with its top two bits set and gcd(p−1, e) = 1.</summary>
    public static BigInteger Find(int bits, BigInteger e, SecureRandom random, StringBuilder? trace = null)
    {
        var rounds = RandomRounds(bits);
        var residues = new uint[SmallPrimes.Length];
        var smallE = e.BitLength <= 31 ? (uint)e.IntValue : 0;
        while (true)
        {
            var start = new BigInteger(bits, random).SetBit(bits - 1).SetBit(bits - 2).SetBit(0);
            Residues(start, residues);
            var eResidue = smallE != 0 ? (uint)start.Mod(e).IntValue : 0;
            for (uint delta = 0; delta < MaxDelta; delta += 2)
            {
                if (!SurvivesSieve(residues, delta)) continue;
                // p ≡ 1 (mod e) would make e non-invertible; cheap to rule out before any exponentiation.
                if (smallE != 0 && ((ulong)eResidue + delta) % smallE == 1) continue;
                var candidate = start.Add(BigInteger.ValueOf(delta));
                if (candidate.BitLength != bits) break;
                trace?.Append('.');
                if (!IsProbablePrime(candidate, rounds, random, trace)) continue;
                if (!e.Gcd(candidate.Subtract(BigInteger.One)).Equals(BigInteger.One))
                {
                    trace?.Append('*'); // rsa_gen.c rsa_multiprime_keygen: event 2, a prime refused for e
                    continue;
                }
                return candidate;
            }
        }
    }

    /// <summary>A prime's progress characters, written whole with the '\n' that ends them (BN_GENCB event 3).</summary>
    public static void EndLine(StringBuilder? trace, Action<char>? progress)
    {
        if (trace == null || progress == null) return;
        trace.Append('\n');
        foreach (var chunk in trace.GetChunks())
            foreach (var c in chunk.Span) progress(c);
    }

    /// <summary>
    /// BouncyCastle's rounds for a random candidate (BigInteger.RabinMillerTest with randomlySelected, certainty
    /// 100: 4, 8, 16 or 50 by size) plus the one round its prime constructor already made.
    /// </summary>
    public static int RandomRounds(int bits) => 1 + (bits >= 1024 ? 4 : bits >= 512 ? 8 : bits >= 256 ? 16 : 50);

    /// <summary>
    /// Miller–Rabin: base 2, then <paramref name="rounds"/> random bases in [2, n−2]. n must be odd and &gt; 3.
    /// Each round passed appends '+' to <paramref name="trace"/> (bn_prime.c bn_miller_rabin_is_prime: event 1).
    /// </summary>
    public static bool IsProbablePrime(BigInteger n, int rounds, SecureRandom random, StringBuilder? trace = null)
    {
        var test = new MillerRabin(n);
        for (var i = 0; i <= rounds; i++)
        {
            if (!test.Round(i, random)) return false;
            trace?.Append('+');
        }
        return true;
    }

    /// <summary>Miller–Rabin one round at a time: round 0 to base 2, later rounds to random bases in [2, n−2].</summary>
    internal sealed class MillerRabin
    {
        private readonly BigInteger _n;
        private readonly Montgomery? _mont;
        // Where a 64×64-bit product is slow (the default native file), the exponentiations run in radix 2^28:
        // about 2.5 times fewer instructions for a 1,024-bit candidate (MontgomeryRadix).
        private readonly MontgomeryRadix? _radix;
        private readonly ulong[] _d;
        private readonly int _dBits;
        private readonly int _s;
        private readonly ulong[] _nMinus1;

        public MillerRabin(BigInteger n, bool smallRadix)
        {
            _n = n;
            var limbs = (n.BitLength + 63) / 64;
            if (smallRadix) _radix = new MontgomeryRadix(n);
            else _mont = new Montgomery(n);
            var nMinus1 = n.Subtract(BigInteger.One);
            _s = nMinus1.GetLowestSetBit();
            var d = nMinus1.ShiftRight(_s);
            _dBits = d.BitLength;
            _d = Montgomery.ToLimbs(d, limbs);
            _nMinus1 = Montgomery.ToLimbs(nMinus1, limbs);
        }

        public MillerRabin(BigInteger n)
            : this(n, !Montgomery.HasWideMultiply && MontgomeryRadix.Fits(n.BitLength))
        {
        }

        public bool Round(int round, SecureRandom random)
        {
            if (round == 0) return StrongProbablePrime(BigInteger.Two);
            var max = _n.Subtract(BigInteger.Two);
            BigInteger a;
            do a = new BigInteger(_n.BitLength, random);
            while (a.CompareTo(BigInteger.Two) < 0 || a.CompareTo(max) > 0);
            return StrongProbablePrime(a);
        }

        /// <summary>n − 1 = d·2^s; a^d ≡ 1, or a^(d·2^r) ≡ −1 for some r &lt; s.</summary>
        private bool StrongProbablePrime(BigInteger a)
        {
            if (_radix != null) return StrongProbablePrimeRadix(_radix, a);
            var mont = _mont!;
            var y = new ulong[mont.Limbs];
            mont.Pow(mont.ToMontgomery(a), _d, y);
            if (y.AsSpan().SequenceEqual(mont.One) || y.AsSpan().SequenceEqual(mont.MinusOne)) return true;
            for (var r = 1; r < _s; r++)
            {
                mont.Multiply(y, y, y);
                if (y.AsSpan().SequenceEqual(mont.MinusOne)) return true;
                if (y.AsSpan().SequenceEqual(mont.One)) return false;
            }
            return false;
        }

        /// <summary>The same test in radix 2^28, on canonical residues: a^d, then squarings, against 1 and n − 1.</summary>
        private bool StrongProbablePrimeRadix(MontgomeryRadix radix, BigInteger a)
        {
            var y = Montgomery.ToLimbs(a, _nMinus1.Length);
            radix.PowSecret(y, _d, _dBits, y);
            if (IsOne(y) || y.AsSpan().SequenceEqual(_nMinus1)) return true;
            ReadOnlySpan<ulong> two = [2];
            for (var r = 1; r < _s; r++)
            {
                radix.PublicPow(y, two, y);
                if (y.AsSpan().SequenceEqual(_nMinus1)) return true;
                if (IsOne(y)) return false;
            }
            return false;
        }

        private static bool IsOne(ReadOnlySpan<ulong> y) => y[0] == 1 && !y[1..].ContainsAnyExcept(0UL);
    }

    private static bool SurvivesSieve(uint[] residues, uint delta)
    {
        var primes = SmallPrimes;
        for (var i = 0; i < primes.Length; i++)
            if ((residues[i] + delta) % primes[i] == 0) return false;
        return true;
    }

    /// <summary>start mod each small prime, by Horner's rule over 32-bit words.</summary>
    private static void Residues(BigInteger start, uint[] residues)
    {
        var bytes = start.ToByteArrayUnsigned();
        var words = new uint[(bytes.Length + 3) / 4];
        for (var i = 0; i < bytes.Length; i++)
            words[(bytes.Length - 1 - i) / 4] |= (uint)bytes[i] << (8 * ((bytes.Length - 1 - i) % 4));
        for (var p = 0; p < SmallPrimes.Length; p++)
        {
            ulong r = 0, prime = SmallPrimes[p];
            for (var w = words.Length - 1; w >= 0; w--) r = ((r << 32) | words[w]) % prime;
            residues[p] = (uint)r;
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> odd primes by trial division, allocating nothing but the result (an
    /// iterator and a closure per candidate made 3 MB of garbage, most of genrsa 2048's heap).
    /// </summary>
    private static uint[] OddPrimes(int count)
    {
        var primes = new uint[count];
        var found = 0;
        for (uint candidate = 3; found < count; candidate += 2)
        {
            var prime = true;
            for (var i = 0; i < found && primes[i] * primes[i] <= candidate; i++)
                if (candidate % primes[i] == 0) { prime = false; break; }
            if (prime) primes[found++] = candidate;
        }
        return primes;
    }
}
