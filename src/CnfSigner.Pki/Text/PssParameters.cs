using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>
/// RSASSA-PSS-params as rsa_ameth.c ossl_rsa_pss_decode() reads them: SEQUENCE { [0] hashAlgorithm, [1]
/// maskGenAlgorithm, [2] saltLength, [3] trailerField }, each EXPLICIT and OPTIONAL, in that order; the mask
/// generation must be MGF1 with an AlgorithmIdentifier as its parameter (ossl_x509_algor_mgf1_decode). Absent
/// fields are null.
/// </summary>
internal sealed record PssParameters(string? Hash, string? Mask, string? MaskHash, Der? Salt, Der? Trailer)
{
    private const string Mgf1 = "1.2.840.113549.1.1.8";

    /// <summary>The parameters, or null where OpenSSL's decoder fails ("INVALID PSS PARAMETERS").</summary>
    public static PssParameters? Decode(Der parameters)
    {
        try
        {
            if (parameters.Encoded.IsEmpty || !parameters.Is(16)) return null;
            string? hash = null, mask = null, maskHash = null;
            Der? salt = null, trailer = null;
            var last = -1;
            foreach (var part in parameters.Children())
            {
                if (part.Class != Der.ContextSpecific || !part.Constructed || part.Tag <= last || part.Tag > 3) return null;
                last = part.Tag;
                var inner = Der.Parse(part.Content);
                if (inner.Encoded.Length != part.Content.Length) return null;
                switch (part.Tag)
                {
                    case 0: hash = Algorithm(inner).Oid; break;
                    case 1:
                        (mask, var maskParameter) = Algorithm(inner);
                        if (mask != Mgf1 || maskParameter is not { } p || !p.Is(16)) return null;
                        maskHash = Algorithm(p).Oid;
                        break;
                    case 2: CertificateFields.Integer(inner); salt = inner; break;
                    default: CertificateFields.Integer(inner); trailer = inner; break;
                }
            }
            return new PssParameters(hash, mask, maskHash, salt, trailer);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>X509_ALGOR: SEQUENCE { OBJECT IDENTIFIER, ANY OPTIONAL }.</summary>
    private static (string Oid, Der? Parameter) Algorithm(Der value) =>
        value.Is(16) && value.Children() is [{ Tag: 6, Class: Der.Universal, Constructed: false } oid, .. var rest] && rest.Count <= 1
            ? (oid.Oid(), rest.Count == 1 ? rest[0] : null)
            : throw new FormatException("bad AlgorithmIdentifier");
}
