using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>The small extensions: basicConstraints, keyUsage, nsCertType, extendedKeyUsage, the Netscape IA5
/// strings, inhibitAnyPolicy, policyConstraints.</summary>
internal static class BasicEncoders
{
    // crypto/x509/v3_bitst.c key_usage_type_table (3.0 has no contentCommitment alias): (bit, long, short).
    private static readonly (int Bit, string Long, string Short)[] KeyUsageBits =
    [
        (0, "Digital Signature", "digitalSignature"), (1, "Non Repudiation", "nonRepudiation"),
        (2, "Key Encipherment", "keyEncipherment"), (3, "Data Encipherment", "dataEncipherment"),
        (4, "Key Agreement", "keyAgreement"), (5, "Certificate Sign", "keyCertSign"), (6, "CRL Sign", "cRLSign"),
        (7, "Encipher Only", "encipherOnly"), (8, "Decipher Only", "decipherOnly"),
    ];

    // v3_bitst.c ns_cert_type_table
    private static readonly (int Bit, string Long, string Short)[] NsCertTypeBits =
    [
        (0, "SSL Client", "client"), (1, "SSL Server", "server"), (2, "S/MIME", "email"),
        (3, "Object Signing", "objsign"), (4, "Unused", "reserved"), (5, "SSL CA", "sslCA"),
        (6, "S/MIME CA", "emailCA"), (7, "Object Signing CA", "objCA"),
    ];

    public static Asn1Encodable KeyUsage(List<ConfValue> values) => NamedBits(values, KeyUsageBits);

    public static Asn1Encodable NsCertType(List<ConfValue> values) => NamedBits(values, NsCertTypeBits);

    // v2i_ASN1_BIT_STRING(): item names (not values) matched case-sensitively against short and long names.
    private static DerBitString NamedBits(List<ConfValue> values, (int Bit, string Long, string Short)[] table) =>
        BitStringEncoder.FromBits(values.Select(v =>
            table.FirstOrDefault(t => t.Short == v.Name || t.Long == v.Name) is { Long: not null } hit
                ? hit.Bit
                : throw new X509V3Exception("unknown bit string argument", v.Name)).ToList());

    /// <summary>crypto/x509/v3_bcons.c v2i_BASIC_CONSTRAINTS(): CA defaults to FALSE and is then omitted.</summary>
    public static Asn1Encodable BasicConstraints(List<ConfValue> values)
    {
        var ca = false;
        DerInteger? pathLen = null;
        foreach (var v in values)
        {
            if (v.Name == "CA") ca = Bool(v);
            else if (v.Name == "pathlen") pathLen = IntegerEncoder.FromConf(v);
            else throw X509V3Exception.WithNameValue("invalid name", v);
        }
        var seq = new Asn1EncodableVector();
        if (ca) seq.Add(DerBoolean.True);
        seq.AddOptional(pathLen);
        return new DerSequence(seq);
    }

    /// <summary>crypto/x509/v3_utl.c X509V3_get_value_bool().</summary>
    private static bool Bool(ConfValue v) => v.Value switch
    {
        "TRUE" or "true" or "Y" or "y" or "YES" or "yes" => true,
        "FALSE" or "false" or "N" or "n" or "NO" or "no" => false,
        _ => throw X509V3Exception.WithNameValue("invalid boolean string", v),
    };

    /// <summary>crypto/x509/v3_extku.c v2i_EXTENDED_KEY_USAGE(): an item's value, if any, is the purpose.</summary>
    public static Asn1Encodable ExtendedKeyUsage(List<ConfValue> values) =>
        new DerSequence(values.Select(v =>
        {
            var text = v.Value ?? v.Name;
            try { return (Asn1Encodable)ObjectIdentifierParser.Parse(text); }
            catch (X509V3Exception e) { throw e.Push("invalid object identifier", text); }
        }).ToArray());

    /// <summary>crypto/x509/v3_ia5.c s2i_ASN1_IA5STRING(): the whole value, not a list.</summary>
    public static Asn1Encodable Ia5(string value) => new DerIA5String(value);

    /// <summary>crypto/x509/v3_int.c (inhibitAnyPolicy): s2i_ASN1_INTEGER.</summary>
    public static Asn1Encodable Integer(string value) => new DerInteger(IntegerEncoder.Parse(value));

    /// <summary>crypto/x509/v3_pcons.c v2i_POLICY_CONSTRAINTS().</summary>
    public static Asn1Encodable PolicyConstraints(List<ConfValue> values)
    {
        DerInteger? require = null, inhibit = null;
        foreach (var v in values)
        {
            if (v.Name == "requireExplicitPolicy") require = IntegerEncoder.FromConf(v);
            else if (v.Name == "inhibitPolicyMapping") inhibit = IntegerEncoder.FromConf(v);
            else throw new X509V3Exception("invalid name", v.Name);
        }
        if (require is null && inhibit is null) throw new X509V3Exception("illegal empty extension");
        var seq = new Asn1EncodableVector();
        if (require is not null) seq.Add(new DerTaggedObject(false, 0, require));
        if (inhibit is not null) seq.Add(new DerTaggedObject(false, 1, inhibit));
        return new DerSequence(seq);
    }
}
