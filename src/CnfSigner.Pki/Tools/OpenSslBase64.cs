using System.Text;

namespace CnfSigner.Pki.Tools;

/// <summary>
/// Base64 as OpenSSL's BIO_f_base64 writes and reads it (crypto/evp/bio_b64.c over crypto/evp/encode.c), for
/// `enc -a`, `rand -base64` and `dgst`: 64-character lines (or one line, no newline, with -A); decoding skips
/// leading lines that are not base64, stops at a "-" line, and reads in 1024-byte blocks as OpenSSL does, so a
/// damaged input decodes to the same bytes.
/// </summary>
public static class OpenSslBase64
{
    private const int BlockSize = 1024; // bio_b64.c B64_BLOCK_SIZE

    /// <summary>EVP_EncodeUpdate/Final: lines of 64 characters, each ending in "\n"; -A: one line, no newline.</summary>
    public static string Encode(ReadOnlySpan<byte> data, bool singleLine)
    {
        var text = Convert.ToBase64String(data);
        if (singleLine) return text;
        var lines = new StringBuilder(text.Length + text.Length / 64 + 1);
        for (var i = 0; i < text.Length; i += 64)
            lines.Append(text, i, Math.Min(64, text.Length - i)).Append('\n');
        return lines.ToString();
    }

    /// <summary>The decoded bytes, and whether the decoder hit an error (OpenSSL then stops silently).</summary>
    public sealed record Decoded(byte[] Bytes, bool Failed);

    public static Decoded Decode(ReadOnlySpan<byte> input, bool singleLine) =>
        singleLine ? DecodeSingleLine(input) : DecodeLines(input);

    // bio_b64.c b64_read() with BIO_FLAGS_BASE64_NO_NL: EVP_DecodeBlock over each 1024-byte read, 4 characters at a time.
    private static Decoded DecodeSingleLine(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>();
        var pending = new List<byte>();
        var pos = 0;
        while (true)
        {
            var take = Math.Min(BlockSize - pending.Count, input.Length - pos);
            if (take == 0 && pending.Count == 0) break;
            pending.AddRange(input.Slice(pos, take));
            pos += take;
            var whole = pending.Count & ~3;
            var chunk = pending.GetRange(0, whole).ToArray();
            var block = Base64Block.Decode(chunk);
            if (block == null) return new Decoded(output.ToArray(), true);
            var length = block.Length;
            if (whole > 2 && chunk[whole - 1] == '=') length -= chunk[whole - 2] == '=' ? 2 : 1;
            output.AddRange(block.AsSpan(0, Math.Max(0, length)));
            pending.RemoveRange(0, whole);
            if (take == 0) break; // at the end, fewer than 4 characters left over are dropped
        }
        return new Decoded(output.ToArray(), false);
    }

    // bio_b64.c b64_read(): find the first line that decodes, then EVP_DecodeUpdate over 1024-byte blocks.
    private static Decoded DecodeLines(ReadOnlySpan<byte> input)
    {
        var start = FirstBase64Line(input);
        if (start < 0) return new Decoded([], false);
        var decoder = new Base64Block.Decoder();
        var output = new List<byte>();
        for (var pos = start; pos < input.Length; pos += BlockSize)
        {
            var chunk = input.Slice(pos, Math.Min(BlockSize, input.Length - pos));
            var (bytes, state) = decoder.Update(chunk);
            if (state < 0) return new Decoded(output.ToArray(), true);
            output.AddRange(bytes);
            if (state == 0) return new Decoded(output.ToArray(), false);
        }
        return new Decoded(output.ToArray(), !decoder.Final());
    }

    /// <summary>The offset of the first "\n"-terminated line EVP_DecodeUpdate accepts, or -1.</summary>
    private static int FirstBase64Line(ReadOnlySpan<byte> input)
    {
        var lineStart = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '\n') continue;
            // A line longer than the first block is skipped whole (tmp_nl), as OpenSSL does.
            if (i - lineStart < BlockSize)
            {
                var (bytes, state) = new Base64Block.Decoder().Update(input[lineStart..(i + 1)]);
                if (state > 0 || bytes.Length > 0) return lineStart;
            }
            lineStart = i + 1;
        }
        return -1;
    }
}
