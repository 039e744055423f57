using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_skid.c and v3_akid.c, and apps/lib/apps.c do_X509_sign()'s default key identifiers.</summary>
internal static class KeyIdentifiers
{
    /// <summary>s2i_skey_id(): "none" (an empty placeholder), "hash", or hex bytes.</summary>
    public static Asn1Encodable SubjectKeyIdentifier(string value, ExtensionContext context) => value switch
    {
        "none" => new DerOctetString([]),
        "hash" => new DerOctetString(Hash(context.SubjectPublicKey)),
        _ => new DerOctetString(HexDecoder.Decode(value)),
    };

    /// <summary>ossl_x509_pubkey_hash(): SHA-1 of the subjectPublicKey BIT STRING contents.</summary>
    public static byte[] Hash(SubjectPublicKeyInfo key)
    {
        var data = key.PublicKey.GetOctets();
        var sha1 = new Sha1Digest();
        sha1.BlockUpdate(data, 0, data.Length);
        var digest = new byte[sha1.GetDigestSize()];
        sha1.DoFinal(digest, 0);
        return digest;
    }

    /// <summary>
    /// v2i_AUTHORITY_KEYID(): "keyid[:always]" and "issuer[:always]". A self-signed certificate gets neither unless
    /// forced; keyid comes from the issuer's subjectKeyIdentifier (the own key's hash when self-signed); issuer and
    /// serial are used when forced or when there is no keyid.
    /// </summary>
    public static Asn1Encodable AuthorityKeyIdentifier(List<ConfValue> values, ExtensionContext context)
    {
        if (values.Count == 1 && values[0].Name == "none") return new DerSequence();
        int keyid = 0, issuer = 0;
        foreach (var v in values)
        {
            if (v.Name == "keyid") keyid = v.Value == "always" ? 2 : 1;
            else if (v.Name == "issuer") issuer = v.Value == "always" ? 2 : 1;
            else throw new X509V3Exception("unknown option", $"name={v.Name}");
        }
        if (context.ForRequest) throw new X509V3Exception("no issuer certificate");
        var selfSigned = context.SelfSigned;
        byte[]? id = null;
        if (keyid == 2 || (keyid == 1 && !selfSigned))
        {
            id = context.IssuerCertificate is null ? Hash(context.IssuerPublicKey ?? context.SubjectPublicKey) : IssuerKeyId(context);
            if (keyid == 2 && id is null) throw new X509V3Exception("unable to get issuer keyid");
        }
        var seq = new Asn1EncodableVector();
        if (id is not null) seq.Add(new DerTaggedObject(false, 0, new DerOctetString(id)));
        if (issuer == 2 || (issuer == 1 && id is null && !selfSigned)) AddIssuerAndSerial(seq, context);
        return new DerSequence(seq);
    }

    // A CA certificate's subjectKeyIdentifier; an empty one ("none") counts as absent.
    private static byte[]? IssuerKeyId(ExtensionContext context)
    {
        var ext = context.IssuerCertificate!.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        if (ext is null) return null;
        try
        {
            var id = Asn1OctetString.GetInstance(ext.GetOctets()).GetOctets();
            return id.Length == 0 ? null : id;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            return null;
        }
    }

    // The issuer certificate's own issuer name (copied as encoded) and serial number.
    private static void AddIssuerAndSerial(Asn1EncodableVector seq, ExtensionContext context)
    {
        X509Name name;
        DerInteger serial;
        if (context.IssuerCertificate is { } ca)
        {
            name = ca.CertificateStructure.Issuer;
            serial = ca.CertificateStructure.SerialNumber;
        }
        else
        {
            name = context.Subject;
            serial = new DerInteger(context.SerialNumber
                ?? throw new X509V3Exception("unable to get issuer details"));
        }
        seq.Add(new DerTaggedObject(false, 1, new DerSequence(GeneralNamesEncoder.Tagged(4, name))));
        seq.Add(new DerTaggedObject(false, 2, serial));
    }
}
