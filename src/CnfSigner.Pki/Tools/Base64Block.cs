namespace CnfSigner.Pki.Tools;

/// <summary>crypto/evp/encode.c: EVP_DecodeBlock and the EVP_DecodeUpdate state machine of OpenSSL 3.0.</summary>
internal static class Base64Block
{
    private const int Error = -1, Whitespace = -2, Eof = -3;

    // conv_ascii2bin(): base64 characters (and '=' as 0), blanks and line ends, '-' as end of data.
    private static int Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        (byte)'=' => 0,
        (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' => Whitespace,
        (byte)'-' => Eof,
        _ => Error,
    };

    /// <summary>EVP_DecodeBlock(): 3 bytes per 4 characters (padding counted as zero bytes), or null.</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> text)
    {
        while (text.Length > 0 && text[0] is (byte)' ' or (byte)'\t') text = text[1..];
        while (text.Length > 3 && Value(text[^1]) is Whitespace or Eof) text = text[..^1];
        if (text.Length % 4 != 0) return null;
        var output = new byte[text.Length / 4 * 3];
        for (int i = 0, o = 0; i < text.Length; i += 4, o += 3)
        {
            int a = Value(text[i]), b = Value(text[i + 1]), c = Value(text[i + 2]), d = Value(text[i + 3]);
            if ((a | b | c | d) < 0) return null;
            var word = (a << 18) | (b << 12) | (c << 6) | d;
            output[o] = (byte)(word >> 16);
            output[o + 1] = (byte)(word >> 8);
            output[o + 2] = (byte)word;
        }
        return output;
    }

    /// <summary>EVP_DECODE_CTX: up to 64 saved characters between calls.</summary>
    public sealed class Decoder
    {
        private readonly List<byte> _saved = [];

        /// <summary>EVP_DecodeUpdate(): the bytes and -1 (error), 0 (end of data seen) or 1 (more wanted).</summary>
        public (byte[] Bytes, int State) Update(ReadOnlySpan<byte> input)
        {
            var output = new List<byte>();
            var eof = _saved.Count > 0 && _saved[^1] == '=' ? (_saved.Count > 1 && _saved[^2] == '=' ? 2 : 1) : 0;
            if (input.Length == 0) return ([], 0);
            var seenEnd = false;
            foreach (var c in input)
            {
                var v = Value(c);
                if (v == Error) return (output.ToArray(), -1);
                if (c == '=') eof++;
                else if (eof > 0 && v >= 0) return (output.ToArray(), -1); // data after padding
                if (eof > 2) return (output.ToArray(), -1);
                if (v == Eof) { seenEnd = true; break; }
                if (v >= 0) _saved.Add(c);
                if (_saved.Count == 64 && !Flush(output, eof)) return (output.ToArray(), -1);
            }
            if (_saved.Count > 0)
            {
                if ((_saved.Count & 3) == 0) { if (!Flush(output, eof)) return (output.ToArray(), -1); }
                else if (seenEnd) return (output.ToArray(), -1); // end of data inside a 4-character group
            }
            return (output.ToArray(), seenEnd || (_saved.Count == 0 && eof > 0) ? 0 : 1);
        }

        /// <summary>EVP_DecodeFinal(): characters left over that are not a whole group are an error.</summary>
        public bool Final() => _saved.Count == 0 || Decode(_saved.ToArray()) != null;

        private bool Flush(List<byte> output, int eof)
        {
            var block = Decode(_saved.ToArray());
            _saved.Clear();
            if (block == null || eof > block.Length) return false;
            output.AddRange(block.AsSpan(0, block.Length - eof));
            return true;
        }
    }
}
