using System.Text;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Tests.Keys;

/// <summary>The 64-bit Montgomery arithmetic and the prime search behind RSA key generation, judged by BouncyCastle and openssl.</summary>
public class PrimeSearchTests
{
    private static readonly Org.BouncyCastle.Security.SecureRandom Random = OsRandom.Create();

    [TestCase(3, 64)]
    [TestCase(64, 64)]
    [TestCase(65, 64)]
    [TestCase(127, 200)]
    [TestCase(512, 512)]
    [TestCase(1024, 1024)]
    [TestCase(1025, 17)]
    [TestCase(2048, 2048)]
    public void Montgomery_power_equals_BouncyCastle_ModPow(int modulusBits, int exponentBits)
    {
        for (var round = 0; round < 20; round++)
        {
            var n = new BigInteger(modulusBits, Random).SetBit(modulusBits - 1).SetBit(0);
            var x = new BigInteger(modulusBits, Random).Mod(n);
            var e = new BigInteger(exponentBits, Random);
            var mont = new Montgomery(n);
            var result = new ulong[mont.Limbs];
            mont.Pow(mont.ToMontgomery(x), Montgomery.ToLimbs(e, (exponentBits + 63) / 64), result);
            mont.Multiply(result, Montgomery.ToLimbs(BigInteger.One, mont.Limbs), result); // leave Montgomery form
            Montgomery.FromLimbs(result).ShouldBe(x.ModPow(e, n), $"{x}^{e} mod {n}");
        }
    }

    [Test]
    public void Montgomery_multiplication_handles_operands_next_to_the_modulus()
    {
        var n = BigInteger.One.ShiftLeft(1024).Subtract(BigInteger.ValueOf(105)); // odd, all limbs full
        var mont = new Montgomery(n);
        var a = n.Subtract(BigInteger.One);
        var product = new ulong[mont.Limbs];
        mont.Multiply(mont.ToMontgomery(a), mont.ToMontgomery(a), product);
        mont.Multiply(product, Montgomery.ToLimbs(BigInteger.One, mont.Limbs), product);
        Montgomery.FromLimbs(product).ShouldBe(BigInteger.One); // (−1)² = 1
    }

    [TestCase(64)]
    [TestCase(1024)]
    [TestCase(2048)]
    public void Montgomery_square_equals_multiplying_by_itself(int bits)
    {
        foreach (var n in new[] { BigInteger.One.ShiftLeft(bits).Subtract(BigInteger.One), new BigInteger(bits, Random).SetBit(bits - 1).SetBit(0) })
        {
            var mont = new Montgomery(n);
            foreach (var x in new[] { n.Subtract(BigInteger.One), n.Subtract(BigInteger.Two), new BigInteger(bits, Random).Mod(n), BigInteger.Zero })
            {
                var xm = mont.ToMontgomery(x);
                var (square, product) = (new ulong[mont.Limbs], new ulong[mont.Limbs]);
                mont.Square(xm, square);
                mont.Multiply(xm, xm, product);
                square.ShouldBe(product, $"{x}² mod {n}");
            }
        }
    }

    [TestCase(0UL, 0UL)]
    [TestCase(ulong.MaxValue, ulong.MaxValue)]
    [TestCase(ulong.MaxValue, 2UL)]
    [TestCase(0xFFFFFFFFUL, 0x1_0000_0001UL)]
    [TestCase(0x8000_0000_0000_0001UL, 0xFFFF_FFFF_0000_0001UL)]
    public void The_portable_128_bit_product_equals_Math_BigMul(ulong a, ulong b)
    {
        var high = Montgomery.PortableMultiplyHigh(a, b, out var low);
        (high, low).ShouldBe((Math.BigMul(a, b, out var expectedLow), expectedLow));
        var bytes = new byte[8];
        for (var i = 0; i < 1000; i++)
        {
            Random.NextBytes(bytes);
            var x = BitConverter.ToUInt64(bytes);
            Random.NextBytes(bytes);
            var y = BitConverter.ToUInt64(bytes);
            Montgomery.PortableMultiplyHigh(x, y, out low).ShouldBe(Math.BigMul(x, y, out expectedLow));
            low.ShouldBe(expectedLow);
        }
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(127)]
    [TestCase(1024)]
    [TestCase(1025)]
    [TestCase(2047)]
    [TestCase(3072)]
    public void Montgomery_constants_equal_BigInteger_remainders(int bits)
    {
        for (var round = 0; round < 5; round++)
        {
            var n = new BigInteger(bits, Random).SetBit(bits - 1).SetBit(0);
            if (round == 0) n = BigInteger.One.ShiftLeft(bits - 1).Add(BigInteger.One); // the smallest of its length
            if (round == 1) n = BigInteger.One.ShiftLeft(bits).Subtract(BigInteger.One); // the largest
            var m = new Montgomery(n);
            var k = m.Limbs;
            Montgomery.FromLimbs(m.One).ShouldBe(BigInteger.One.ShiftLeft(64 * k).Mod(n), $"n={n}");
            Montgomery.FromLimbs(m.RSquared).ShouldBe(BigInteger.One.ShiftLeft(128 * k).Mod(n), $"n={n}");
            Montgomery.FromLimbs(m.MinusOne).ShouldBe(n.Subtract(BigInteger.One.ShiftLeft(64 * k).Mod(n)), $"n={n}");
            foreach (var limbs in new[] { 1, k, k + 1, 2 * k + 3 })
            {
                var steps = Math.Max(limbs, k) + 1 - k;
                Montgomery.FromLimbs(m.WideFactor(limbs)).ShouldBe(BigInteger.One.ShiftLeft(64 * (steps + 2 * k)).Mod(n), $"n={n} limbs={limbs}");
            }
        }
    }

    [Test]
    public void The_portable_multiply_accumulate_equals_UInt128_arithmetic()
    {
        ulong[] edges = [0, 1, 2, 0xFFFFFFFF, 0x1_0000_0000, 0x1_0000_0001, 0x8000_0000_0000_0000, ulong.MaxValue - 1, ulong.MaxValue];
        var values = new List<ulong>(edges);
        var bytes = new byte[8];
        for (var i = 0; i < 12; i++)
        {
            Random.NextBytes(bytes);
            values.Add(BitConverter.ToUInt64(bytes));
        }
        foreach (var x in values)
            foreach (var y in values)
                foreach (var add in edges.Concat(values.Take(12)))
                    foreach (var c in new[] { 0UL, 1UL, 0xFFFFFFFFUL, ulong.MaxValue, x ^ y })
                    {
                        var expected = (UInt128)x * y + add + c;
                        var carry = c;
                        var low = Montgomery.PortableMultiplyAccumulate(x, y, add, ref carry);
                        ((UInt128)carry << 64 | low).ShouldBe(expected, $"{x:X} {y:X} {add:X} {c:X}");
                    }
    }

    // Mersenne primes 2^521−1, 2^607−1 and 2^1279−1.
    [TestCase(521)]
    [TestCase(607)]
    [TestCase(1279)]
    public void Known_primes_pass(int mersenneExponent) =>
        PrimeSearch.IsProbablePrime(BigInteger.One.ShiftLeft(mersenneExponent).Subtract(BigInteger.One), 5, Random).ShouldBeTrue();

    // 3215031751 = 151·751·28351 fools bases 2, 3, 5 and 7; 3825123056546413051 fools every base up to 23;
    // a Carmichael number and a product of two large primes.
    [TestCase("3215031751")]
    [TestCase("3825123056546413051")]
    [TestCase("561")]
    [TestCase("1000000016000000063")]
    public void Composites_fail(string composite) =>
        PrimeSearch.IsProbablePrime(new BigInteger(composite), 64, Random).ShouldBeFalse();

    [Test]
    public void A_base_2_strong_pseudoprime_is_caught_by_the_random_rounds()
    {
        var n = new BigInteger("3215031751");
        PrimeSearch.IsProbablePrime(n, 0, Random).ShouldBeTrue(); // base 2 alone is fooled
        PrimeSearch.IsProbablePrime(n, 20, Random).ShouldBeFalse();
    }

    [Test]
    public void The_sieve_primes_are_bn_primes_odd_ones_3_to_17863()
    {
        var primes = PrimeSearch.SmallPrimes;
        (primes.Length, primes[0], primes[^1]).ShouldBe((2047, 3u, 17863u));
        var composite = new bool[17864]; // Eratosthenes
        for (var i = 2; i * i < composite.Length; i++)
            if (!composite[i]) for (var j = i * i; j < composite.Length; j += i) composite[j] = true;
        var odd = Enumerable.Range(3, 17861).Where(n => n % 2 == 1 && !composite[n]).Select(n => (uint)n).ToArray();
        primes.ShouldBe(odd);
    }

    // The default native file tests candidates in radix 2^28 (MontgomeryRadix), a MULX machine in 64-bit limbs: the
    // same rounds, fed the same bases, must give the same answers on primes, composites and base-2 pseudoprimes.
    [TestCase(64)]
    [TestCase(200)]
    [TestCase(1024)]
    [TestCase(2048)]
    public void Both_arithmetics_give_the_same_rounds(int bits)
    {
        var numbers = new List<BigInteger>
        {
            new("3215031751"), new("3825123056546413051"), new("561"), new("1000000016000000063"),
            BigInteger.One.ShiftLeft(521).Subtract(BigInteger.One), BigInteger.One.ShiftLeft(1279).Subtract(BigInteger.One),
            BigInteger.ProbablePrime(bits, Random),
        };
        for (var i = 0; i < 30; i++) numbers.Add(new BigInteger(bits, Random).SetBit(bits - 1).SetBit(0));
        // odd numbers that pass base 2 more often than random ones: 2^k + 1 and (Fermat) 2^(2^5) + 1 = 641 · 6700417
        numbers.Add(BigInteger.One.ShiftLeft(32).Add(BigInteger.One));
        var passes = 0;
        foreach (var n in numbers)
        {
            var seed = new byte[32];
            Random.NextBytes(seed);
            var (radix, limbs) = (Seeded(seed), Seeded(seed));
            var (small, wide) = (new PrimeSearch.MillerRabin(n, smallRadix: true), new PrimeSearch.MillerRabin(n, smallRadix: false));
            for (var round = 0; round < 4; round++)
            {
                var expected = wide.Round(round, limbs);
                small.Round(round, radix).ShouldBe(expected, $"round {round} of {n}");
                if (expected) passes++;
            }
        }
        passes.ShouldBeGreaterThanOrEqualTo(3 * 4 + 1); // the three primes pass every round, 3215031751 base 2
    }

    private static Org.BouncyCastle.Security.SecureRandom Seeded(byte[] seed)
    {
        var random = Org.BouncyCastle.Security.SecureRandom.GetInstance("SHA256PRNG", false);
        random.SetSeed(seed);
        return random;
    }

    [TestCase(256, 16 + 1)]
    [TestCase(512, 8 + 1)]
    [TestCase(1024, 4 + 1)]
    [TestCase(2048, 4 + 1)]
    public void Random_rounds_are_BouncyCastles_for_a_random_candidate(int bits, int rounds) =>
        PrimeSearch.RandomRounds(bits).ShouldBe(rounds);

    [TestCase(256, 65537)]
    [TestCase(512, 3)]
    [TestCase(1024, 65537)]
    public void Found_primes_have_the_size_top_bits_and_exponent_asked_for(int bits, int e)
    {
        var exponent = BigInteger.ValueOf(e);
        var p = PrimeSearch.Find(bits, exponent, Random);
        p.BitLength.ShouldBe(bits);
        p.TestBit(bits - 2).ShouldBeTrue(); // top two bits: p·q always has the full size
        p.IsProbablePrime(100).ShouldBeTrue(); // BouncyCastle's own 50 rounds
        exponent.Gcd(p.Subtract(BigInteger.One)).ShouldBe(BigInteger.One);
    }

    [Test]
    public void The_trace_has_a_dot_per_candidate_tested_then_a_plus_per_round_of_the_prime()
    {
        var trace = new StringBuilder();
        PrimeSearch.Find(1024, RsaKeyGenerator.F4, Random, trace);
        var text = trace.ToString();
        text.ShouldMatch(@"^\.+\+{6}$"); // composites fail at base 2; the prime passes base 2 and 4 + 1 random rounds
    }

    [Test]
    public void A_prime_passes_each_round_with_a_plus_and_a_composite_fails_before_any()
    {
        var trace = new StringBuilder();
        PrimeSearch.IsProbablePrime(BigInteger.One.ShiftLeft(127).Subtract(BigInteger.One), 7, Random, trace).ShouldBeTrue();
        trace.ToString().ShouldBe(new string('+', 8));
        trace.Clear();
        PrimeSearch.IsProbablePrime(BigInteger.ValueOf(1_000_001), 7, Random, trace).ShouldBeFalse(); // 101 · 9901
        trace.ToString().ShouldBe("");
    }

    [TestCase(512), TestCase(2048)]
    public void Key_generation_reports_one_whole_line_per_prime(int bits)
    {
        var progress = new StringBuilder();
        RsaKeyGenerator.Generate(bits, RsaKeyGenerator.F4, c => { lock (progress) progress.Append(c); });
        var lines = progress.ToString().Split('\n');
        lines[^1].ShouldBe(""); // ends with a newline
        lines.Length.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var line in lines[..^1]) line.ShouldMatch(@"^(\.*\++\*)*\.*\++$");
    }
}

[TestFixture, Category("Interop")] // openssl checks the generated keys
public class RsaKeyGenerationInteropTests
{
    [TestCase(512, 65537)]
    [TestCase(1023, 65537)]
    [TestCase(2048, 65537)]
    [TestCase(2048, 3)]
    [TestCase(3072, 65537)]
    public void Openssl_rsa_check_accepts_generated_keys(int bits, int e)
    {
        OpenSsl.Require();
        var key = RsaKeyGenerator.Generate(bits, BigInteger.ValueOf(e));
        var rsa = (RsaPrivateCrtKeyParameters)key.Private;
        rsa.Modulus.BitLength.ShouldBe(bits);
        rsa.P.Multiply(rsa.Q).ShouldBe(rsa.Modulus);
        rsa.P.CompareTo(rsa.Q).ShouldBeGreaterThan(0); // OpenSSL's order: prime1 > prime2
        var dir = TestData.NewTempDirectory();
        try
        {
            var path = Path.Combine(dir, "key.pem");
            File.WriteAllText(path, KeyWriter.Pkcs8Pem(key));
            var (rc, stdout, stderr) = OpenSsl.Run("rsa", "-check", "-text", "-noout", "-in", path);
            rc.ShouldBe(0, stderr);
            var text = Encoding.ASCII.GetString(stdout);
            text.ShouldContain($"Private-Key: ({bits} bit, 2 primes)");
            text.ShouldContain("RSA key ok");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Keys_differ_from_run_to_run() =>
        RsaKeyGenerator.Generate(512, RsaKeyGenerator.F4).PublicInfo.ShouldNotBe(RsaKeyGenerator.Generate(512, RsaKeyGenerator.F4).PublicInfo);
}
