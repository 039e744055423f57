using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Tools;

/// <summary>
/// PKCS#3 Diffie-Hellman parameters (p, g) as `dhparam` reads, writes, checks and prints them. Generation finds a
/// safe prime p = 2q + 1 with p ≡ 23 (mod 24) for g = 2 and p ≡ 59 (mod 60) for g = 5, as OpenSSL's
/// dh_builtin_genparams() does (g then generates the subgroup of order q).
/// </summary>
public sealed class DhParameters
{
    private const string PemLabel = "DH PARAMETERS";
    private readonly BigInteger _p;
    private readonly BigInteger _g;

    private DhParameters(BigInteger p, BigInteger g) { _p = p; _g = g; }

    public int Bits => _p.BitLength;

    /// <summary>
    /// <paramref name="progress"/> receives OpenSSL's progress line (bn_prime.c BN_generate_prime_ex2 with safe = 1,
    /// dh_gen.c event 3): '.' per sieved candidate, '+' per round p or q passes, '*' per round both pass, '\n'.
    /// </summary>
    public static DhParameters Generate(int bits, int generator, Action<char>? progress = null)
    {
        var (step, remainder) = generator switch { 2 => (24, 23), 5 => (60, 59), _ => (12, 11) };
        var p = SafePrimes.Find(bits, step, remainder, OsRandom.Create(), progress);
        return new DhParameters(p, BigInteger.ValueOf(generator));
    }

    /// <summary>PEM ("DH PARAMETERS") or DER; OpenSSL's words when the data is neither.</summary>
    public static DhParameters Read(byte[] data, bool der)
    {
        try
        {
            var encoded = der ? data : PemBlock.Find(Encoding.Latin1.GetString(data), PemLabel);
            if (encoded != null && Asn1Object.FromByteArray(encoded) is Asn1Sequence { Count: 2 or 3 } seq)
                return new DhParameters(DerInteger.GetInstance(seq[0]).PositiveValue, DerInteger.GetInstance(seq[1]).PositiveValue);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or FormatException)
        {
        }
        throw new CnfSignerException("Could not read DH parameters from input");
    }

    public byte[] Der() => new DerSequence(new DerInteger(_p), new DerInteger(_g)).GetEncoded(Asn1Encodable.Der);

    public string Pem() => PemBlock.Encode(PemLabel, Der());

    /// <summary>
    /// crypto/dh/dh_check.c DH_check_ex(): the reasons the parameters fail, in OpenSSL's order; empty when they pass
    /// ("DH parameters appear to be ok.").
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var random = OsRandom.Create();
        if (_g.CompareTo(BigInteger.One) <= 0 || _g.CompareTo(_p.Subtract(BigInteger.One)) >= 0)
            problems.Add("not suitable generator");
        if (!_p.TestBit(0) || !PrimeSearch.IsProbablePrime(_p, 64, random))
            problems.Add("check p not prime");
        else if (!PrimeSearch.IsProbablePrime(_p.ShiftRight(1), 64, random))
            problems.Add("check p not safe prime");
        if (_p.BitLength < SafePrimes.MinimumBits) problems.Add("modulus too small");
        if (_p.BitLength > SafePrimes.MaximumBits) problems.Add("modulus too large");
        return problems;
    }

    /// <summary>crypto/dh/dh_ameth.c do_dh_print(): "DH Parameters: (N bit)", then P and G as labelled numbers.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        text.Append($"    DH Parameters: ({_p.BitLength} bit)\n");
        Number(text, "P:   ", _p);
        Number(text, "G:   ", _g);
        return text.ToString();
    }

    // crypto/bn/bn_print.c ossl_bio_print_labeled_bignum(): one word inline as "N (0xN)", longer ones as hex lines.
    private static void Number(StringBuilder text, string label, BigInteger value)
    {
        text.Append("    ").Append(label);
        if (value.BitLength <= 64)
        {
            text.Append(' ').Append(value.ToString()).Append(" (0x").Append(value.ToString(16)).Append(")\n");
            return;
        }
        text.Append('\n');
        var magnitude = value.ToByteArray(); // two's complement: a leading 00 when the top bit is set, as OpenSSL prints
        HexPrinter.Block(text, magnitude, 8);
    }
}

/// <summary>Safe primes p = 2q + 1 with p ≡ remainder (mod step): a sieve over small primes, then Miller–Rabin.</summary>
internal static class SafePrimes
{
    private static readonly int[] SmallPrimes = Enumerable.Range(3, 17860).Where(IsSmallPrime).ToArray();

    private static bool IsSmallPrime(int n)
    {
        for (var d = 2; d * d <= n; d++) if (n % d == 0) return false;
        return n > 1;
    }

    public const int MinimumBits = 512;    // include/openssl/dh.h DH_MIN_MODULUS_BITS
    public const int MaximumBits = 10000;  // OPENSSL_DH_MAX_MODULUS_BITS

    /// <summary>
    /// Searches from one random start per processor and takes the first safe prime found: the wait for a safe prime
    /// is geometric, so N independent searches divide the expected time by about N.
    /// </summary>
    public static BigInteger Find(int bits, int step, int remainder, SecureRandom random, Action<char>? progress = null)
    {
        using var found = new CancellationTokenSource();
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var traces = new Dictionary<Task<BigInteger?>, StringBuilder>();
        var searches = Enumerable.Range(0, workers).Select(_ =>
        {
            var trace = progress == null ? null : new StringBuilder();
            var search = Task.Run(() => Search(bits, step, remainder, random, found.Token, trace));
            if (trace != null) traces[search] = trace;
            return search;
        }).ToList();
        while (true)
        {
            var done = searches[Task.WaitAny([.. searches])];
            if (done.GetAwaiter().GetResult() is { } prime) // rethrows a failure (no random bytes) as itself
            {
                found.Cancel();
                Task.WaitAll([.. searches]);
                // Only the winning search's line is written: OpenSSL makes one search.
                PrimeSearch.EndLine(traces.GetValueOrDefault(done), progress);
                return prime;
            }
            searches.Remove(done);
        }
    }

    private static BigInteger? Search(int bits, int step, int remainder, SecureRandom random, CancellationToken stop,
        StringBuilder? trace)
    {
        var bigStep = BigInteger.ValueOf(step);
        while (!stop.IsCancellationRequested)
        {
            var p = new BigInteger(bits, random).SetBit(bits - 1).SetBit(bits - 2);
            p = p.Add(BigInteger.ValueOf((remainder - p.Mod(bigStep).IntValue + step) % step));
            var residues = SmallPrimes.Select(s => p.Mod(BigInteger.ValueOf(s)).IntValue).ToArray();
            // Walk p, p + step, ... within the same bit length; both p and q = (p - 1) / 2 must survive the sieve.
            for (var offset = 0; offset < 1 << 20 && !stop.IsCancellationRequested; offset += step)
            {
                if (Sieved(residues, offset)) continue;
                var candidate = p.Add(BigInteger.ValueOf(offset));
                if (candidate.BitLength != bits) break;
                trace?.Append('.');
                if (IsSafePrime(candidate, PrimeSearch.RandomRounds(bits), random, trace)) return candidate;
            }
        }
        return null;
    }

    /// <summary>bn_prime.c: round by round, p then q = (p − 1) / 2 ('+' for each pass), '*' when both passed.</summary>
    private static bool IsSafePrime(BigInteger p, int rounds, SecureRandom random, StringBuilder? trace)
    {
        var pTest = new PrimeSearch.MillerRabin(p);
        PrimeSearch.MillerRabin? qTest = null;
        for (var i = 0; i <= rounds; i++)
        {
            if (!pTest.Round(i, random)) return false;
            trace?.Append('+');
            qTest ??= new PrimeSearch.MillerRabin(p.ShiftRight(1));
            if (!qTest.Round(i, random)) return false;
            trace?.Append("+*");
        }
        return true;
    }

    private static bool Sieved(int[] residues, int offset)
    {
        for (var i = 0; i < residues.Length; i++)
        {
            var s = SmallPrimes[i];
            var r = (int)((residues[i] + (long)offset) % s);
            // p ≡ 0 (mod s) or q ≡ 0 (mod s), that is p ≡ 1 (mod s)
            if (r == 0 || r == 1) return true;
        }
        return false;
    }
}
