using System.Runtime.CompilerServices;

namespace CnfSigner.Pki.Ec;

/// <summary>
/// d·G on NIST P-256 in constant time, for key generation, public keys and ECDSA signing (OpenSSL does the same
/// with its ecp_nistz256 tables). The field is 4×64-bit limbs in Montgomery form (p's low limb is 2^64-1, so the
/// Montgomery factor is the low limb itself, and p's form makes the reduction shifts and additions only); the scalar is recoded into 65 signed 4-bit digits and each digit adds
/// a point looked up from <see cref="Table"/> (j·16^i·G, j = 1..8) by scanning the whole row with masks, so neither
/// a branch nor a memory address depends on the scalar. Points add with the complete formulas of Renes, Costello
/// and Batina (eprint 2015/1060, algorithm 4, a = -3), which have no exceptional cases (the point at infinity, equal
/// or opposite points), so a zero digit is an addition whose result is discarded by a masked select. The result is
/// made affine with Fermat's inversion (a fixed chain of squarings and products) of a randomly rescaled Z.
/// </summary>
internal static partial class P256
{
    [InlineArray(4)]
    private struct Fe
    {
        private ulong _limb;
    }

    private struct Point
    {
        public Fe X, Y, Z;
    }

    private const ulong P0 = 0xFFFFFFFFFFFFFFFF, P1 = 0x00000000FFFFFFFF, P2 = 0, P3 = 0xFFFFFFFF00000001;

    /// <summary>The group order n, big-endian.</summary>
    internal static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ];

    /// <summary>
    /// k·G as big-endian affine coordinates (32 bytes each), for a big-endian scalar 0 &lt; k &lt; n.
    /// <paramref name="blind"/> (32 random bytes) rescales the projective result before its inversion.
    /// </summary>
    public static (byte[] X, byte[] Y) MultiplyG(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> blind)
    {
        if (scalar.Length != 32 || blind.Length != 32) throw new ArgumentException("32-byte scalar and blind expected");
        Span<int> digits = stackalloc int[65];
        var carry = 0;
        for (var i = 0; i < 64; i++)
        {
            var b = scalar[31 - (i >> 1)];
            var w = ((i & 1) == 0 ? b & 0xF : b >> 4) + carry;
            carry = (w + 7) >> 4; // w in 0..16: 9..16 become w-16 with a carry into the next digit
            digits[i] = w - (carry << 4);
        }
        digits[64] = carry;

        var acc = new Point { Y = One() }; // (0 : 1 : 0), the point at infinity
        var table = Table;
        for (var i = 0; i < 65; i++)
        {
            var d = digits[i];
            var sign = d >> 31;
            var abs = (d ^ sign) - sign;
            var q = new Point { Z = One() };
            var row = table.Slice(i * 64, 64);
            for (var j = 1; j <= 8; j++)
            {
                var mask = Equal(j, abs);
                var entry = row.Slice((j - 1) * 8, 8);
                for (var l = 0; l < 4; l++)
                {
                    q.X[l] |= entry[l] & mask;
                    q.Y[l] |= entry[4 + l] & mask;
                }
            }
            Fe zero = default;
            q.Y = Select((ulong)(long)sign, Sub(zero, q.Y), q.Y);
            var sum = Add(acc, q);
            var nonZero = ~Equal(0, abs);
            acc.X = Select(nonZero, sum.X, acc.X);
            acc.Y = Select(nonZero, sum.Y, acc.Y);
            acc.Z = Select(nonZero, sum.Z, acc.Z);
        }

        var r = FromBytes(blind);
        r[3] &= 0x7FFFFFFFFFFFFFFF; // below p; zero only with probability 2^-255, and then the result is zero too
        r[0] |= 1;
        var x = Mul(acc.X, r);
        var y = Mul(acc.Y, r);
        var zInv = Invert(Mul(acc.Z, r));
        Fe one = default;
        one[0] = 1;
        return (ToBytes(Mul(Mul(x, zInv), one)), ToBytes(Mul(Mul(y, zInv), one)));
    }

    // Renes–Costello–Batina algorithm 4 (complete addition, a = -3), b in Montgomery form.
    private static Point Add(in Point p, in Point q)
    {
        var b = B;
        var t0 = Mul(p.X, q.X);
        var t1 = Mul(p.Y, q.Y);
        var t2 = Mul(p.Z, q.Z);
        var t3 = Mul(Add(p.X, p.Y), Add(q.X, q.Y));
        var t4 = Add(t0, t1);
        t3 = Sub(t3, t4);
        t4 = Mul(Add(p.Y, p.Z), Add(q.Y, q.Z));
        var x3 = Add(t1, t2);
        t4 = Sub(t4, x3);
        x3 = Mul(Add(p.X, p.Z), Add(q.X, q.Z));
        var y3 = Add(t0, t2);
        y3 = Sub(x3, y3);
        var z3 = Mul(b, t2);
        x3 = Sub(y3, z3);
        z3 = Add(x3, x3);
        x3 = Add(x3, z3);
        z3 = Sub(t1, x3);
        x3 = Add(t1, x3);
        y3 = Mul(b, y3);
        t1 = Add(t2, t2);
        t2 = Add(t1, t2);
        y3 = Sub(y3, t2);
        y3 = Sub(y3, t0);
        t1 = Add(y3, y3);
        y3 = Add(t1, y3);
        t1 = Add(t0, t0);
        t0 = Add(t1, t0);
        t0 = Sub(t0, t2);
        t1 = Mul(t4, y3);
        t2 = Mul(t0, y3);
        y3 = Mul(x3, z3);
        y3 = Add(y3, t2);
        x3 = Mul(t3, x3);
        x3 = Sub(x3, t1);
        z3 = Mul(t4, z3);
        t1 = Mul(t3, t0);
        z3 = Add(z3, t1);
        return new Point { X = x3, Y = y3, Z = z3 };
    }

    // b·2^256 mod p, the curve's b in Montgomery form
    private static Fe B => Limbs(0xD89CDF6229C4BDDF, 0xACF005CD78843090, 0xE5A220ABF7212ED6, 0xDC30061D04874834);

    // 2^256 mod p, one in Montgomery form
    private static Fe One() => Limbs(0x0000000000000001, 0xFFFFFFFF00000000, 0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFE);

    private static Fe Limbs(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        Fe f = default;
        f[0] = l0; f[1] = l1; f[2] = l2; f[3] = l3;
        return f;
    }

    // a^(p-2) = a^-1: square-and-multiply over the public exponent's bits, the same steps for every a.
    private static Fe Invert(in Fe a)
    {
        ReadOnlySpan<ulong> e = [0xFFFFFFFFFFFFFFFD, 0x00000000FFFFFFFF, 0x0000000000000000, 0xFFFFFFFF00000001];
        var r = a; // the exponent's top bit
        for (var bit = 254; bit >= 0; bit--)
        {
            r = Mul(r, r);
            if (((e[bit >> 6] >> (bit & 63)) & 1) != 0) r = Mul(r, a);
        }
        return r;
    }

    // Montgomery product a·b·2^-256 mod p (CIOS), fully reduced.
    private static Fe Mul(in Fe a, in Fe b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        for (var i = 0; i < 4; i++)
        {
            var bi = b[i];
            t0 = MulAdd(a[0], bi, t0, 0, out var c);
            t1 = MulAdd(a[1], bi, t1, c, out c);
            t2 = MulAdd(a[2], bi, t2, c, out c);
            t3 = MulAdd(a[3], bi, t3, c, out c);
            t4 = AddC(t4, c, 0, out var t5);
            // t += m·p with m = t0 (-p^-1 mod 2^64 is 1), without a multiplication: limb by limb, m·(2^64-1)
            // brings t0 to zero and carries m; m·(2^32-1) plus that m is m·2^32; m·0; m·(2^64-2^32+1) is
            // (m - m>>32 - borrow)·2^64 + (m - m<<32).
            var m = t0;
            t0 = AddC(t1, m << 32, 0, out c);
            c += m >> 32;
            t1 = AddC(t2, c, 0, out c);
            var lo = SubB(m, m << 32, 0, out var borrow);
            var hi = m - (m >> 32) - borrow;
            t2 = AddC(t3, lo, 0, out var c1);
            t2 = AddC(t2, c, 0, out var c2);
            t3 = AddC(t4, hi + c1 + c2, 0, out c);
            t4 = t5 + c;
        }
        return Reduce(t0, t1, t2, t3, t4);
    }

    private static Fe Add(in Fe a, in Fe b)
    {
        var s0 = AddC(a[0], b[0], 0, out var c);
        var s1 = AddC(a[1], b[1], c, out c);
        var s2 = AddC(a[2], b[2], c, out c);
        var s3 = AddC(a[3], b[3], c, out c);
        return Reduce(s0, s1, s2, s3, c);
    }

    private static Fe Sub(in Fe a, in Fe b)
    {
        var d0 = SubB(a[0], b[0], 0, out var borrow);
        var d1 = SubB(a[1], b[1], borrow, out borrow);
        var d2 = SubB(a[2], b[2], borrow, out borrow);
        var d3 = SubB(a[3], b[3], borrow, out borrow);
        var mask = 0 - borrow;
        d0 = AddC(d0, P0 & mask, 0, out var c);
        d1 = AddC(d1, P1 & mask, c, out c);
        d2 = AddC(d2, P2 & mask, c, out c);
        d3 = AddC(d3, P3 & mask, c, out _);
        return Limbs(d0, d1, d2, d3);
    }

    // (t4:t3:t2:t1:t0) < 2p, less p when that does not go below zero.
    private static Fe Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4)
    {
        var u0 = SubB(t0, P0, 0, out var borrow);
        var u1 = SubB(t1, P1, borrow, out borrow);
        var u2 = SubB(t2, P2, borrow, out borrow);
        var u3 = SubB(t3, P3, borrow, out borrow);
        SubB(t4, 0, borrow, out borrow);
        var keep = 0 - borrow; // all ones: t < p, keep t
        return Limbs((t0 & keep) | (u0 & ~keep), (t1 & keep) | (u1 & ~keep), (t2 & keep) | (u2 & ~keep), (t3 & keep) | (u3 & ~keep));
    }

    private static Fe Select(ulong mask, in Fe a, in Fe b) =>
        Limbs((a[0] & mask) | (b[0] & ~mask), (a[1] & mask) | (b[1] & ~mask), (a[2] & mask) | (b[2] & ~mask), (a[3] & mask) | (b[3] & ~mask));

    // all ones when a == b (both 0..16), else zero, without a comparison
    private static ulong Equal(int a, int b) => 0 - (((ulong)(uint)(a ^ b) - 1) >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddC(ulong a, ulong b, ulong carryIn, out ulong carryOut)
    {
        var s = a + b + carryIn;
        carryOut = ((a & b) | ((a | b) & ~s)) >> 63;
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubB(ulong a, ulong b, ulong borrowIn, out ulong borrowOut)
    {
        var d = a - b - borrowIn;
        borrowOut = ((~a & b) | (~(a ^ b) & d)) >> 63;
        return d;
    }

    // a·b + x + y as (hi, lo); cannot overflow 128 bits
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong x, ulong y, out ulong hi)
    {
        hi = Math.BigMul(a, b, out var lo);
        lo = AddC(lo, x, 0, out var c1);
        lo = AddC(lo, y, 0, out var c2);
        hi += c1 + c2;
        return lo;
    }

    private static Fe FromBytes(ReadOnlySpan<byte> bigEndian)
    {
        Fe f = default;
        for (var i = 0; i < 4; i++) f[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bigEndian.Slice(24 - 8 * i, 8));
        return f;
    }

    private static byte[] ToBytes(in Fe f)
    {
        var bytes = new byte[32];
        for (var i = 0; i < 4; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24 - 8 * i, 8), f[i]);
        return bytes;
    }
}
