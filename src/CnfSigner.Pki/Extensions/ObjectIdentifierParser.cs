using System.Numerics;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>
/// Object names in configuration text to OBJECT IDENTIFIERs, with OpenSSL's errors: the names come from the one
/// object table (<see cref="ObjectNames"/>), anything else must be a numeric OID.
/// </summary>
internal static class ObjectIdentifierParser
{
    /// <summary>
    /// OBJ_txt2obj(text, 0): a short name, a long name, else a numeric OID (crypto/asn1/a_object.c
    /// a2d_ASN1_OBJECT()). Throws with OpenSSL's reason when the text is neither.
    /// </summary>
    public static DerObjectIdentifier Parse(string text)
    {
        if (ObjectNames.OidOfName(text) is { } oid) return new DerObjectIdentifier(oid);
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]))
            throw new X509V3Exception("unknown object name");
        return new DerObjectIdentifier(ParseNumeric(text));
    }

    private static string ParseNumeric(string text)
    {
        var first = text[0] - '0';
        if (first > 2) throw new X509V3Exception("first num too large");
        if (text.Length == 1) throw new X509V3Exception("missing second number");
        var arcs = new List<BigInteger> { first };
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] is not ('.' or ' ')) throw new X509V3Exception("invalid separator");
            i++;
            var arc = BigInteger.Zero;
            for (; i < text.Length && text[i] is not ('.' or ' '); i++)
            {
                if (!char.IsAsciiDigit(text[i])) throw new X509V3Exception("invalid digit");
                arc = arc * 10 + (text[i] - '0');
            }
            if (arcs.Count == 1 && first < 2 && arc >= 40) throw new X509V3Exception("second number too large");
            arcs.Add(arc);
        }
        if (arcs.Count < 2) throw new X509V3Exception("missing second number");
        return string.Join('.', arcs);
    }
}
