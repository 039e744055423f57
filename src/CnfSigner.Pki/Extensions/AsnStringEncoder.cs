using System.Text;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/asn1/a_mbstr.c ASN1_mbstring_copy() with a one-type mask, as ASN1_generate_v3 uses it.</summary>
internal static class AsnStringEncoder
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
