using System.Globalization;
using System.Numerics;
using System.Text;

namespace CnfSigner.Pki.Text;

/// <summary>ASN.1 INTEGER contents to text, in the forms OpenSSL's dumps and i2s methods print.</summary>
internal static class IntegerPrinter
{
    /// <summary>(negative, magnitude) of an INTEGER's two's-complement content, as OpenSSL's ASN1_INTEGER holds it.</summary>
    public static (bool Negative, byte[] Magnitude) Magnitude(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) return (false, []);
        var value = new BigInteger(content, isUnsigned: false, isBigEndian: true);
        var magnitude = BigInteger.Abs(value).ToByteArray(isUnsigned: true, isBigEndian: true);
        return (value.Sign < 0, magnitude.Length == 0 ? [0] : magnitude);
    }

    /// <summary>crypto/asn1/a_int.c... f_int.c i2a_ASN1_INTEGER(): upper-case hex, "\\\n" every 35 bytes.</summary>
    public static string Hex(ReadOnlySpan<byte> content)
    {
        var (negative, magnitude) = Magnitude(content);
        var text = new StringBuilder(negative ? "-" : "");
        if (magnitude.Length == 0) return text.Append("00").ToString();
        HexPrinter.I2a(text, magnitude);
        return text.ToString();
    }

    /// <summary>crypto/x509/v3_utl.c i2s_ASN1_INTEGER(): decimal below 128 bits, else "0x" and upper-case hex.</summary>
    public static string ToText(ReadOnlySpan<byte> content)
    {
        var (negative, magnitude) = Magnitude(content);
        var value = new BigInteger(magnitude, isUnsigned: true, isBigEndian: true);
        var sign = negative && !value.IsZero ? "-" : "";
        if (value.GetBitLength() < 128) return sign + value.ToString(CultureInfo.InvariantCulture);
        // BN_bn2hex: whole bytes, leading zero bytes dropped.
        var hex = new StringBuilder();
        foreach (var b in magnitude) hex.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        return sign + "0x" + hex;
    }

    /// <summary>crypto/x509/t_x509.c ossl_serial_number_print(): one line when it fits in int64, else a hex line.</summary>
    public static string Serial(ReadOnlySpan<byte> content, int indent)
    {
        if (content.Length == 0) return " (Empty)";
        var (negative, magnitude) = Magnitude(content);
        var value = new BigInteger(magnitude, isUnsigned: true, isBigEndian: true);
        var limit = negative ? BigInteger.One << 63 : long.MaxValue;
        var neg = negative ? "-" : "";
        if (value <= limit) return $" {neg}{value} ({neg}0x{value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0')})";
        var text = new StringBuilder("\n").Append(' ', indent).Append(negative ? " (Negative)" : "");
        for (var i = 0; i < magnitude.Length; i++)
        {
            text.Append(magnitude[i].ToString("x2", CultureInfo.InvariantCulture));
            if (i < magnitude.Length - 1) text.Append(':');
        }
        return text.ToString();
    }
}
