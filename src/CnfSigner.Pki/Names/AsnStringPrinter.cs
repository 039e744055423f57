using System.Text;

namespace CnfSigner.Pki.Names;

/// <summary>
/// crypto/asn1/a_strex.c do_print_ex(): one string value under the ASN1_STRFLGS_* escaping rules.
/// Output is a byte string held one byte per char (ISO-8859-1), as OpenSSL writes raw bytes.
/// </summary>
internal static class AsnStringPrinter
{
    private const NameFormat EscapeFlags = NameFormat.EscRfc2253 | NameFormat.EscRfc2254 | NameFormat.UseQuote
                                           | NameFormat.EscCtrl | NameFormat.EscMsb;
    private const ushort FirstEsc = 0x20, LastEsc = 0x40;
    private const ushort BackslashEscape = (ushort)NameFormat.EscRfc2253 | FirstEsc | LastEsc;

    /// <summary>crypto/asn1/charmap.h char_type[] (low bits only: the escape classes of each ASCII char).</summary>
    private static readonly ushort[] CharType = BuildCharTypes();

    private static ushort[] BuildCharTypes()
    {
        var t = new ushort[128];
        for (var c = 0; c < 32; c++) t[c] = 2; // control
        t[0] = 0x402;
        t[127] = 2;
        t[' '] = 0x78;   // first/last escape, quote
        t['"'] = 1;
        t['#'] = 0x28;   // first escape, quote
        t['('] = t[')'] = t['*'] = 0x400;
        t['+'] = t[','] = 0x19;
        t[';'] = t['<'] = t['>'] = 9;
        t['\\'] = 0x401;
        return t;
    }

    /// <summary>tag2nbyte[]: bytes per character for string types; 0 = UTF-8, -1 = not a string.</summary>
    private static int Width(int tag) => tag switch
    {
        12 => 0,
        18 or 19 or 20 or 22 or 23 or 24 or 26 => 1,
        28 => 4,
        30 => 2,
        _ => -1,
    };

    /// <summary>Appends the value; returns false where OpenSSL fails (bad UTF-8 or string length).</summary>
    public static bool Append(StringBuilder output, Der value, NameFormat flags)
    {
        if ((flags & NameFormat.ShowType) != 0) output.Append(AsnTagName(value.Tag)).Append(':');
        int type;
        if ((flags & NameFormat.DumpAll) != 0) type = -1;
        else if ((flags & NameFormat.IgnoreType) != 0) type = 1;
        else
        {
            type = value.Class == Der.Universal && value.Tag is > 0 and < 31 ? Width(value.Tag) : -1;
            if (type == -1 && (flags & NameFormat.DumpUnknown) == 0) type = 1;
        }
        if (type == -1) { Dump(output, value, flags); return true; }

        var convert = false;
        if ((flags & NameFormat.Utf8Convert) != 0)
        {
            // a_strex.c: a UTF8String is passed through byte by byte rather than converted twice.
            if (type == 0) type = 1; else convert = true;
        }
        var escapes = (ushort)(flags & EscapeFlags);
        var chars = Decode(value.Bytes, type);
        if (chars == null) return false;
        var body = new StringBuilder();
        var quotes = false;
        for (var i = 0; i < chars.Count; i++)
        {
            var edge = (ushort)0;
            if ((flags & NameFormat.EscRfc2253) != 0)
            {
                if (i == 0) edge = FirstEsc;
                if (i == chars.Count - 1) edge = LastEsc;
            }
            if (convert) foreach (var b in Utf8Bytes(chars[i])) EscapeChar(body, b, (ushort)(escapes | edge), ref quotes);
            else EscapeChar(body, chars[i], (ushort)(escapes | edge), ref quotes);
        }
        if (quotes) output.Append('"').Append(body).Append('"');
        else output.Append(body);
        return true;
    }

    /// <summary>do_esc_char().</summary>
    private static void EscapeChar(StringBuilder output, uint c, ushort flags, ref bool quotes)
    {
        if (c > 0xFFFF) { output.Append("\\W").Append(c.ToString("X8")); return; }
        if (c > 0xFF) { output.Append("\\U").Append(c.ToString("X4")); return; }
        var ch = (byte)c;
        var classes = ch > 0x7F ? (ushort)(flags & (ushort)NameFormat.EscMsb) : (ushort)(CharType[ch] & flags);
        if ((classes & BackslashEscape) != 0)
        {
            if ((classes & (ushort)NameFormat.UseQuote) != 0) { quotes = true; output.Append((char)ch); return; }
            output.Append('\\').Append((char)ch);
            return;
        }
        if ((classes & (ushort)(NameFormat.EscCtrl | NameFormat.EscMsb | NameFormat.EscRfc2254)) != 0)
        {
            output.Append('\\').Append(ch.ToString("X2"));
            return;
        }
        if (ch == '\\' && (flags & (ushort)EscapeFlags) != 0) { output.Append("\\\\"); return; }
        output.Append((char)ch);
    }

    private static List<uint>? Decode(ReadOnlySpan<byte> data, int width)
    {
        var chars = new List<uint>(data.Length);
        if (width == 4 && data.Length % 4 != 0 || width == 2 && data.Length % 2 != 0) return null;
        var i = 0;
        while (i < data.Length)
        {
            switch (width)
            {
                case 4: chars.Add((uint)(data[i] << 24 | data[i + 1] << 16 | data[i + 2] << 8 | data[i + 3])); i += 4; break;
                case 2: chars.Add((uint)(data[i] << 8 | data[i + 1])); i += 2; break;
                case 1: chars.Add(data[i++]); break;
                default:
                    var n = Utf8.Get(data[i..], out var cp);
                    if (n < 0) return null;
                    chars.Add(cp);
                    i += n;
                    break;
            }
        }
        return chars;
    }

    private static byte[] Utf8Bytes(uint c) => Utf8.Put(c);

    /// <summary>do_dump(): "#" and hex of the content, or of the whole DER with dump_der.</summary>
    private static void Dump(StringBuilder output, Der value, NameFormat flags)
    {
        output.Append('#');
        var bytes = (flags & NameFormat.DumpDer) != 0 ? value.Encoded.Span : value.Bytes;
        foreach (var b in bytes) output.Append(b.ToString("X2"));
    }

    /// <summary>crypto/asn1/asn1_par.c ASN1_tag2str().</summary>
    internal static string AsnTagName(int tag) => tag switch
    {
        0 => "EOC", 1 => "BOOLEAN", 2 => "INTEGER", 3 => "BIT STRING", 4 => "OCTET STRING", 5 => "NULL",
        6 => "OBJECT", 7 => "OBJECT DESCRIPTOR", 8 => "EXTERNAL", 9 => "REAL", 10 => "ENUMERATED",
        11 => "<ASN1 11>", 12 => "UTF8STRING", 13 => "<ASN1 13>", 14 => "<ASN1 14>", 15 => "<ASN1 15>",
        16 => "SEQUENCE", 17 => "SET", 18 => "NUMERICSTRING", 19 => "PRINTABLESTRING", 20 => "T61STRING",
        21 => "VIDEOTEXSTRING", 22 => "IA5STRING", 23 => "UTCTIME", 24 => "GENERALIZEDTIME",
        25 => "GRAPHICSTRING", 26 => "VISIBLESTRING", 27 => "GENERALSTRING", 28 => "UNIVERSALSTRING",
        29 => "<ASN1 29>", 30 => "BMPSTRING",
        _ => "(unknown)",
    };
}

/// <summary>crypto/asn1/a_utf8.c UTF8_getc / UTF8_putc (OpenSSL's lenient UTF-8, up to 6-byte forms rejected).</summary>
internal static class Utf8
{
    public static int Get(ReadOnlySpan<byte> s, out uint value)
    {
        value = 0;
        if (s.Length == 0) return -1;
        var b = s[0];
        int n;
        if ((b & 0x80) == 0) { value = b; return 1; }
        if ((b & 0xE0) == 0xC0) { n = 2; value = (uint)(b & 0x1F); }
        else if ((b & 0xF0) == 0xE0) { n = 3; value = (uint)(b & 0x0F); }
        else if ((b & 0xF8) == 0xF0) { n = 4; value = (uint)(b & 0x07); }
        else return -2;
        if (s.Length < n) return -1;
        for (var i = 1; i < n; i++)
        {
            if ((s[i] & 0xC0) != 0x80) return -3;
            value = (value << 6) | (uint)(s[i] & 0x3F);
        }
        uint[] minimum = [0, 0, 0x80, 0x800, 0x10000];
        if (value < minimum[n]) return -4;
        if (value is >= 0xD800 and <= 0xDFFF) return -2;
        return n;
    }

    public static byte[] Put(uint c)
    {
        if (c < 0x80) return [(byte)c];
        if (c < 0x800) return [(byte)(0xC0 | c >> 6), (byte)(0x80 | c & 0x3F)];
        if (c < 0x10000) return [(byte)(0xE0 | c >> 12), (byte)(0x80 | c >> 6 & 0x3F), (byte)(0x80 | c & 0x3F)];
        return [(byte)(0xF0 | c >> 18), (byte)(0x80 | c >> 12 & 0x3F), (byte)(0x80 | c >> 6 & 0x3F), (byte)(0x80 | c & 0x3F)];
    }
}
