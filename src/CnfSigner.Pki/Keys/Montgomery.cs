using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Montgomery arithmetic modulo one odd number, on 64-bit limbs (least significant first), for the Miller–Rabin
/// rounds of RSA prime generation and the RSA private-key operation (Signing/RsaPrivateKeyEngine; where 64-bit
/// products take software multiplications, its exponentiations run on <see cref="MontgomeryRadix"/> instead). BouncyCastle's ModPow works on 32-bit limbs; with 64×64→128-bit multiplies
/// (Math.BigMul) a 1024-bit exponentiation takes a fraction of its time, and prime search is nothing but those.
/// Multiplication is CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication algorithms",
/// 1996), as crypto/bn/bn_mont.c bn_mul_mont() does in C. Values are kept in Montgomery form (x·R mod n, R = 2^64k).
/// Multiply, Square, the reductions and <see cref="PowSecret"/> take the same steps and touch the same memory
/// whatever the values (no branch or index on them; carries are computed with comparisons, which the JIT turns into
/// SETcc/ADC, not jumps); only <see cref="Pow"/> (public exponents, prime candidates) skips work by value.
/// </summary>
internal sealed class Montgomery
{
    private const int Window = 5;
    private readonly ulong[] _n;
    private readonly ulong _n0Inverse; // -n^-1 mod 2^64
    private readonly ulong[] _rSquared; // R^2 mod n, to enter Montgomery form

    public Montgomery(BigInteger modulus)
    {
        if (modulus.SignValue <= 0 || !modulus.TestBit(0)) throw new ArgumentException("modulus must be odd and positive");
        Limbs = (modulus.BitLength + 63) / 64;
        _n = ToLimbs(modulus, Limbs);
        _n0Inverse = NegativeInverse(_n[0]);
        if (modulus.BitLength == 1)
        {
            _rSquared = new ulong[Limbs];
            One = new ulong[Limbs];
        }
        else
        {
            // R mod n and R² mod n without a BigInteger division (BouncyCastle's Mod divides bit by bit: about
            // 1.2 M instructions each at 2048 bits in the native file): 2^(bits−1) < n doubled up to 2^(64k)
            One = new ulong[Limbs];
            One[(modulus.BitLength - 1) / 64] = 1UL << ((modulus.BitLength - 1) % 64);
            for (var i = modulus.BitLength - 1; i < 64 * Limbs; i++) DoubleModulo(One);
            _rSquared = PowerOfTwo(64 * Limbs);
        }
        MinusOne = new ulong[Limbs];
        Subtract(_n, One, MinusOne);
    }

    /// <summary>x = 2x mod n for x &lt; n, the subtraction masked (same steps whatever x).</summary>
    private void DoubleModulo(Span<ulong> x)
    {
        ulong top = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            x[i] = (v << 1) | top;
            top = v >> 63;
        }
        SubtractIfNotLess(x, top, x);
    }

    /// <summary>
    /// 2^e in Montgomery form (2^e·R mod n) for e a multiple of 16: 1 (that is R) doubled e/16 times, then squared
    /// four times (2^c·R squared is 2^2c·R). A doubling costs a few limb passes, a squaring a k² product.
    /// </summary>
    private ulong[] PowerOfTwo(int exponent)
    {
        if (exponent % 16 != 0) throw new ArgumentException("exponent must be a multiple of 16");
        var x = (ulong[])One.Clone();
        for (var i = 0; i < exponent / 16; i++) DoubleModulo(x);
        for (var i = 0; i < 4; i++) Square(x, x);
        return x;
    }

    public int Limbs { get; }

    /// <summary>
    /// Whether a 64×64→128-bit product is one instruction here (MULX on x64, UMULH on arm64): false in the default
    /// x86-64-v2 native file, where <see cref="MontgomeryRadix"/> is faster.
    /// </summary>
    public static bool HasWideMultiply =>
        System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported || System.Runtime.Intrinsics.Arm.ArmBase.Arm64.IsSupported;
    /// <summary>1 in Montgomery form (R mod n).</summary>
    public ulong[] One { get; }
    /// <summary>R² mod n: Multiply(x, RSquared) puts x &lt; n into Montgomery form.</summary>
    public ReadOnlySpan<ulong> RSquared => _rSquared;
    /// <summary>n − 1 in Montgomery form (n − R mod n).</summary>
    public ulong[] MinusOne { get; }

    public static ulong[] ToLimbs(BigInteger value, int limbs)
    {
        var bytes = value.ToByteArrayUnsigned(); // big-endian
        if (bytes.Length > limbs * 8) throw new ArgumentException("value does not fit");
        var result = new ulong[limbs];
        for (var i = 0; i < bytes.Length; i++)
            result[i / 8] |= (ulong)bytes[bytes.Length - 1 - i] << (8 * (i % 8));
        return result;
    }

    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var bytes = new byte[limbs.Length * 8];
        for (var i = 0; i < bytes.Length; i++) bytes[bytes.Length - 1 - i] = (byte)(limbs[i / 8] >> (8 * (i % 8)));
        return new BigInteger(1, bytes);
    }

    /// <summary>x·R mod n for x &lt; n.</summary>
    public ulong[] ToMontgomery(BigInteger x)
    {
        var result = new ulong[Limbs];
        Multiply(ToLimbs(x, Limbs), _rSquared, result);
        return result;
    }

    /// <summary>
    /// result = a·b·R^-1 mod n, for a, b &lt; n; result may be a or b. CIOS with the multiplication and the
    /// reduction of each word fused into one pass over t (one load and store of t per limb, not two).
    /// </summary>
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var k = _n.Length;
        if (a.Length < k || b.Length < k || result.Length < k) throw new ArgumentException("operand too short");
        Span<ulong> tSpan = stackalloc ulong[k + 1];
        tSpan.Clear();
        ref var t = ref MemoryMarshal.GetReference(tSpan);
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        ref var ar = ref MemoryMarshal.GetReference(a);
        var n0Inverse = _n0Inverse;
        for (var i = 0; i < k; i++)
        {
            var bi = b[i];
            // t + a·bi + m·n, divided by 2^64: m makes the low word vanish
            ulong c1 = 0, c2 = 0;
            var low = MultiplyAccumulate(ar, bi, t, ref c1);
            var m = low * n0Inverse;
            MultiplyAccumulate(m, n, low, ref c2);
            for (var j = 1; j < k; j++)
            {
                var s = MultiplyAccumulate(Unsafe.Add(ref ar, j), bi, Unsafe.Add(ref t, j), ref c1);
                Unsafe.Add(ref t, j - 1) = MultiplyAccumulate(m, Unsafe.Add(ref n, j), s, ref c2);
            }
            var top = Unsafe.Add(ref t, k);
            var sum = top + c1;
            var carry = sum < c1 ? 1UL : 0;
            var total = sum + c2;
            carry += total < c2 ? 1UL : 0;
            Unsafe.Add(ref t, k - 1) = total;
            Unsafe.Add(ref t, k) = carry;
        }
        // t < 2n: one conditional subtraction
        SubtractIfNotLess(tSpan[..k], tSpan[k], result);
    }

    /// <summary>x·y + add + carry: returns the low word, leaves the high word in carry (never overflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAccumulate(ulong x, ulong y, ulong add, ref ulong carry)
    {
        if (!System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported && !System.Runtime.Intrinsics.Arm.ArmBase.Arm64.IsSupported)
            return PortableMultiplyAccumulate(x, y, add, ref carry);
        var hi = MultiplyHigh(x, y, out var lo);
        lo += add;
        hi += lo < add ? 1UL : 0;
        lo += carry;
        hi += lo < carry ? 1UL : 0;
        carry = hi;
        return lo;
    }

    /// <summary>
    /// result = a²·R^-1 mod n, for a &lt; n; result may be a. Each cross product a[i]·a[j] is computed once and
    /// doubled (crypto/bn/bn_sqr.c bn_sqr_normal()), then the 2k-limb square is reduced (Montgomery's REDC):
    /// 1.5k² limb products instead of 2k², and a Miller–Rabin round is almost all squarings.
    /// </summary>
    public void Square(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        var k = _n.Length;
        if (a.Length < k || result.Length < k) throw new ArgumentException("operand too short");
        Span<ulong> tSpan = stackalloc ulong[2 * k];
        tSpan.Clear();
        ref var t = ref MemoryMarshal.GetReference(tSpan);
        ref var ar = ref MemoryMarshal.GetReference(a);
        for (var i = 0; i < k; i++)
        {
            ulong carry = 0;
            var ai = Unsafe.Add(ref ar, i);
            ref var row = ref Unsafe.Add(ref t, i);
            for (var j = i + 1; j < k; j++)
                Unsafe.Add(ref row, j) = MultiplyAccumulate(ai, Unsafe.Add(ref ar, j), Unsafe.Add(ref row, j), ref carry);
            Unsafe.Add(ref t, i + k) = carry;
        }
        ulong top = 0; // double the cross products, then add the squares a[i]² at limb 2i
        for (var i = 0; i < 2 * k; i++)
        {
            ref var slot = ref Unsafe.Add(ref t, i);
            var doubled = (slot << 1) | top;
            top = slot >> 63;
            slot = doubled;
        }
        ulong c = 0;
        for (var i = 0; i < k; i++)
        {
            var ai = Unsafe.Add(ref ar, i);
            var hi = MultiplyHigh(ai, ai, out var lo);
            ref var even = ref Unsafe.Add(ref t, 2 * i);
            ref var odd = ref Unsafe.Add(ref t, 2 * i + 1);
            var sum = even + lo;
            var carry1 = sum < lo ? 1UL : 0;
            sum += c;
            carry1 += sum < c ? 1UL : 0;
            even = sum;
            var upper = odd + hi;
            var carry2 = upper < hi ? 1UL : 0;
            upper += carry1;
            carry2 += upper < carry1 ? 1UL : 0;
            odd = upper;
            c = carry2;
        }
        // a < n < R, so a² < R² fits the 2k limbs: c + top is 0
        Reduce(tSpan, k, result);
    }

    /// <summary>
    /// REDC in <paramref name="steps"/> word steps of a (steps + k)-limb t: result = t·2^(−64·steps) mod n, for
    /// t &lt; n·2^(64·steps) (the result before the final subtraction is below 2n). Each step's overflow past limb
    /// i + k is carried into the next step (crypto/bn/bn_mont.c bn_from_montgomery_word()), not rippled upwards.
    /// t is overwritten.
    /// </summary>
    private void Reduce(Span<ulong> t, int steps, Span<ulong> result)
    {
        var k = _n.Length;
        if (t.Length < steps + k) throw new ArgumentException("operand too short");
        ref var n = ref MemoryMarshal.GetArrayDataReference(_n);
        ref var t0 = ref MemoryMarshal.GetReference(t);
        ulong overflow = 0;
        for (var i = 0; i < steps; i++)
        {
            ref var row = ref Unsafe.Add(ref t0, i);
            var m = row * _n0Inverse;
            ulong carry = 0;
            for (var j = 0; j < k; j++)
                Unsafe.Add(ref row, j) = MultiplyAccumulate(m, Unsafe.Add(ref n, j), Unsafe.Add(ref row, j), ref carry);
            ref var slot = ref Unsafe.Add(ref row, k);
            var sum = slot + carry;
            var next = sum < carry ? 1UL : 0;
            var total = sum + overflow;
            next += total < overflow ? 1UL : 0;
            slot = total;
            overflow = next;
        }
        SubtractIfNotLess(t.Slice(steps, k), overflow, result);
    }

    /// <summary>
    /// x mod n in Montgomery form (x·R mod n) for an x of any length: a REDC over all of x's limbs (one more step
    /// than x has limbs above k, so that the value left is below 2n), then one multiplication by
    /// <paramref name="factor"/> = <see cref="WideFactor"/>(x.Length). The steps depend on the lengths only.
    /// </summary>
    public void ToMontgomeryWide(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> factor, Span<ulong> result)
    {
        var k = Limbs;
        var length = Math.Max(x.Length, k) + 1;
        Span<ulong> t = stackalloc ulong[length];
        t.Clear();
        x.CopyTo(t);
        Span<ulong> reduced = stackalloc ulong[k];
        Reduce(t, length - k, reduced);
        Multiply(reduced, factor, result);
    }

    /// <summary>The factor <see cref="ToMontgomeryWide"/> needs for inputs of <paramref name="limbs"/> limbs: 2^(64·steps)·R² mod n.</summary>
    public ulong[] WideFactor(int limbs)
    {
        var steps = Math.Max(limbs, Limbs) + 1 - Limbs;
        return PowerOfTwo(64 * (steps + Limbs)); // 2^(64·steps)·R² = 2^(64·(steps + k)) in Montgomery form
    }

    /// <summary>a·R^-1 mod n: out of Montgomery form (a &lt; n).</summary>
    public void FromMontgomery(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        var k = Limbs;
        Span<ulong> t = stackalloc ulong[2 * k];
        t.Clear();
        a.CopyTo(t);
        Reduce(t, k, result);
    }

    /// <summary>result = a − b mod n for a, b &lt; n, without a branch on the values; result may be a or b.</summary>
    public void SubtractModulo(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var borrow = Subtract(a, b, result);
        var mask = 0 - borrow; // add n back when a < b
        ulong carry = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var addend = _n[i] & mask;
            var sum = result[i] + addend;
            var c = sum < addend ? 1UL : 0;
            var total = sum + carry;
            c += total < carry ? 1UL : 0;
            result[i] = total;
            carry = c;
        }
    }

    /// <summary>
    /// result = t − n when (top:t) ≥ n, else t, for (top:t) &lt; 2n, by a masked select rather than a branch:
    /// the subtraction is always made (crypto/bn/bn_mont.c bn_from_montgomery_word's final step).
    /// </summary>
    private void SubtractIfNotLess(ReadOnlySpan<ulong> t, ulong top, Span<ulong> result)
    {
        var k = _n.Length;
        Span<ulong> difference = stackalloc ulong[k];
        var borrow = Subtract(t, _n, difference);
        // keep t when the subtraction borrowed and there was no top limb: borrow = 1 and top = 0
        var keep = 0 - (borrow & ~top & 1);
        for (var i = 0; i < k; i++) result[i] = (t[i] & keep) | (difference[i] & ~keep);
    }

    /// <summary>slot = low limb of slot + x·y + carry; returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MultiplyAdd(ulong x, ulong y, ref ulong slot, ulong carry)
    {
        var hi = MultiplyHigh(x, y, out var lo);
        lo += carry;
        hi += lo < carry ? 1UL : 0;
        var sum = slot + lo;
        hi += sum < lo ? 1UL : 0;
        slot = sum;
        return hi;
    }

    /// <summary>
    /// The 128-bit product of two limbs. Math.BigMul is one instruction where the compiler may use MULX (BMI2) or
    /// UMULH (arm64); the x86-64-v2 baseline that a native linux-x64 build targets has neither, and Math.BigMul's
    /// fallback is an out-of-line call, so the four 32-bit products are written out here to be inlined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
        if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported || System.Runtime.Intrinsics.Arm.ArmBase.Arm64.IsSupported)
            return Math.BigMul(a, b, out low);
        return PortableMultiplyHigh(a, b, out low);
    }

    /// <summary>
    /// <see cref="MultiplyAccumulate"/> without a 64×64→128-bit multiply (the x86-64-v2 native file): the addends
    /// are folded into the four 32-bit partial products, each of which has room for two 32-bit additions
    /// ((2^32−1)² + 2(2^32−1) = 2^64 − 1), so no carry needs a comparison. About a third fewer instructions than
    /// <see cref="PortableMultiplyHigh"/> and two carried additions; the same steps whatever the values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PortableMultiplyAccumulate(ulong x, ulong y, ulong add, ref ulong carry)
    {
        ulong xl = (uint)x, xh = x >> 32, yl = (uint)y, yh = y >> 32, c = carry;
        var ll = xl * yl + (uint)add + (uint)c;
        var lh = xl * yh + (ll >> 32) + (add >> 32);
        var hl = xh * yl + (uint)lh + (c >> 32);
        carry = xh * yh + (lh >> 32) + (hl >> 32);
        return (hl << 32) | (uint)ll;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PortableMultiplyHigh(ulong a, ulong b, out ulong low)
    {
        ulong al = (uint)a, ah = a >> 32, bl = (uint)b, bh = b >> 32;
        ulong ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
        var mid = (ll >> 32) + (uint)lh + (uint)hl;
        low = (mid << 32) | (uint)ll;
        return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    }

    /// <summary>x^e mod n for public x &lt; n, e &gt; 0 and an odd n &gt; 1 (an RSA public-key operation; not constant time).</summary>
    public static BigInteger PublicPow(BigInteger x, BigInteger exponent, BigInteger modulus)
    {
        if (!HasWideMultiply && MontgomeryRadix.Fits(modulus.BitLength)) return new MontgomeryRadix(modulus).PublicPow(x, exponent);
        var context = new Montgomery(modulus);
        var value = context.ToMontgomery(x);
        context.Pow(value, ToLimbs(exponent, (exponent.BitLength + 63) / 64), value);
        context.FromMontgomery(value, value);
        return FromLimbs(value);
    }

    /// <summary>
    /// result = x^e in Montgomery form (x in Montgomery form), fixed 5-bit windows, for public or throw-away exponents:
    /// the window count follows e's length and a zero window skips its multiplication.
    /// </summary>
    public void Pow(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, Span<ulong> result)
    {
        var k = Limbs;
        var length = BitLength(exponent);
        if (length <= 64)
        {
            // short public exponents (65537: the signature check): left to right, square and multiply, no table
            Span<ulong> basis = stackalloc ulong[k];
            x.CopyTo(basis);
            One.CopyTo(result);
            for (var bit = length - 1; bit >= 0; bit--)
            {
                Square(result, result);
                if (((exponent[0] >> bit) & 1) != 0) Multiply(result, basis, result);
            }
            return;
        }
        var table = new ulong[(1 << Window) * k];
        One.CopyTo(table.AsSpan(0, k));
        x.CopyTo(table.AsSpan(k, k));
        for (var i = 2; i < 1 << Window; i++)
            Multiply(table.AsSpan((i - 1) * k, k), x, table.AsSpan(i * k, k));

        var bits = BitLength(exponent);
        One.CopyTo(result);
        for (var pos = (bits + Window - 1) / Window * Window - Window; pos >= 0; pos -= Window)
        {
            for (var s = 0; s < Window; s++) Square(result, result);
            var index = Bits(exponent, pos, Window);
            if (index != 0) Multiply(result, table.AsSpan(index * k, k), result);
        }
    }

    /// <summary>
    /// result = x^e in Montgomery form for a secret e of at most <paramref name="bits"/> bits (a public bound: the
    /// modulus's length), crypto/bn/bn_exp.c BN_mod_exp_mont_consttime() in outline: fixed 5-bit windows over all
    /// <paramref name="bits"/>, a multiplication for every window (by 1 for a zero window), and each table entry
    /// fetched by reading the whole table through a mask, so that neither the branches taken nor the memory addresses
    /// touched depend on e.
    /// </summary>
    public void PowSecret(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, int bits, Span<ulong> result)
    {
        var k = Limbs;
        var entries = 1 << Window;
        var table = new ulong[entries * k];
        One.CopyTo(table.AsSpan(0, k));
        x.CopyTo(table.AsSpan(k, k));
        for (var i = 2; i < entries; i++)
            Multiply(table.AsSpan((i - 1) * k, k), x, table.AsSpan(i * k, k));

        Span<ulong> entry = stackalloc ulong[k];
        One.CopyTo(result);
        for (var pos = (bits + Window - 1) / Window * Window - Window; pos >= 0; pos -= Window)
        {
            for (var s = 0; s < Window; s++) Square(result, result);
            var index = (ulong)Bits(exponent, pos, Window);
            entry.Clear();
            for (var i = 0; i < entries; i++)
            {
                var difference = (ulong)i ^ index;
                var mask = ((difference | (0 - difference)) >> 63) - 1; // all ones when i == index
                var row = table.AsSpan(i * k, k);
                for (var j = 0; j < k; j++) entry[j] |= row[j] & mask;
            }
            Multiply(result, entry, result);
        }
        Array.Clear(table);
        entry.Clear();
    }

    internal static int BitLength(ReadOnlySpan<ulong> x)
    {
        for (var i = x.Length - 1; i >= 0; i--)
            if (x[i] != 0) return 64 * i + 64 - System.Numerics.BitOperations.LeadingZeroCount(x[i]);
        return 0;
    }

    /// <summary>The <paramref name="count"/> bits of x from bit <paramref name="pos"/> up (0 past its end).</summary>
    internal static int Bits(ReadOnlySpan<ulong> x, int pos, int count)
    {
        var value = 0;
        for (var b = count - 1; b >= 0; b--)
        {
            var bit = pos + b;
            value = (value << 1) | (bit / 64 < x.Length ? (int)((x[bit / 64] >> (bit % 64)) & 1) : 0);
        }
        return value;
    }

    /// <summary>result = a − b over a's length (b as long); returns the borrow out (0 or 1). result may be a or b.</summary>
    internal static ulong Subtract(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        ulong borrow = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ulong ai = a[i], bi = b[i];
            var d = ai - bi;
            var next = ai < bi ? 1UL : 0;
            result[i] = d - borrow;
            borrow = next | (d < borrow ? 1UL : 0);
        }
        return borrow;
    }

    /// <summary>-n0^-1 mod 2^64 by Newton's iteration (each step doubles the correct low bits).</summary>
    private static ulong NegativeInverse(ulong n0)
    {
        var inverse = n0; // correct to 3 bits for odd n0
        for (var i = 0; i < 5; i++) inverse *= 2 - n0 * inverse;
        return 0 - inverse;
    }
}
