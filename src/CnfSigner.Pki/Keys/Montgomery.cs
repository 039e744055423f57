using System.Runtime.CompilerServices;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Montgomery arithmetic modulo one odd number, on 64-bit limbs (least significant first), for the Miller–Rabin
/// rounds of RSA prime generation. BouncyCastle's ModPow works on 32-bit limbs; with 64×64→128-bit multiplies
/// (Math.BigMul) a 1024-bit exponentiation takes a fraction of its time, and prime search is nothing but those.
/// Multiplication is CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication algorithms",
/// 1996), as crypto/bn/bn_mont.c bn_mul_mont() does in C. Values are kept in Montgomery form (x·R mod n, R = 2^64k).
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
        _rSquared = ToLimbs(BigInteger.One.ShiftLeft(128 * Limbs).Mod(modulus), Limbs);
        One = ToLimbs(BigInteger.One.ShiftLeft(64 * Limbs).Mod(modulus), Limbs);
        MinusOne = ToLimbs(modulus.Subtract(FromLimbs(One)), Limbs);
    }

    public int Limbs { get; }
    /// <summary>1 in Montgomery form (R mod n).</summary>
    public ulong[] One { get; }
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

    /// <summary>result = a·b·R^-1 mod n, for a, b &lt; n; result may be a or b.</summary>
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var n = _n;
        var k = n.Length;
        Span<ulong> t = stackalloc ulong[k + 2];
        for (var i = 0; i < k; i++)
        {
            // t += a·b[i]
            ulong bi = b[i], carry = 0;
            for (var j = 0; j < k; j++)
            {
                var hi = MultiplyHigh(a[j], bi, out var lo);
                lo += carry;
                hi += lo < carry ? 1UL : 0;
                var sum = t[j] + lo;
                hi += sum < lo ? 1UL : 0;
                t[j] = sum;
                carry = hi;
            }
            var top = t[k] + carry;
            t[k + 1] = top < carry ? 1UL : 0;
            t[k] = top;

            // t = (t + m·n) / 2^64, with m chosen so that the low limb vanishes
            var m = t[0] * _n0Inverse;
            var h = MultiplyHigh(m, n[0], out var l);
            carry = h + (t[0] + l < l ? 1UL : 0);
            for (var j = 1; j < k; j++)
            {
                var hi = MultiplyHigh(m, n[j], out var lo);
                lo += carry;
                hi += lo < carry ? 1UL : 0;
                var sum = t[j] + lo;
                hi += sum < lo ? 1UL : 0;
                t[j - 1] = sum;
                carry = hi;
            }
            top = t[k] + carry;
            t[k - 1] = top;
            t[k] = t[k + 1] + (top < carry ? 1UL : 0);
        }
        // t < 2n: one conditional subtraction
        if (t[k] != 0 || !Less(t[..k], n)) Subtract(t[..k], n, result);
        else t[..k].CopyTo(result);
    }

    /// <summary>
    /// result = a²·R^-1 mod n, for a &lt; n; result may be a. Each cross product a[i]·a[j] is computed once and
    /// doubled (crypto/bn/bn_sqr.c bn_sqr_normal()), then the 2k-limb square is reduced (Montgomery's REDC):
    /// 1.5k² limb products instead of 2k², and a Miller–Rabin round is almost all squarings.
    /// </summary>
    public void Square(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        var n = _n;
        var k = n.Length;
        Span<ulong> t = stackalloc ulong[2 * k + 1];
        for (var i = 0; i < k; i++)
        {
            ulong carry = 0, ai = a[i];
            for (var j = i + 1; j < k; j++) carry = MultiplyAdd(ai, a[j], ref t[i + j], carry);
            t[i + k] = carry;
        }
        ulong top = 0; // double the cross products, then add the squares a[i]² at limb 2i
        for (var i = 0; i < 2 * k; i++)
        {
            var doubled = (t[i] << 1) | top;
            top = t[i] >> 63;
            t[i] = doubled;
        }
        ulong c = 0;
        for (var i = 0; i < k; i++)
        {
            var hi = MultiplyHigh(a[i], a[i], out var lo);
            var sum = t[2 * i] + lo;
            var carry1 = sum < lo ? 1UL : 0;
            sum += c;
            carry1 += sum < c ? 1UL : 0;
            t[2 * i] = sum;
            var upper = t[2 * i + 1] + hi;
            var carry2 = upper < hi ? 1UL : 0;
            upper += carry1;
            carry2 += upper < carry1 ? 1UL : 0;
            t[2 * i + 1] = upper;
            c = carry2;
        }
        t[2 * k] = c + top;
        Reduce(t, result);
    }

    /// <summary>REDC of a 2k+1-limb t &lt; n·R: result = t·R^-1 mod n.</summary>
    private void Reduce(Span<ulong> t, Span<ulong> result)
    {
        var n = _n;
        var k = n.Length;
        for (var i = 0; i < k; i++)
        {
            var m = t[i] * _n0Inverse;
            ulong carry = 0;
            for (var j = 0; j < k; j++) carry = MultiplyAdd(m, n[j], ref t[i + j], carry);
            for (var j = i + k; carry != 0 && j <= 2 * k; j++)
            {
                t[j] += carry;
                carry = t[j] < carry ? 1UL : 0;
            }
        }
        var upper = t.Slice(k, k);
        if (t[2 * k] != 0 || !Less(upper, n)) Subtract(upper, n, result);
        else upper.CopyTo(result);
    }

    /// <summary>slot = low limb of slot + x·y + carry; returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong x, ulong y, ref ulong slot, ulong carry)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PortableMultiplyHigh(ulong a, ulong b, out ulong low)
    {
        ulong al = (uint)a, ah = a >> 32, bl = (uint)b, bh = b >> 32;
        ulong ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
        var mid = (ll >> 32) + (uint)lh + (uint)hl;
        low = (mid << 32) | (uint)ll;
        return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    }

    /// <summary>result = x^e in Montgomery form (x in Montgomery form), fixed 5-bit windows.</summary>
    public void Pow(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, Span<ulong> result)
    {
        var k = Limbs;
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

    private static int BitLength(ReadOnlySpan<ulong> x)
    {
        for (var i = x.Length - 1; i >= 0; i--)
            if (x[i] != 0) return 64 * i + 64 - System.Numerics.BitOperations.LeadingZeroCount(x[i]);
        return 0;
    }

    private static int Bits(ReadOnlySpan<ulong> x, int pos, int count)
    {
        var value = 0;
        for (var b = count - 1; b >= 0; b--)
        {
            var bit = pos + b;
            value = (value << 1) | (bit / 64 < x.Length ? (int)((x[bit / 64] >> (bit % 64)) & 1) : 0);
        }
        return value;
    }

    private static bool Less(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var i = a.Length - 1; i >= 0; i--)
            if (a[i] != b[i]) return a[i] < b[i];
        return false;
    }

    private static void Subtract(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        ulong borrow = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            var next = a[i] < b[i] ? 1UL : 0;
            result[i] = d - borrow;
            borrow = next | (d < borrow ? 1UL : 0);
        }
    }

    /// <summary>-n0^-1 mod 2^64 by Newton's iteration (each step doubles the correct low bits).</summary>
    private static ulong NegativeInverse(ulong n0)
    {
        var inverse = n0; // correct to 3 bits for odd n0
        for (var i = 0; i < 5; i++) inverse *= 2 - n0 * inverse;
        return 0 - inverse;
    }
}
