using System.Globalization;
using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>
/// crypto/asn1/asn1_parse.c ASN1_parse_dump(), as -certopt ext_parse shows an extension: one line per element,
/// "offset:d=depth hl=header l=length prim/cons: " then depth spaces and the tag name padded to 18, then the value.
/// </summary>
internal static class Asn1ParsePrinter
{
    private const int MaxDepth = 128, DumpIndent = 6;

    private static readonly string[] TagNames =
    [
        "EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL", "OBJECT", "OBJECT DESCRIPTOR", "EXTERNAL",
        "REAL", "ENUMERATED", "<ASN1 11>", "UTF8STRING", "<ASN1 13>", "<ASN1 14>", "<ASN1 15>", "SEQUENCE", "SET",
        "NUMERICSTRING", "PRINTABLESTRING", "T61STRING", "VIDEOTEXSTRING", "IA5STRING", "UTCTIME", "GENERALIZEDTIME",
        "GRAPHICSTRING", "VISIBLESTRING", "GENERALSTRING", "UNIVERSALSTRING", "<ASN1 29>", "BMPSTRING",
    ];

    /// <summary>Tags whose content prints as-is after ':'.</summary>
    private static readonly HashSet<int> TextTags = [19, 20, 22, 26, 18, 12, 23, 24];

    /// <summary>ASN1_parse_dump(bp, data, len, indent, -1): false when the encoding broke off ("Error in encoding").</summary>
    public static bool Dump(StringBuilder output, ReadOnlySpan<byte> data, bool indent)
    {
        var at = 0;
        return Parse(output, data, ref at, data.Length, 0, indent) != 0;
    }

    /// <summary>asn1_parse2(): 0 on error, 1 when done, 2 at an end-of-contents.</summary>
    private static int Parse(StringBuilder output, ReadOnlySpan<byte> all, ref int p, long length, int depth, bool indent)
    {
        if (depth > MaxDepth)
        {
            output.Append("BAD RECURSION DEPTH\n");
            return 0;
        }
        var total = p + length;
        while (length > 0)
        {
            var op = p;
            var j = GetObject(all, ref p, out var len, out var tag, out var xclass, length);
            if ((j & 0x80) != 0)
            {
                output.Append("Error in encoding\n");
                return 0;
            }
            var hl = p - op;
            length -= hl;
            Info(output, op, depth, hl, len, tag, xclass, j, indent ? depth : 0);
            if ((j & 0x20) != 0)
            {
                output.Append('\n');
                if (len > length)
                {
                    output.Append("length is greater than ").Append(length).Append('\n');
                    return 0;
                }
                if (j == 0x21 && len == 0)
                {
                    var start = p;
                    while (true)
                    {
                        var r = Parse(output, all, ref p, total - p, depth + 1, indent);
                        if (r == 0) return 0;
                        if (r == 2 || p >= total)
                        {
                            len = p - start;
                            break;
                        }
                    }
                }
                else
                {
                    var end = p + len;
                    var rest = len;
                    while (p < end)
                    {
                        var start = p;
                        if (Parse(output, all, ref p, rest, depth + 1, indent) == 0) return 0;
                        rest -= p - start;
                    }
                }
            }
            else if (xclass != 0)
            {
                p += (int)len;
                output.Append('\n');
            }
            else
            {
                var content = all.Slice(p, (int)len);
                if (!Primitive(output, tag, content)) output.Append('\n');
                p += (int)len;
                if (tag == 0) return 2;
            }
            length -= len;
        }
        return 1;
    }

    /// <summary>A primitive universal element's value; true when it ended its own line (a hex dump).</summary>
    private static bool Primitive(StringBuilder output, int tag, ReadOnlySpan<byte> content)
    {
        var bad = false;
        if (TextTags.Contains(tag)) output.Append(':').Append(TextDump.RawBytes(content));
        else if (tag == 6)
        {
            if (ValidOid(content)) output.Append(':').Append(ObjectNames.Text(ObjectNames.Dotted(content)));
            else { output.Append(":BAD OBJECT"); bad = true; }
        }
        else if (tag == 1)
        {
            if (content.Length != 1) { output.Append(":BAD BOOLEAN"); bad = true; }
            if (content.Length > 0) output.Append(':').Append(content[0].ToString(CultureInfo.InvariantCulture));
        }
        else if (tag == 30) { }
        else if (tag == 4)
        {
            if (content.Length > 0)
            {
                if (!content.ContainsAnyExcept(Printable)) output.Append(':').Append(TextDump.RawBytes(content));
                else
                {
                    output.Append('\n');
                    HexPrinter.Dump(output, content, DumpIndent);
                    return true;
                }
            }
        }
        else if (tag is 2 or 10)
        {
            if (ValidInteger(content))
            {
                var (negative, magnitude) = IntegerPrinter.Magnitude(content);
                output.Append(':').Append(negative ? "-" : "").Append(magnitude.Length == 0 ? "00" : Convert.ToHexString(magnitude));
            }
            else { output.Append(tag == 2 ? ":BAD INTEGER" : ":BAD ENUMERATED"); bad = true; }
        }
        else if (content.Length > 0)
        {
            output.Append('\n');
            HexPrinter.Dump(output, content, DumpIndent);
            return true;
        }
        if (bad) output.Append(":[").Append(Convert.ToHexString(content)).Append(']');
        return false;
    }

    private static readonly System.Buffers.SearchValues<byte> Printable =
        System.Buffers.SearchValues.Create([(byte)'\n', (byte)'\r', (byte)'\t', .. Enumerable.Range(' ', '~' - ' ' + 1).Select(b => (byte)b)]);

    /// <summary>d2i_ASN1_OBJECT(): content present, no 0x80 padding at a subidentifier's start, the last byte ends one.</summary>
    private static bool ValidOid(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0 || (content[^1] & 0x80) != 0) return false;
        for (var i = 0; i < content.Length; i++)
            if (content[i] == 0x80 && (i == 0 || (content[i - 1] & 0x80) == 0)) return false;
        return true;
    }

    /// <summary>c2i_ASN1_INTEGER(): content present and no redundant leading 00 or FF byte.</summary>
    private static bool ValidInteger(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) return false;
        if (content.Length == 1) return true;
        var pad = content[0] == 0 || (content[0] == 0xFF && content[1..].ContainsAnyExcept((byte)0));
        return !(pad && (content[0] & 0x80) == (content[1] & 0x80));
    }

    /// <summary>asn1_print_info().</summary>
    private static void Info(StringBuilder output, int offset, int depth, int hl, long len, int tag, int xclass, int constructed, int indent)
    {
        var kind = (constructed & 0x20) != 0 ? "cons: " : "prim: ";
        output.Append(CultureInfo.InvariantCulture, $"{offset,5}:d={depth,-2} hl={hl} ")
            .Append(constructed == 0x21 ? "l=inf  " : string.Create(CultureInfo.InvariantCulture, $"l={len,4} ")).Append(kind)
            .Append(' ', indent);
        var name = (xclass & 0xC0) == 0xC0 ? $"priv [ {tag} ] "
            : (xclass & 0x80) != 0 ? $"cont [ {tag} ]"
            : (xclass & 0x40) != 0 ? $"appl [ {tag} ]"
            : tag > 30 ? $"<ASN1 {tag}>" : TagNames[tag];
        output.Append(name.PadRight(18));
    }

    /// <summary>ASN1_get_object(): the header at <paramref name="p"/>; 0x80 set on a broken or overlong header.</summary>
    private static int GetObject(ReadOnlySpan<byte> all, ref int p, out long length, out int tag, out int xclass, long max)
    {
        length = 0;
        tag = 0;
        xclass = all[p] & 0xC0;
        var omax = max;
        var start = p;
        var constructed = all[p] & 0x20;
        if ((all[p] & 0x1F) == 0x1F)
        {
            p++;
            if (--max == 0) return 0x80;
            long value = 0;
            while ((all[p] & 0x80) != 0)
            {
                value = (value << 7) | (all[p++] & 0x7FL);
                if (--max == 0 || value > int.MaxValue >> 7) return 0x80;
            }
            value = (value << 7) | (all[p++] & 0x7FL);
            tag = (int)value;
            if (--max == 0) return 0x80;
        }
        else
        {
            tag = all[p] & 0x1F;
            p++;
            if (--max == 0) return 0x80;
        }
        // asn1_get_length()
        var infinite = 0;
        if (max-- < 1) return 0x80;
        if (all[p] == 0x80)
        {
            infinite = 1;
            p++;
        }
        else
        {
            var count = all[p] & 0x7F;
            if ((all[p++] & 0x80) != 0)
            {
                if (max < count + 1) return 0x80;
                while (count > 0 && all[p] == 0) { p++; count--; }
                if (count > 8) return 0x80;
                ulong value = 0;
                for (; count > 0; count--) value = (value << 8) | all[p++];
                if (value > long.MaxValue) return 0x80;
                length = (long)value;
            }
            else length = count;
        }
        if (infinite == 1 && constructed == 0) return 0x80;
        var result = constructed | infinite;
        if (length > omax - (p - start)) result |= 0x80;
        return result;
    }
}
