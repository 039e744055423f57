using System.Text;

namespace CnfSigner.Pki.Text;

/// <summary>Bytes to hex text in OpenSSL's three layouts: colon-separated, wrapped blocks, and BIO_dump.</summary>
internal static class HexPrinter
{
    private const string Upper = "0123456789ABCDEF", Lower = "0123456789abcdef";

    // Two hex digits without a string per byte (a certificate's text dump prints some 550 bytes this way).
    private static StringBuilder AppendHex(StringBuilder output, byte value, string digits) =>
        output.Append(digits[value >> 4]).Append(digits[value & 0xF]);

    /// <summary>OPENSSL_buf2hexstr / i2s_ASN1_OCTET_STRING: "3A:1C:...", upper case.</summary>
    public static string ColonUpper(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0) text.Append(':');
            AppendHex(text, bytes[i], Upper);
        }
        return text.ToString();
    }

    /// <summary>crypto/asn1/f_string.c i2a_ASN1_STRING(bp, s, 0): upper-case hex, "\\\n" after every 35 bytes, "0" when empty.</summary>
    public static void I2a(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) output.Append('0');
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i != 0 && i % 35 == 0) output.Append("\\\n");
            AppendHex(output, bytes[i], Upper);
        }
    }

    /// <summary>crypto/asn1/t_pkey.c ASN1_buf_print(): 15 bytes a line, lower case, each line but the last ends ":".</summary>
    public static void Block(StringBuilder output, ReadOnlySpan<byte> bytes, int indent, int perLine = 15)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i % perLine == 0)
            {
                if (i > 0) output.Append('\n');
                output.Append(' ', Math.Min(indent, 128));
            }
            AppendHex(output, bytes[i], Lower);
            if (i != bytes.Length - 1) output.Append(':');
        }
        output.Append('\n');
    }

    /// <summary>crypto/bio/bio_dump.c BIO_dump_indent(): 16 bytes a line (fewer when indented), offset, hex, ASCII.</summary>
    public static void Dump(StringBuilder output, ReadOnlySpan<byte> data, int indent)
    {
        indent = Math.Clamp(indent, 0, 64);
        var width = 16 - (indent - Math.Min(indent, 6) + 3) / 4; // DUMP_WIDTH_LESS_INDENT
        var length = data.Length;
        var rows = (length + width - 1) / width;
        for (var row = 0; row < rows; row++)
        {
            output.Append(' ', indent).Append((row * width).ToString("x4")).Append(" - ");
            for (var j = 0; j < width; j++)
            {
                var k = row * width + j;
                if (k >= length) output.Append("   ");
                else AppendHex(output, data[k], Lower).Append(j == 7 ? '-' : ' ');
            }
            output.Append("  ");
            for (var j = 0; j < width && row * width + j < length; j++)
            {
                var c = data[row * width + j];
                output.Append(c is >= (byte)' ' and <= (byte)'~' ? (char)c : '.');
            }
            output.Append('\n');
        }
    }
}
