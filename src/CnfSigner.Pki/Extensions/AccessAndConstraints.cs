using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>authorityInfoAccess / subjectInfoAccess (crypto/x509/v3_info.c) and nameConstraints
/// (crypto/x509/v3_ncons.c).</summary>
internal static class AccessAndConstraints
{
    /// <summary>v2i_AUTHORITY_INFO_ACCESS(): items "method;TYPE:location"; the location is parsed first.</summary>
    public static Asn1Encodable InfoAccess(List<ConfValue> values, BuildState state)
    {
        var descriptions = new Asn1EncodableVector();
        foreach (var v in values)
        {
            var semicolon = v.Name.IndexOf(';');
            if (semicolon < 0) throw new X509V3Exception("invalid syntax");
            var location = GeneralNamesEncoder.FromConf(new ConfValue(v.Name[(semicolon + 1)..], v.Value), state);
            var methodText = v.Name[..semicolon];
            DerObjectIdentifier method;
            try { method = ObjectIdentifierParser.Parse(methodText); }
            catch (X509V3Exception e) { throw e.Push("bad object", $"value={methodText}"); }
            descriptions.Add(new DerSequence(method, location));
        }
        return new DerSequence(descriptions);
    }

    /// <summary>v2i_NAME_CONSTRAINTS(): "permitted?TYPE:value" / "excluded?TYPE:value" (any one separator
    /// character); IP values carry a mask ("10.0.0.0/255.0.0.0").</summary>
    public static Asn1Encodable NameConstraints(List<ConfValue> values, BuildState state)
    {
        var permitted = new Asn1EncodableVector();
        var excluded = new Asn1EncodableVector();
        foreach (var v in values)
        {
            Asn1EncodableVector tree;
            string type;
            if (v.Name.StartsWith("permitted", StringComparison.Ordinal) && v.Name.Length > 9)
                (tree, type) = (permitted, v.Name[10..]);
            else if (v.Name.StartsWith("excluded", StringComparison.Ordinal) && v.Name.Length > 8)
                (tree, type) = (excluded, v.Name[9..]);
            else
                throw new X509V3Exception("invalid syntax");
            tree.Add(new DerSequence(GeneralNamesEncoder.FromConf(new ConfValue(type, v.Value), state, nameConstraint: true)));
        }
        var seq = new Asn1EncodableVector();
        if (permitted.Count > 0) seq.Add(new DerTaggedObject(false, 0, new DerSequence(permitted)));
        if (excluded.Count > 0) seq.Add(new DerTaggedObject(false, 1, new DerSequence(excluded)));
        return new DerSequence(seq);
    }
}
