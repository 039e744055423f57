namespace CnfSigner.Pki.Verify;

/// <summary>
/// crypto/punycode.c of OpenSSL 3.0: ossl_a2ulabel() turns each "xn--" label of a domain into UTF-8 (RFC 3492
/// Punycode, decoded with ossl_punycode_decode()'s checks) and copies the other labels as they are.
/// </summary>
internal static class ULabel
{
    private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700, InitialBias = 72, InitialN = 0x80;
    private const int LabelBufferSize = 512;

    /// <summary>
    /// The converted domain, or null when a label does not decode or the result with its NUL does not fit in
    /// <paramref name="outputSize"/> bytes (OpenSSL's "&lt;= 0" results).
    /// </summary>
    public static byte[]? FromALabels(byte[] domain, int outputSize)
    {
        var output = new List<byte>();
        var start = 0;
        while (true)
        {
            var dot = Array.IndexOf(domain, (byte)'.', start);
            var label = domain.AsSpan(start, (dot < 0 ? domain.Length : dot) - start);
            if (label.Length >= 4 && label[..4].SequenceEqual("xn--"u8))
            {
                if (Decode(label[4..]) is not { } codePoints) return null;
                foreach (var cp in codePoints)
                    if (!AppendUtf8(output, cp)) return null;
            }
            else output.AddRange(label);
            if (dot < 0) break;
            output.Add((byte)'.');
            start = dot + 1;
        }
        return output.Count + 1 <= outputSize ? [.. output] : null;
    }

    /// <summary>ossl_punycode_decode(): the code points, or null when the input is not valid Punycode.</summary>
    private static List<uint>? Decode(ReadOnlySpan<byte> encoded)
    {
        uint n = InitialN, i = 0, bias = InitialBias;
        var basicCount = encoded.LastIndexOf((byte)'-');
        var output = new List<uint>();
        var loop = 0;
        if (basicCount > 0)
        {
            if (basicCount > LabelBufferSize) return null;
            foreach (var c in encoded[..basicCount])
            {
                if (c >= 0x80) return null;
                output.Add(c);
            }
            loop = basicCount + 1;
        }
        while (loop < encoded.Length)
        {
            uint oldI = i, w = 1;
            for (uint k = Base; ; k += Base)
            {
                if (loop >= encoded.Length) return null;
                var digit = DigitValue(encoded[loop++]);
                if (digit < 0 || (uint)digit > (uint.MaxValue - i) / w) return null;
                i += (uint)digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if ((uint)digit < t) break;
                if (w > uint.MaxValue / (Base - t)) return null;
                w *= Base - t;
            }
            var count = (uint)output.Count + 1;
            bias = Adapt(i - oldI, count, oldI == 0);
            if (i / count > uint.MaxValue - n) return null;
            n += i / count;
            i %= count;
            if (output.Count >= LabelBufferSize) return null;
            output.Insert((int)i, n);
            i++;
        }
        return output;
    }

    private static uint Adapt(uint delta, uint points, bool first)
    {
        uint k = 0;
        delta = first ? delta / Damp : delta / 2;
        delta += delta / points;
        while (delta > (Base - TMin) * TMax / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }
        return k + (Base - TMin + 1) * delta / (delta + Skew);
    }

    private static int DigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0' + 26,
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a',
        _ => -1,
    };

    // punycode.c codepoint2utf8(): surrogates are not refused, values above U+10FFFF are
    private static bool AppendUtf8(List<byte> output, uint cp)
    {
        if (cp <= 0x7F) output.Add((byte)cp);
        else if (cp <= 0x7FF) output.AddRange([(byte)(0xC0 | (cp >> 6)), (byte)(0x80 | (cp & 0x3F))]);
        else if (cp <= 0xFFFF)
            output.AddRange([(byte)(0xE0 | (cp >> 12)), (byte)(0x80 | ((cp >> 6) & 0x3F)), (byte)(0x80 | (cp & 0x3F))]);
        else if (cp <= 0x10FFFF)
            output.AddRange([(byte)(0xF0 | (cp >> 18)), (byte)(0x80 | ((cp >> 12) & 0x3F)),
                (byte)(0x80 | ((cp >> 6) & 0x3F)), (byte)(0x80 | (cp & 0x3F))]);
        else return false;
        return true;
    }
}
