using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Montgomery arithmetic in a small radix (2^28 for moduli up to 3,582 bits, smaller beyond), for CPUs or builds
/// without a fast 64×64→128-bit multiply: the default x86-64-v2 native file has no MULX, and there
/// <see cref="Montgomery"/>'s 64-bit limbs take about 47 instructions per limb product. Here each limb is at most
/// 2^r − 1, held in a ulong, so a limb product is one hardware 64-bit IMUL of two small values, and a whole column
/// of products (at most 2k of them, k = ⌈(bits + 2)/r⌉ limbs) is summed into one 64-bit accumulator without any
/// carry handling: the radix is chosen so that 2k·(2^r − 1)² plus the carry from the previous column stays below
/// 2^64. Multiplication is product scanning with the reduction interleaved column by column (Koç, Acar, Kaliski,
/// "Analyzing and comparing Montgomery multiplication algorithms", 1996: FIPS, finely integrated product scanning):
/// column i sums a_j·b_{i−j} and m_j·n_{i−j}, m_i is taken from the low r bits, the accumulator is shifted down r
/// bits. b and n are kept reversed so that every column is a dot product over ascending indexes. Squaring sums each
/// cross product a_j·a_l (j &lt; l) once and doubles the sum. R = 2^(rk) ≥ 4n, so inputs below 2n give results below
/// 2n (no subtraction between multiplications, as in <see cref="MontgomeryAvx512"/>); results leave with canonical
/// limbs and are reduced below n, by a masked select, only at the end of <see cref="PowSecret"/>. No branch or address
/// depends on the values; the window table is read whole through masks. For 37 and 74 limbs (the 1,024- and
/// 2,048-bit primes of RSA-2048 and RSA-4096) the columns are written out (MontgomeryRadix.Unrolled.cs, generated):
/// no loop or index bookkeeping, about 3.4 instructions per limb product. In the default native file (callgrind) a
/// 1,024-bit squaring takes 6,950 instructions and a multiplication 8,700 (64-bit limbs there: 17,700 and 21,000);
/// at 2,048 bits 26,300 and 34,000.
/// </summary>
internal sealed partial class MontgomeryRadix
{
    private const int Window = 5;
    private const int MaxRadix = 28; // 2^28: RSA halves up to 3,582 bits; the larger radices would fit only toy sizes
    private const int MinRadix = 20;
    private readonly int _radix;
    private readonly ulong _mask;
    private readonly int _k; // limbs
    private readonly int _stride; // _k rounded up to a multiple of 4 (Vector128 rows of the window table)
    private readonly ulong[] _n; // the modulus in radix limbs
    private readonly ulong[] _nReversed; // _nReversed[k − 1 − i] = n[i]
    private readonly ulong _n0Inverse; // −n^−1 mod 2^r
    private readonly ulong[] _one; // R mod n: 1 in Montgomery form
    private readonly ulong[] _rSquared; // R² mod n (below 2n): Multiply(x, RSquared) enters Montgomery form
    private readonly ulong[] _plainOne; // 1: Multiply(x, 1) leaves Montgomery form
    private readonly int _words; // 64-bit limbs of n

    public MontgomeryRadix(BigInteger modulus)
    {
        if (modulus.SignValue <= 0 || !modulus.TestBit(0) || modulus.BitLength < 2)
            throw new ArgumentException("modulus must be odd and above 1");
        var bits = modulus.BitLength;
        _radix = RadixFor(bits);
        if (_radix == 0) throw new ArgumentException("modulus too long for a small radix");
        _mask = (1UL << _radix) - 1;
        _k = LimbsFor(bits, _radix);
        _stride = (_k + 3) & ~3;
        _words = (bits + 63) / 64;
        _n = Split(Montgomery.ToLimbs(modulus, _words), _radix, _k);
        _nReversed = new ulong[_k];
        for (var i = 0; i < _k; i++) _nReversed[_k - 1 - i] = _n[i];
        var n0 = _n[0];
        var inverse = n0; // Newton: n0·inverse ≡ 1 mod 2^64, then the low r bits
        for (var i = 0; i < 6; i++) inverse *= 2 - n0 * inverse;
        _n0Inverse = (0 - inverse) & _mask;
        _plainOne = new ulong[_k];
        _plainOne[0] = 1;

        // R mod n: 2^(bits−1) < n doubled up to 2^(rk). R² mod n (R in Montgomery form) without a division: with
        // rk = 32h + c, 2^h·R (h doublings) squared five times is 2^(32h)·R, times 2^c·R (c doublings) is 2^(rk)·R
        _one = new ulong[_k];
        _one[(bits - 1) / _radix] = 1UL << ((bits - 1) % _radix);
        for (var i = bits - 1; i < _radix * _k; i++) DoubleModulo(_one);
        var h = (_radix * _k) >> 5;
        _rSquared = (ulong[])_one.Clone();
        for (var i = 0; i < h; i++) DoubleModulo(_rSquared);
        for (var i = 0; i < 5; i++) Square(_rSquared, _rSquared);
        var rest = (ulong[])_one.Clone();
        for (var i = 0; i < _radix * _k - 32 * h; i++) DoubleModulo(rest);
        Multiply(_rSquared, rest, _rSquared);
    }

    /// <summary>The largest radix whose column sums cannot overflow for a modulus of <paramref name="bits"/> bits, 0 if none.</summary>
    internal static int RadixFor(int bits)
    {
        for (var r = MaxRadix; r >= MinRadix; r--)
        {
            var k = (ulong)LimbsFor(bits, r);
            var product = ((1UL << r) - 1) * ((1UL << r) - 1);
            // 2k products and the carry in (below 2^(64−r)) must stay below 2^64
            if (2 * k <= (ulong.MaxValue - (1UL << (64 - r))) / product) return r;
        }
        return 0;
    }

    /// <summary>Whether a modulus of <paramref name="bits"/> bits has a radix here (up to about 350,000 bits).</summary>
    public static bool Fits(int bits) => RadixFor(bits) != 0;

    private static int LimbsFor(int bits, int radix) => (bits + 2 + radix - 1) / radix; // R ≥ 4n

    public int Radix => _radix;
    public int Limbs => _k;

    /// <summary>64-bit limbs to <paramref name="count"/> limbs of <paramref name="radix"/> bits (the value must fit).</summary>
    internal static ulong[] Split(ReadOnlySpan<ulong> limbs, int radix, int count, int length = 0)
    {
        var mask = (1UL << radix) - 1;
        var result = new ulong[Math.Max(count, length)];
        for (var i = 0; i < count; i++)
        {
            var bit = i * radix;
            var word = bit / 64;
            var shift = bit % 64;
            var value = word < limbs.Length ? limbs[word] >> shift : 0;
            if (shift > 64 - radix && word + 1 < limbs.Length) value |= limbs[word + 1] << (64 - shift);
            result[i] = value & mask;
        }
        return result;
    }

    /// <summary>Canonical limbs of <paramref name="radix"/> bits to 64-bit limbs (bits past result's end are dropped).</summary>
    internal static void Join(ReadOnlySpan<ulong> limbs, int radix, Span<ulong> result)
    {
        result.Clear();
        for (var i = 0; i < limbs.Length; i++)
        {
            var bit = i * radix;
            var word = bit / 64;
            var shift = bit % 64;
            if (word < result.Length) result[word] |= limbs[i] << shift;
            if (shift > 64 - radix && word + 1 < result.Length) result[word + 1] |= limbs[i] >> (64 - shift);
        }
    }

    /// <summary>x = 2x mod n for x &lt; n (2x &lt; 2n &lt; R fits the limbs), the subtraction masked.</summary>
    private void DoubleModulo(Span<ulong> x)
    {
        ulong carry = 0;
        for (var i = 0; i < _k; i++)
        {
            var v = (x[i] << 1) | carry;
            x[i] = v & _mask;
            carry = v >> _radix;
        }
        ReduceOnce(x);
    }

    /// <summary>x = x − n when x ≥ n, else x, for x &lt; 2n: always subtracted, kept or not by a mask.</summary>
    private void ReduceOnce(Span<ulong> x)
    {
        Span<ulong> difference = stackalloc ulong[_k];
        long borrow = 0;
        for (var i = 0; i < _k; i++)
        {
            var v = (long)x[i] - (long)_n[i] + borrow;
            difference[i] = (ulong)v & _mask;
            borrow = v >> _radix; // 0 or −1 (arithmetic shift)
        }
        var keep = (ulong)borrow; // all ones when x < n
        for (var i = 0; i < _k; i++) x[i] = (x[i] & keep) | (difference[i] & ~keep);
        difference.Clear();
    }

    /// <summary>acc + Σ x[j]·y[j] + u[j]·v[j] for j &lt; count (the sum must fit 64 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Dot2(ref ulong x, ref ulong y, ref ulong u, ref ulong v, nint count, ulong acc)
    {
        nint j = 0;
        for (; j <= count - 4; j += 4)
        {
            acc += Unsafe.Add(ref x, j) * Unsafe.Add(ref y, j) + Unsafe.Add(ref u, j) * Unsafe.Add(ref v, j)
                + Unsafe.Add(ref x, j + 1) * Unsafe.Add(ref y, j + 1) + Unsafe.Add(ref u, j + 1) * Unsafe.Add(ref v, j + 1)
                + Unsafe.Add(ref x, j + 2) * Unsafe.Add(ref y, j + 2) + Unsafe.Add(ref u, j + 2) * Unsafe.Add(ref v, j + 2)
                + Unsafe.Add(ref x, j + 3) * Unsafe.Add(ref y, j + 3) + Unsafe.Add(ref u, j + 3) * Unsafe.Add(ref v, j + 3);
        }
        for (; j < count; j++) acc += Unsafe.Add(ref x, j) * Unsafe.Add(ref y, j) + Unsafe.Add(ref u, j) * Unsafe.Add(ref v, j);
        return acc;
    }

    /// <summary>acc + Σ x[j]·y[j] + u[j]·v[j] + u[count + j]·w[j] for j &lt; count: a squaring's column, whose
    /// reduction products are twice as many as its cross products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Dot3(ref ulong x, ref ulong y, ref ulong u, ref ulong v, ref ulong w, nint count, ulong acc)
    {
        ref var u2 = ref Unsafe.Add(ref u, count);
        nint j = 0;
        for (; j <= count - 2; j += 2)
        {
            acc += Unsafe.Add(ref x, j) * Unsafe.Add(ref y, j) + Unsafe.Add(ref u, j) * Unsafe.Add(ref v, j) + Unsafe.Add(ref u2, j) * Unsafe.Add(ref w, j)
                + Unsafe.Add(ref x, j + 1) * Unsafe.Add(ref y, j + 1) + Unsafe.Add(ref u, j + 1) * Unsafe.Add(ref v, j + 1) + Unsafe.Add(ref u2, j + 1) * Unsafe.Add(ref w, j + 1);
        }
        if (j < count) acc += Unsafe.Add(ref x, j) * Unsafe.Add(ref y, j) + Unsafe.Add(ref u, j) * Unsafe.Add(ref v, j) + Unsafe.Add(ref u2, j) * Unsafe.Add(ref w, j);
        return acc;
    }

    /// <summary>
    /// result = a·b·R^−1 mod n, below 2n, for a, b &lt; 2n in canonical limbs; result may be a or b (column i writes
    /// limb i − k, which no later column reads).
    /// </summary>
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var k = _k;
        if (a.Length < k || b.Length < k || result.Length < k) throw new ArgumentException("operand too short");
        if (Unrolled(_radix, k))
        {
            MultiplyUnrolled(k, a, b, _n, _n0Inverse, result);
            return;
        }
        Span<ulong> mSpan = stackalloc ulong[k];
        mSpan.Clear(); // m_i is read as 0 in its own column
        Span<ulong> bReversed = stackalloc ulong[k];
        for (var i = 0; i < k; i++) bReversed[k - 1 - i] = b[i];
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var br = ref MemoryMarshal.GetReference(bReversed);
        ref var mr = ref MemoryMarshal.GetReference(mSpan);
        ref var nr = ref MemoryMarshal.GetArrayDataReference(_nReversed);
        ref var rr = ref MemoryMarshal.GetReference(result);
        ulong n0 = _n[0], n0Inverse = _n0Inverse, mask = _mask;
        var radix = _radix;
        ulong acc = 0;
        for (var i = 0; i < k; i++)
        {
            // Σ_{j≤i} a_j·b_{i−j} + m_j·n_{i−j} (m_i still 0): b_{i−j} = bReversed[k − 1 − i + j]
            acc = Dot2(ref ar, ref Unsafe.Add(ref br, k - 1 - i), ref mr, ref Unsafe.Add(ref nr, k - 1 - i), i + 1, acc);
            var m = (acc * n0Inverse) & mask;
            Unsafe.Add(ref mr, i) = m;
            acc = (acc + m * n0) >> radix; // the low r bits are zero
        }
        for (var i = k; i < 2 * k; i++)
        {
            var from = i - k + 1; // Σ_{j=from}^{k−1}: b_{i−j} = bReversed[j − from]
            acc = Dot2(ref Unsafe.Add(ref ar, from), ref br, ref Unsafe.Add(ref mr, from), ref nr, k - from, acc);
            Unsafe.Add(ref rr, i - k) = acc & mask;
            acc >>= radix;
        }
        mSpan.Clear();
        bReversed.Clear();
    }

    /// <summary>
    /// result = a²·R^−1 mod n, below 2n, for a &lt; 2n; result may be a. Column i sums the cross products
    /// a_j·2a_{i−j} (j &lt; i − j, from a reversed and doubled copy), a_{i/2}² for even i and m_j·n_{i−j}, the
    /// latter in two runs as long as the cross products' so that one loop takes all three.
    /// </summary>
    public void Square(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        var k = _k;
        if (a.Length < k || result.Length < k) throw new ArgumentException("operand too short");
        if (Unrolled(_radix, k))
        {
            SquareUnrolled(k, a, _n, _n0Inverse, result);
            return;
        }
        Span<ulong> mSpan = stackalloc ulong[k];
        mSpan.Clear(); // m_i is read as 0 in its own column
        Span<ulong> doubled = stackalloc ulong[k]; // doubled[k − 1 − i] = 2a_i
        for (var i = 0; i < k; i++) doubled[k - 1 - i] = a[i] << 1;
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var dr = ref MemoryMarshal.GetReference(doubled);
        ref var mr = ref MemoryMarshal.GetReference(mSpan);
        ref var nr = ref MemoryMarshal.GetArrayDataReference(_nReversed);
        ref var rr = ref MemoryMarshal.GetReference(result);
        ulong n0 = _n[0], n0Inverse = _n0Inverse, mask = _mask;
        var radix = _radix;
        ulong acc = 0;
        for (var i = 0; i < k; i++)
        {
            // cross j < L = ⌈i/2⌉; m_j·n_{i−j} for j < 2L (m_i, reached for odd i, is still 0)
            var count = (i + 1) / 2;
            acc = Dot3(ref ar, ref Unsafe.Add(ref dr, k - 1 - i), ref mr, ref Unsafe.Add(ref nr, k - 1 - i),
                ref Unsafe.Add(ref nr, k - 1 - i + count), count, acc);
            if ((i & 1) == 0) // a public index
            {
                var half = Unsafe.Add(ref ar, i / 2);
                acc += half * half;
            }
            var m = (acc * n0Inverse) & mask;
            Unsafe.Add(ref mr, i) = m;
            acc = (acc + m * n0) >> radix;
        }
        for (var i = k; i < 2 * k; i++)
        {
            // j from `from`: cross while j < i − j, m_j·n_{i−j} up to k − 1 (one more than twice the cross for even i)
            var from = i - k + 1;
            var count = (i + 1) / 2 - from;
            acc = Dot3(ref Unsafe.Add(ref ar, from), ref dr, ref Unsafe.Add(ref mr, from), ref nr, ref Unsafe.Add(ref nr, count), count, acc);
            if ((i & 1) == 0)
            {
                var half = Unsafe.Add(ref ar, i / 2);
                acc += half * half + Unsafe.Add(ref mr, k - 1) * Unsafe.Add(ref nr, 2 * k - 2 - i);
            }
            Unsafe.Add(ref rr, i - k) = acc & mask;
            acc >>= radix;
        }
        mSpan.Clear();
        doubled.Clear();
    }

    /// <summary>
    /// x^e mod n for x &lt; n and a secret e of at most <paramref name="bits"/> bits (a public bound), 64-bit limbs in
    /// and out (result: <see cref="Montgomery.ToLimbs"/> length of n; may be x): fixed 5-bit windows over all the
    /// bits, five squarings and a multiplication for each, the table entry gathered by a masked read of the whole
    /// table (crypto/bn/bn_exp.c BN_mod_exp_mont_consttime() in outline).
    /// </summary>
    public void PowSecret(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, int bits, Span<ulong> result)
    {
        var k = _k;
        var stride = _stride; // table rows of 32-bit limbs (radix ≤ 28), whole Vector128s
        var entries = 1 << Window;
        var table = new uint[entries * stride];
        Span<ulong> power = stackalloc ulong[k];
        _one.CopyTo(power);
        Store(power, table.AsSpan(0, k));
        var basis = Split(x, _radix, k);
        Multiply(basis, _rSquared, basis);
        Store(basis, table.AsSpan(stride, k));
        basis.CopyTo(power);
        for (var i = 2; i < entries; i++)
        {
            Multiply(power, basis, power);
            Store(power, table.AsSpan(i * stride, k));
        }

        Span<ulong> accumulator = stackalloc ulong[k];
        Span<ulong> entry = stackalloc ulong[k];
        Span<uint> gathered = stackalloc uint[stride];
        _one.CopyTo(accumulator);
        ref var tableRef = ref MemoryMarshal.GetArrayDataReference(table);
        ref var gatheredRef = ref MemoryMarshal.GetReference(gathered);
        for (var pos = (bits + Window - 1) / Window * Window - Window; pos >= 0; pos -= Window)
        {
            for (var s = 0; s < Window; s++) Square(accumulator, accumulator);
            var index = (uint)Montgomery.Bits(exponent, pos, Window);
            gathered.Clear();
            for (var i = 0; i < entries; i++)
            {
                var difference = (uint)i ^ index;
                var mask = Vector128.Create(((difference | (0 - difference)) >> 31) - 1); // all ones when i == index
                ref var row = ref Unsafe.Add(ref tableRef, i * stride);
                for (var v = 0; v < stride; v += 4)
                {
                    var sum = Vector128.LoadUnsafe(ref gatheredRef, (nuint)v) | (Vector128.LoadUnsafe(ref row, (nuint)v) & mask);
                    sum.StoreUnsafe(ref gatheredRef, (nuint)v);
                }
            }
            for (var j = 0; j < k; j++) entry[j] = gathered[j];
            Multiply(accumulator, entry, accumulator);
        }
        Multiply(accumulator, _plainOne, accumulator); // out of Montgomery form: at most n, n itself only for x ≡ 0
        ReduceOnce(accumulator);
        Join(accumulator, _radix, result[.._words]);
        result[_words..].Clear();
        Array.Clear(table);
        Array.Clear(basis);
        power.Clear();
        accumulator.Clear();
        entry.Clear();
        gathered.Clear();
    }

    /// <summary>Canonical limbs (below 2^28) into a table row of 32-bit limbs.</summary>
    private static void Store(ReadOnlySpan<ulong> limbs, Span<uint> row)
    {
        for (var j = 0; j < row.Length; j++) row[j] = (uint)limbs[j];
    }

    /// <summary>x^e mod n for public x &lt; n and e &gt; 0 (the RSA public-key operation): left to right, not constant time.</summary>
    public BigInteger PublicPow(BigInteger x, BigInteger exponent)
    {
        var result = new ulong[_words];
        PublicPow(Montgomery.ToLimbs(x, _words), Montgomery.ToLimbs(exponent, (exponent.BitLength + 63) / 64), result);
        return Montgomery.FromLimbs(result);
    }

    /// <summary>
    /// x^e mod n for public x &lt; n and e &gt; 0, 64-bit limbs in and out (result: <see cref="Montgomery.ToLimbs"/>
    /// length of n): left to right, square and multiply, not constant time.
    /// </summary>
    public void PublicPow(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, Span<ulong> result)
    {
        var basis = Split(x, _radix, _k);
        Multiply(basis, _rSquared, basis);
        var power = (ulong[])basis.Clone();
        for (var bit = Montgomery.BitLength(exponent) - 2; bit >= 0; bit--)
        {
            Square(power, power);
            if (((exponent[bit / 64] >> (bit % 64)) & 1) != 0) Multiply(power, basis, power);
        }
        Multiply(power, _plainOne, power);
        ReduceOnce(power);
        Join(power, _radix, result[.._words]);
        result[_words..].Clear();
    }
}
