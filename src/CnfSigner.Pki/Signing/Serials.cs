using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Signing;

public static class Serials
{
    /// <summary>crypto/x509/v3_utl.c s2i_ASN1_INTEGER: decimal, or hex after 0x, with an optional leading '-'.</summary>
    public static BigInteger Parse(string text, string app)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var hex = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) body = body[2..];
        var valid = body.Length > 0 && body.All(c => hex ? char.IsAsciiHexDigit(c) : char.IsAsciiDigit(c));
        if (!valid) throw new CnfSignerException($"{app}: Use -help for summary.");
        var value = new BigInteger(body, hex ? 16 : 10);
        return negative ? value.Negate() : value;
    }
}
