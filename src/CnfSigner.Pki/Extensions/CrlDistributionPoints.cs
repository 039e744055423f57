using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_crld.c v2i_crld() (crlDistributionPoints and freshestCRL).</summary>
internal static class CrlDistributionPoints
{
    // v3_crld.c reason_flags, matched by short name only.
    private static readonly string[] Reasons =
    [
        "unused", "keyCompromise", "CACompromise", "affiliationChanged", "superseded", "cessationOfOperation",
        "certificateHold", "privilegeWithdrawn", "AACompromise",
    ];

    /// <summary>An item with a value is one general name (a point with that full name); an item without one
    /// names a section describing a point (fullname, relativename, reasons, CRLissuer).</summary>
    public static Asn1Encodable Encode(List<ConfValue> values, BuildState state)
    {
        var points = new Asn1EncodableVector();
        foreach (var v in values)
        {
            if (v.Value is null)
            {
                // A missing section raises nothing of its own: only "error in extension" is printed.
                var section = state.Section(v.Name) ?? throw X509V3Exception.Unreported();
                points.Add(FromSection(section, state));
            }
            else
            {
                var fullName = new DerSequence(GeneralNamesEncoder.FromConf(v, state));
                points.Add(new DerSequence(new DerTaggedObject(true, 0, new DerTaggedObject(false, 0, fullName))));
            }
        }
        return new DerSequence(points);
    }

    // crldp_from_section(): unknown names are ignored, as in OpenSSL.
    private static DerSequence FromSection(List<ConfValue> section, BuildState state)
    {
        Asn1Encodable? name = null, reasons = null, issuer = null;
        foreach (var v in section)
        {
            if (DistPointName(v, state) is { } dpn)
                name = name is null ? dpn : throw new X509V3Exception("distpoint already set");
            else if (v.Name == "reasons")
                reasons = reasons is null ? ReasonFlags(v.Value!) : throw X509V3Exception.Unreported();
            else if (v.Name == "CRLissuer")
                issuer = new DerSequence(NamesFromSectionOrList(v.Value!, state).ToArray());
        }
        var seq = new Asn1EncodableVector();
        if (name is not null) seq.Add(new DerTaggedObject(true, 0, name));
        if (reasons is not null) seq.Add(new DerTaggedObject(false, 1, reasons));
        if (issuer is not null) seq.Add(new DerTaggedObject(false, 2, issuer));
        return new DerSequence(seq);
    }

    // set_dist_point_name(): fullname (prefix match) or relativename (exact); null for any other item.
    private static Asn1Encodable? DistPointName(ConfValue v, BuildState state)
    {
        if (v.Name.StartsWith("fullname", StringComparison.Ordinal))
            return new DerTaggedObject(false, 0, new DerSequence(NamesFromSectionOrList(v.Value!, state).ToArray()));
        if (v.Name != "relativename") return null;
        var section = state.Section(v.Value!) ?? throw new X509V3Exception("section not found");
        var rdns = DirectoryName.Rdns(section);
        if (rdns.Count == 0) throw X509V3Exception.Unreported();
        if (rdns.Count > 1) throw new X509V3Exception("invalid multiple rdns");
        return new DerTaggedObject(false, 1, new DerSet(rdns[0]));
    }

    // gnames_from_sectname(): "@section" or an inline list.
    private static List<Asn1Encodable> NamesFromSectionOrList(string value, BuildState state)
    {
        var items = value.StartsWith('@') ? state.Section(value[1..]) : ValueList.Parse(value);
        return GeneralNamesEncoder.List(items ?? throw new X509V3Exception("section not found"), state);
    }

    // set_reasons(): an unknown reason fails without an error of its own.
    private static DerBitString ReasonFlags(string value) =>
        BitStringEncoder.FromBits(ValueList.Parse(value).Select(r => Array.IndexOf(Reasons, r.Name) is var bit and >= 0
            ? bit
            : throw X509V3Exception.Unreported()).ToList());
}
