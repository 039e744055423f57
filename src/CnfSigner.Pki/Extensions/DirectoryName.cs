using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Extensions;

/// <summary>
/// crypto/x509/v3_utl.c X509V3_NAME_from_section(): a DN from a config section (dirName:, relativename), each
/// value added with MBSTRING_ASC under the default "utf8only" string mask.
/// </summary>
internal static class DirectoryName
{
    private enum StringKind { Utf8, Printable, Ia5 }

    // crypto/asn1/a_strnid.c tbl_standard: (min, max, type) for the attributes with limits or fixed types; every
    // other attribute is a DirectoryString, which the utf8only mask turns into UTF8String.
    private static readonly Dictionary<string, (int Min, int Max, StringKind Kind)> Limits = new()
    {
        ["2.5.4.3"] = (1, 64, StringKind.Utf8), // commonName
        ["2.5.4.6"] = (2, 2, StringKind.Printable), // countryName
        ["2.5.4.7"] = (1, 128, StringKind.Utf8), // localityName
        ["2.5.4.8"] = (1, 128, StringKind.Utf8), // stateOrProvinceName
        ["2.5.4.10"] = (1, 64, StringKind.Utf8), // organizationName
        ["2.5.4.11"] = (1, 64, StringKind.Utf8), // organizationalUnitName
        ["2.5.4.12"] = (1, 64, StringKind.Utf8), // title
        ["2.5.4.5"] = (1, 64, StringKind.Printable), // serialNumber
        ["2.5.4.46"] = (-1, -1, StringKind.Printable), // dnQualifier
        ["2.5.4.41"] = (1, 32768, StringKind.Utf8), // name
        ["2.5.4.42"] = (1, 32768, StringKind.Utf8), // givenName
        ["2.5.4.4"] = (1, 32768, StringKind.Utf8), // surname
        ["2.5.4.43"] = (1, 32768, StringKind.Utf8), // initials
        ["1.2.840.113549.1.9.1"] = (1, 128, StringKind.Ia5), // emailAddress
        ["1.2.840.113549.1.9.2"] = (1, -1, StringKind.Utf8), // unstructuredName
        ["1.2.840.113549.1.9.7"] = (1, -1, StringKind.Utf8), // challengePassword
        ["1.2.840.113549.1.9.8"] = (1, -1, StringKind.Utf8), // unstructuredAddress
        ["0.9.2342.19200300.100.1.25"] = (1, -1, StringKind.Ia5), // domainComponent
        ["1.3.6.1.4.1.311.60.2.1.3"] = (2, 2, StringKind.Printable), // jurisdictionCountryName
    };

    /// <summary>The Name (SEQUENCE OF RDN) of a section.</summary>
    public static X509Name FromSection(IEnumerable<ConfValue> section) =>
        X509Name.GetInstance(new DerSequence(Rdns(section).Select(r => (Asn1Encodable)new DerSet(r.ToArray())).ToArray()));

    /// <summary>The section's attributes grouped into RDNs: a type written "+X" joins the previous RDN.</summary>
    public static List<Asn1EncodableVector> Rdns(IEnumerable<ConfValue> section)
    {
        var rdns = new List<Asn1EncodableVector>();
        foreach (var value in section)
        {
            var type = TypeName(value.Name, out var joinPrevious);
            var attribute = Attribute(type, value.Value ?? "");
            if (joinPrevious && rdns.Count > 0) rdns[^1].Add(attribute);
            else rdns.Add(new Asn1EncodableVector(attribute));
        }
        return rdns;
    }

    // Skip a leading "X." / "X:" / "X," so one type can appear several times; then "+" means multi-valued RDN.
    private static string TypeName(string name, out bool joinPrevious)
    {
        var type = name;
        var cut = name.IndexOfAny([':', ',', '.']);
        if (cut >= 0 && cut + 1 < name.Length) type = name[(cut + 1)..];
        joinPrevious = type.StartsWith('+');
        return joinPrevious ? type[1..] : type;
    }

    private static DerSequence Attribute(string type, string value)
    {
        DerObjectIdentifier oid;
        try
        {
            oid = ObjectIdentifierParser.Parse(type);
        }
        catch (X509V3Exception e)
        {
            // crypto/x509/x509name.c X509_NAME_ENTRY_create_by_txt()
            throw e.Push("invalid field name", $"name={type}");
        }
        return new DerSequence(oid, StringValue(oid.Id, value));
    }

    // crypto/asn1/a_mbstr.c ASN1_mbstring_ncopy(): length limits first (in characters), then the string type.
    private static Asn1Encodable StringValue(string oid, string value)
    {
        var (min, max, kind) = Limits.TryGetValue(oid, out var l) ? l : (-1, -1, StringKind.Utf8);
        if (min > 0 && value.Length < min) throw new X509V3Exception("string too short", $"minsize={min}");
        if (max > 0 && value.Length > max) throw new X509V3Exception("string too long", $"maxsize={max}");
        return kind switch
        {
            StringKind.Printable when DerPrintableString.IsPrintableString(value) => new DerPrintableString(value),
            StringKind.Ia5 when DerIA5String.IsIA5String(value) => new DerIA5String(value),
            StringKind.Utf8 => new DerUtf8String(value),
            _ => throw new X509V3Exception("illegal characters"),
        };
    }
}
