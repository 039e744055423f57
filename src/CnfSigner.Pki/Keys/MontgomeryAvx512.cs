using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// The secret exponentiation of the RSA private-key operation (x^d mod p for one CRT half) on AVX-512F: Montgomery
/// multiplication in radix 2^28, eight limbs per 512-bit register, each limb product taken by VPMULUDQ
/// (32×32→64 bits, eight at once), the idea of OpenSSL's crypto/bn/asm/rsaz-avx2.pl / rsaz-2k-avx512.pl
/// ("almost Montgomery multiplication" with the accumulator shifted down one limb per row). .NET 10 has no
/// AVX-512 IFMA intrinsics (OpenSSL's 52-bit VPMADD52), so the limbs are 28 bits: a lane collects at most 2k
/// products of 56 bits, which fits 64 bits for k ≤ 127 limbs, and no carry is propagated inside the
/// multiplication; carries are resolved once at its end (by two parallel passes that leave each limb at most
/// 2^28 + 2^8, which the bound allows). The accumulator lives in registers, up to 10 vectors (80 limbs: moduli up to
/// 2,238 bits, the primes of RSA keys up to 4,476 bits); longer moduli are left to <see cref="Montgomery"/>. With R = 2^(28k) ≥ 4n, inputs below
/// 2n give a result below 2n, so no conditional subtraction is needed between multiplications (the one at the end
/// is a masked select). No branch or address depends on the values: the table of the fixed 5-bit window is read
/// whole through masks, as <see cref="Montgomery.PowSecret"/> does. <see cref="IsSupported"/> is false where the
/// process may not use AVX-512F (other CPUs, or a native build for a baseline without it): the callers then use
/// <see cref="Montgomery"/>.
/// </summary>
internal sealed class MontgomeryAvx512
{
    private const int Radix = 28;
    private const ulong Mask = (1UL << Radix) - 1;
    private const int Window = 5;
    private const int MaxLimbs = 80; // 10 vectors, all kept in registers
    private readonly int _k; // 28-bit limbs
    private readonly int _lanes; // _k rounded up to whole vectors
    private readonly ulong[] _n; // modulus, 28-bit limbs, zero-padded to _lanes
    private readonly ulong _n0Inverse; // -n^-1 mod 2^28
    private readonly ulong[] _rSquared; // R^2 mod n, R = 2^(28k)
    private readonly ulong[] _one; // 1 (not in Montgomery form): multiplying by it leaves Montgomery form
    private readonly BigInteger _modulus;

    public MontgomeryAvx512(BigInteger modulus)
    {
        if (modulus.SignValue <= 0 || !modulus.TestBit(0)) throw new ArgumentException("modulus must be odd and positive");
        _modulus = modulus;
        _k = (modulus.BitLength + 2 + Radix - 1) / Radix; // R ≥ 4n
        if (_k > MaxLimbs) throw new ArgumentException("modulus too long for the registers");
        _lanes = (_k + 7) / 8 * 8;
        _n = ToRadix(modulus);
        var n0 = _n[0];
        var inverse = n0; // Newton: n0·inverse ≡ 1 mod 2^28
        for (var i = 0; i < 5; i++) inverse *= 2 - n0 * inverse;
        _n0Inverse = (0 - inverse) & Mask;
        _rSquared = ToRadix(BigInteger.One.ShiftLeft(2 * Radix * _k).Mod(modulus));
        _one = ToRadix(BigInteger.One);
    }

    /// <summary>True where this process may use AVX-512F (checked when the code is compiled: JIT or native).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Whether a modulus of <paramref name="bits"/> bits fits 10 vectors (up to 2,238 bits: RSA keys up to 4,476 bits).</summary>
    public static bool Fits(int bits) => (bits + 2 + Radix - 1) / Radix <= MaxLimbs;

    private ulong[] ToRadix(BigInteger value) => Split(Montgomery.ToLimbs(value, (_modulus.BitLength + 63) / 64));

    /// <summary>64-bit limbs to 28-bit limbs (the value must fit k·28 bits), zero-padded to whole vectors.</summary>
    private ulong[] Split(ReadOnlySpan<ulong> limbs) => MontgomeryRadix.Split(limbs, Radix, _k, _lanes);

    /// <summary>
    /// result = a·b·R^-1 mod n, below 2n, for a, b &lt; 2n in 28-bit limbs (each at most 2^28 + 2^8, as this method
    /// leaves them); result may be a or b.
    /// Row i adds a·b[i] and m·n (m making the lowest limb vanish) to the accumulator, then shifts it down one limb;
    /// the lowest limb's carry is kept in a scalar and added to the next row's lowest limb. The lowest limb, on
    /// which m depends, is also followed in scalar registers (the next row's lowest limb is this row's second:
    /// known before m but for n[1]·m), so that the chain from one row's m to the next is a few scalar
    /// instructions, not a round trip through the vector unit.
    /// </summary>
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var vectors = _lanes / 8;
        if (a.Length < _lanes || b.Length < _lanes || result.Length < _lanes) throw new ArgumentException("operand too short");
        switch (vectors)
        {
            case 1: MultiplyInRegisters<Size1>(a, b, result); return;
            case 2: MultiplyInRegisters<Size2>(a, b, result); return;
            case 3: MultiplyInRegisters<Size3>(a, b, result); return;
            case 4: MultiplyInRegisters<Size4>(a, b, result); return;
            case 5: MultiplyInRegisters<Size5>(a, b, result); return;
            case 6: MultiplyInRegisters<Size6>(a, b, result); return;
            case 7: MultiplyInRegisters<Size7>(a, b, result); return;
            case 8: MultiplyInRegisters<Size8>(a, b, result); return;
            case 9: MultiplyInRegisters<Size9>(a, b, result); return;
            case 10: MultiplyInRegisters<Size10>(a, b, result); return;
        }
        throw new InvalidOperationException("more vectors than registers");
    }

    /// <summary>The number of vectors a modulus takes, as a type: <see cref="MultiplyInRegisters{TSize}"/> is compiled once per size.</summary>
    private interface ISize
    {
        static abstract int Vectors { get; }
    }
    private struct Size1 : ISize { public static int Vectors => 1; }
    private struct Size2 : ISize { public static int Vectors => 2; }
    private struct Size3 : ISize { public static int Vectors => 3; }
    private struct Size4 : ISize { public static int Vectors => 4; }
    private struct Size5 : ISize { public static int Vectors => 5; }
    private struct Size6 : ISize { public static int Vectors => 6; }
    private struct Size7 : ISize { public static int Vectors => 7; }
    private struct Size8 : ISize { public static int Vectors => 8; }
    private struct Size9 : ISize { public static int Vectors => 9; }
    private struct Size10 : ISize { public static int Vectors => 10; }

    /// <summary>
    /// <see cref="Multiply"/> with the whole accumulator in registers (up to 10 vectors: moduli up to 2,238 bits, the
    /// halves of RSA keys up to 4,096 bits and more). The JIT compiles it for each <typeparamref name="TSize"/> and drops
    /// the vectors beyond the size: the tests on <c>TSize.Vectors</c> are constants.
    /// </summary>
    private void MultiplyInRegisters<TSize>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result) where TSize : struct, ISize
    {
        var size = TSize.Vectors;
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var br = ref MemoryMarshal.GetReference(b);
        ref var nr = ref MemoryMarshal.GetArrayDataReference(_n);
        ulong a0 = ar, a1 = Unsafe.Add(ref ar, 1), n0 = nr, n1 = Unsafe.Add(ref nr, 1), n0Inverse = _n0Inverse;
        Vector512<ulong> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default, c8 = default, c9 = default;
        var zero = Vector512<ulong>.Zero;
        ulong carry = 0, lowest = 0;
        for (var i = 0; i < _k; i++)
        {
            var b64 = Unsafe.Add(ref br, i);
            var second = c0.GetElement(1);
            var t = lowest + a0 * b64 + carry;
            var m = (t * n0Inverse) & Mask;
            carry = (t + m * n0) >> Radix;
            lowest = second + a1 * b64 + n1 * m;
            var bi = Vector512.Create(b64).AsUInt32();
            var mv = Vector512.Create(m).AsUInt32();
            var u0 = c0 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 0).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 0).AsUInt32(), mv);
            var u1 = size > 1 ? c1 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 8).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 8).AsUInt32(), mv) : zero;
            var u2 = size > 2 ? c2 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 16).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 16).AsUInt32(), mv) : zero;
            var u3 = size > 3 ? c3 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 24).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 24).AsUInt32(), mv) : zero;
            var u4 = size > 4 ? c4 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 32).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 32).AsUInt32(), mv) : zero;
            var u5 = size > 5 ? c5 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 40).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 40).AsUInt32(), mv) : zero;
            var u6 = size > 6 ? c6 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 48).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 48).AsUInt32(), mv) : zero;
            var u7 = size > 7 ? c7 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 56).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 56).AsUInt32(), mv) : zero;
            var u8 = size > 8 ? c8 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 64).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 64).AsUInt32(), mv) : zero;
            var u9 = size > 9 ? c9 + Avx512F.Multiply(Vector512.LoadUnsafe(ref ar, 72).AsUInt32(), bi) + Avx512F.Multiply(Vector512.LoadUnsafe(ref nr, 72).AsUInt32(), mv) : zero;
            c0 = Avx512F.AlignRight64(u1, u0, 1);
            if (size > 1) c1 = Avx512F.AlignRight64(u2, u1, 1);
            if (size > 2) c2 = Avx512F.AlignRight64(u3, u2, 1);
            if (size > 3) c3 = Avx512F.AlignRight64(u4, u3, 1);
            if (size > 4) c4 = Avx512F.AlignRight64(u5, u4, 1);
            if (size > 5) c5 = Avx512F.AlignRight64(u6, u5, 1);
            if (size > 6) c6 = Avx512F.AlignRight64(u7, u6, 1);
            if (size > 7) c7 = Avx512F.AlignRight64(u8, u7, 1);
            if (size > 8) c8 = Avx512F.AlignRight64(u9, u8, 1);
            if (size > 9) c9 = Avx512F.AlignRight64(zero, u9, 1);
        }
        // two passes of carries, in parallel over the limbs, leave each limb at most 2^28 + 2^8: as good as canonical
        // for the next multiplication (its products stay below 2^56·(1 + 2^-19)); nothing goes past limb k-1, as the
        // value is below 2n < R/2
        c0 += Vector512.CreateScalar(carry);
        var mask = Vector512.Create(Mask);
        for (var pass = 0; pass < 2; pass++)
        {
            var h0 = c0 >> Radix;
            var h1 = size > 1 ? c1 >> Radix : zero;
            var h2 = size > 2 ? c2 >> Radix : zero;
            var h3 = size > 3 ? c3 >> Radix : zero;
            var h4 = size > 4 ? c4 >> Radix : zero;
            var h5 = size > 5 ? c5 >> Radix : zero;
            var h6 = size > 6 ? c6 >> Radix : zero;
            var h7 = size > 7 ? c7 >> Radix : zero;
            var h8 = size > 8 ? c8 >> Radix : zero;
            var h9 = size > 9 ? c9 >> Radix : zero;
            c0 = (c0 & mask) + Avx512F.AlignRight64(h0, zero, 7);
            if (size > 1) c1 = (c1 & mask) + Avx512F.AlignRight64(h1, h0, 7);
            if (size > 2) c2 = (c2 & mask) + Avx512F.AlignRight64(h2, h1, 7);
            if (size > 3) c3 = (c3 & mask) + Avx512F.AlignRight64(h3, h2, 7);
            if (size > 4) c4 = (c4 & mask) + Avx512F.AlignRight64(h4, h3, 7);
            if (size > 5) c5 = (c5 & mask) + Avx512F.AlignRight64(h5, h4, 7);
            if (size > 6) c6 = (c6 & mask) + Avx512F.AlignRight64(h6, h5, 7);
            if (size > 7) c7 = (c7 & mask) + Avx512F.AlignRight64(h7, h6, 7);
            if (size > 8) c8 = (c8 & mask) + Avx512F.AlignRight64(h8, h7, 7);
            if (size > 9) c9 = (c9 & mask) + Avx512F.AlignRight64(h9, h8, 7);
        }
        ref var rr = ref MemoryMarshal.GetReference(result);
        c0.StoreUnsafe(ref rr, 0);
        if (size > 1) c1.StoreUnsafe(ref rr, 8);
        if (size > 2) c2.StoreUnsafe(ref rr, 16);
        if (size > 3) c3.StoreUnsafe(ref rr, 24);
        if (size > 4) c4.StoreUnsafe(ref rr, 32);
        if (size > 5) c5.StoreUnsafe(ref rr, 40);
        if (size > 6) c6.StoreUnsafe(ref rr, 48);
        if (size > 7) c7.StoreUnsafe(ref rr, 56);
        if (size > 8) c8.StoreUnsafe(ref rr, 64);
        if (size > 9) c9.StoreUnsafe(ref rr, 72);
    }

    /// <summary>
    /// Carries of the accumulator resolved into canonical limbs, copied to result (which may be the accumulator): the
    /// value is below 2n &lt; R, so nothing is left above limb k.
    /// </summary>
    private void Resolve(Span<ulong> accumulator, ulong carry, Span<ulong> result)
    {
        ref var acc = ref MemoryMarshal.GetReference(accumulator);
        for (var j = 0; j < _k; j++)
        {
            var value = Unsafe.Add(ref acc, j) + carry;
            Unsafe.Add(ref acc, j) = value & Mask;
            carry = value >> Radix;
        }
        accumulator.CopyTo(result);
    }

    /// <summary>
    /// x^e mod n for x &lt; n and a secret e of at most <paramref name="bits"/> bits (a public bound), 64-bit limbs in
    /// and out (result: <see cref="Montgomery.ToLimbs"/> length of n): fixed 5-bit windows over all the bits, a
    /// multiplication for each, the table entry gathered by a masked read of the whole table.
    /// </summary>
    public void PowSecret(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> exponent, int bits, Span<ulong> result)
    {
        var lanes = _lanes;
        var entries = 1 << Window;
        var table = new ulong[entries * lanes];
        Multiply(_one, _rSquared, table.AsSpan(0, lanes)); // R mod n: 1 in Montgomery form
        var basis = Split(x);
        Multiply(basis, _rSquared, table.AsSpan(lanes, lanes));
        for (var i = 2; i < entries; i++)
            Multiply(table.AsSpan((i - 1) * lanes, lanes), table.AsSpan(lanes, lanes), table.AsSpan(i * lanes, lanes));

        var accumulator = new ulong[lanes];
        table.AsSpan(0, lanes).CopyTo(accumulator);
        Span<ulong> entry = stackalloc ulong[lanes];
        ref var tableRef = ref MemoryMarshal.GetArrayDataReference(table);
        ref var entryRef = ref MemoryMarshal.GetReference(entry);
        for (var pos = (bits + Window - 1) / Window * Window - Window; pos >= 0; pos -= Window)
        {
            for (var s = 0; s < Window; s++) Multiply(accumulator, accumulator, accumulator);
            var index = (ulong)Montgomery.Bits(exponent, pos, Window);
            for (var v = 0; v < lanes; v += 8)
            {
                var gathered = Vector512<ulong>.Zero;
                for (var i = 0; i < entries; i++)
                {
                    var difference = (ulong)i ^ index;
                    var mask = ((difference | (0 - difference)) >> 63) - 1; // all ones when i == index
                    gathered |= Vector512.LoadUnsafe(ref tableRef, (nuint)(i * lanes + v)) & Vector512.Create(mask);
                }
                gathered.StoreUnsafe(ref entryRef, (nuint)v);
            }
            Multiply(accumulator, entry, accumulator);
        }
        Multiply(accumulator, _one, accumulator); // out of Montgomery form: at most n, n itself only for x ≡ 0
        Resolve(accumulator, 0, accumulator);
        MontgomeryRadix.Join(accumulator.AsSpan(0, _k), Radix, result);
        // result may equal n: subtract it then (masked select, no branch)
        var n64 = Montgomery.ToLimbs(_modulus, result.Length);
        Span<ulong> difference64 = stackalloc ulong[result.Length];
        var borrow = Montgomery.Subtract(result, n64, difference64);
        var keep = 0 - borrow;
        for (var i = 0; i < result.Length; i++) result[i] = (result[i] & keep) | (difference64[i] & ~keep);
        Array.Clear(table);
        Array.Clear(accumulator);
        entry.Clear();
        difference64.Clear();
    }
}
