using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/o_str.c OPENSSL_hexstr2buf(): hex digit pairs, ':' allowed between bytes.</summary>
internal static class Hex
{
    public static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length / 2);
        for (var i = 0; i < text.Length;)
        {
            var high = text[i++];
            if (high == ':') continue;
            if (i >= text.Length) throw new X509V3Exception("odd number of digits");
            var low = text[i++];
            if (!char.IsAsciiHexDigit(high) || !char.IsAsciiHexDigit(low)) throw new X509V3Exception("illegal hex digit");
            bytes.Add((byte)(Convert.ToInt32(high.ToString(), 16) << 4 | Convert.ToInt32(low.ToString(), 16)));
        }
        return [.. bytes];
    }
}

/// <summary>crypto/x509/v3_utl.c s2i_ASN1_INTEGER(): decimal, or hex after "0x", optionally negative.</summary>
internal static class Integers
{
    public static BigInteger Parse(string? value)
    {
        if (value is null) throw new X509V3Exception("invalid null value");
        var text = value;
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var hex = text.Length >= 2 && text[0] == '0' && text[1] is 'x' or 'X';
        if (hex) text = text[2..];
        if (text.Length == 0 || !text.All(hex ? char.IsAsciiHexDigit : char.IsAsciiDigit))
            throw new X509V3Exception("bn dec2bn error");
        var number = new BigInteger(text, hex ? 16 : 10);
        return negative ? number.Negate() : number;
    }

    /// <summary>X509V3_get_value_int(): the integer of "name:value", the item named in the error.</summary>
    public static DerInteger FromConf(ConfValue value)
    {
        try { return new DerInteger(Parse(value.Value)); }
        catch (X509V3Exception e) { throw e.AddData($"name={value.Name}, value={value.Value ?? "<NULL>"}"); }
    }
}

/// <summary>crypto/asn1/a_bitstr.c i2c_ASN1_BIT_STRING(): named bits, trailing zero bits dropped.</summary>
internal static class BitStrings
{
    public static DerBitString FromBits(IEnumerable<int> bits)
    {
        var set = bits.ToList();
        if (set.Count == 0) return new DerBitString([], 0);
        var bytes = new byte[set.Max() / 8 + 1];
        foreach (var bit in set) bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        var last = bytes[^1];
        var unused = 0;
        while ((last & (1 << unused)) == 0) unused++;
        return new DerBitString(bytes, unused);
    }
}

/// <summary>crypto/asn1/a_mbstr.c ASN1_mbstring_copy() with a one-type mask, as ASN1_generate_v3 uses it.</summary>
internal static class Strings
{
    public static Asn1Encodable Create(int tag, string value)
    {
        Asn1Encodable? result = tag switch
        {
            18 => value.All(c => char.IsAsciiDigit(c) || c == ' ') ? new DerNumericString(value) : null,
            19 => DerPrintableString.IsPrintableString(value) ? new DerPrintableString(value) : null,
            22 => DerIA5String.IsIA5String(value) ? new DerIA5String(value) : null,
            20 => value.All(c => c < 0x100) ? new DerT61String(Encoding.Latin1.GetBytes(value)) : null,
            30 => new DerBmpString(value),
            28 => new DerUniversalString(Encoding.UTF32.GetBytes(value).Chunk(4).SelectMany(c => c.Reverse()).ToArray()),
            26 => new DerVisibleString(value),
            27 => new DerGeneralString(value),
            _ => new DerUtf8String(value),
        };
        return result ?? throw new X509V3Exception("illegal characters");
    }
}
