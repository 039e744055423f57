using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_utl.c s2i_ASN1_INTEGER(): decimal, or hex after "0x", optionally negative.</summary>
internal static class IntegerEncoder
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
