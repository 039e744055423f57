using System.Text;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Names;

/// <summary>How the command line or config text is to be read: MBSTRING_ASC (each byte a character) or MBSTRING_UTF8.</summary>
public enum InputCharset
{
    Ascii,
    Utf8,
}

/// <summary>
/// crypto/asn1/a_mbstr.c ASN1_mbstring_ncopy and a_strnid.c ASN1_STRING_set_by_NID: picks the string type for a
/// name attribute value the way OpenSSL does, with its size checks and error words.
/// </summary>
public static class DirectoryStrings
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The config's string_mask (crypto/asn1/a_mbstr.c ASN1_STRING_set_default_mask_asc); null if unknown.</summary>
    public static StringTypes? ParseStringMask(string? value) => value switch
    {
        null => StringTypes.Utf8, // OpenSSL 1.1+ default global mask: utf8only
        "utf8only" => StringTypes.Utf8,
        "nombstr" => StringTypes.All & ~(StringTypes.Bmp | StringTypes.Utf8),
        "pkix" => StringTypes.All & ~StringTypes.T61,
        "default" => StringTypes.All,
        _ when value.StartsWith("MASK:", StringComparison.Ordinal) => ParseMaskNumber(value[5..]),
        _ => null,
    };

    private static StringTypes? ParseMaskNumber(string text)
    {
        text = text.Trim();
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, null, out var n)
            : uint.TryParse(text, out n);
        return ok ? (StringTypes)n : null;
    }

    /// <summary>
    /// Encodes <paramref name="value"/> for attribute <paramref name="type"/>. Text comes to us as .NET strings; with
    /// <see cref="InputCharset.Ascii"/> its UTF-8 bytes are taken one character each, as OpenSSL reads argv and
    /// config bytes under MBSTRING_ASC ("café" becomes "cafÃ©").
    /// </summary>
    public static Asn1Encodable Encode(AttributeType type, string value, InputCharset charset, StringTypes globalMask)
    {
        var codePoints = ToCodePoints(value, charset);
        var mask = type.Mask;
        if (!type.IgnoresGlobalMask) mask &= globalMask;

        // a_mbstr.c: sizes count characters; then the mask is narrowed by every character.
        if (type.MinSize > 0 && codePoints.Length < type.MinSize)
            throw new CnfSignerException($"string too short: minsize={type.MinSize}");
        if (type.MaxSize > 0 && codePoints.Length > type.MaxSize)
            throw new CnfSignerException($"string too long: maxsize={type.MaxSize}");
        foreach (var c in codePoints) mask = Narrow(mask, c);
        if (mask == StringTypes.None) throw new CnfSignerException("illegal characters");

        var text = string.Concat(codePoints.Select(char.ConvertFromUtf32));
        if (mask.HasFlag(StringTypes.Numeric)) return new DerNumericString(text);
        if (mask.HasFlag(StringTypes.Printable)) return new DerPrintableString(text);
        if (mask.HasFlag(StringTypes.Ia5)) return new DerIA5String(text);
        if (mask.HasFlag(StringTypes.T61)) return new DerT61String(Latin1.GetBytes(text));
        if (mask.HasFlag(StringTypes.Bmp)) return new DerBmpString(text);
        if (mask.HasFlag(StringTypes.Universal)) return new DerUniversalString(Encoding.UTF32.GetBytes(text).Chunk(4).SelectMany(b => b.Reverse()).ToArray());
        return new DerUtf8String(text);
    }

    private static int[] ToCodePoints(string value, InputCharset charset)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (charset == InputCharset.Ascii) return bytes.Select(b => (int)b).ToArray();
        var points = new List<int>();
        for (var i = 0; i < value.Length; i++)
        {
            var cp = char.ConvertToUtf32(value, i);
            if (char.IsHighSurrogate(value[i])) i++;
            points.Add(cp);
        }
        return points.ToArray();
    }

    /// <summary>a_mbstr.c type_str(): drop every type that cannot hold character <paramref name="c"/>.</summary>
    private static StringTypes Narrow(StringTypes types, int c)
    {
        if (!(c is >= '0' and <= '9' or ' ')) types &= ~StringTypes.Numeric;
        if (!IsAsn1Printable(c)) types &= ~StringTypes.Printable;
        if (c > 0x7F) types &= ~StringTypes.Ia5;
        if (c > 0xFF) types &= ~StringTypes.T61;
        if (c > 0xFFFF) types &= ~StringTypes.Bmp;
        if (c is > 0x10FFFF or >= 0xD800 and <= 0xDFFF) types &= ~StringTypes.Utf8;
        return types;
    }

    /// <summary>crypto/ctype.c CTYPE_MASK_asn1print: letters, digits, space and '()+,-./:=?</summary>
    private static bool IsAsn1Printable(int c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
          or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?';
}
