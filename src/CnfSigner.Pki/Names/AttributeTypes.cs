using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Names;

/// <summary>
/// One distinguished-name attribute type: OpenSSL's short and long names (crypto/objects/objects.txt) and the
/// string rules of crypto/asn1/a_strnid.c tbl_standard (size limits, allowed string types, STABLE_NO_MASK).
/// </summary>
public sealed record AttributeType(string ShortName, string LongName, string Oid,
    int MinSize = -1, int MaxSize = -1, StringTypes Mask = StringTypes.DirectoryString, bool IgnoresGlobalMask = false)
{
    public DerObjectIdentifier Identifier { get; } = new(Oid);
}

/// <summary>ASN.1 string types as OpenSSL's B_ASN1_* bits.</summary>
[Flags]
public enum StringTypes : uint
{
    None = 0,
    Numeric = 0x0001,
    Printable = 0x0002,
    T61 = 0x0004,
    Ia5 = 0x0010,
    Universal = 0x0100,
    Bmp = 0x0800,
    Utf8 = 0x2000,
    /// <summary>DIRSTRING_TYPE</summary>
    DirectoryString = Printable | T61 | Bmp | Utf8,
    /// <summary>PKCS9STRING_TYPE</summary>
    Pkcs9String = DirectoryString | Ia5,
    All = 0xFFFFFFFF,
}

public static class AttributeTypes
{
    // ub_* upper bounds from include/openssl/asn1.h.
    private const int UbName = 32768, UbCommonName = 64, UbLocality = 128, UbState = 128, UbOrganization = 64,
        UbOrganizationUnit = 64, UbEmail = 128, UbSerialNumber = 64, UbTitle = 64,
        UbRfc822Mailbox = 256;

    public static readonly IReadOnlyList<AttributeType> All =
    [
        new("CN", "commonName", "2.5.4.3", 1, UbCommonName),
        new("SN", "surname", "2.5.4.4", 1, UbName),
        new("serialNumber", "serialNumber", "2.5.4.5", 1, UbSerialNumber, StringTypes.Printable, true),
        new("C", "countryName", "2.5.4.6", 2, 2, StringTypes.Printable, true),
        new("L", "localityName", "2.5.4.7", 1, UbLocality),
        new("ST", "stateOrProvinceName", "2.5.4.8", 1, UbState),
        new("street", "streetAddress", "2.5.4.9"),
        new("O", "organizationName", "2.5.4.10", 1, UbOrganization),
        new("OU", "organizationalUnitName", "2.5.4.11", 1, UbOrganizationUnit),
        new("title", "title", "2.5.4.12"),
        new("description", "description", "2.5.4.13"),
        new("searchGuide", "searchGuide", "2.5.4.14"),
        new("businessCategory", "businessCategory", "2.5.4.15"),
        new("postalAddress", "postalAddress", "2.5.4.16"),
        new("postalCode", "postalCode", "2.5.4.17"),
        new("postOfficeBox", "postOfficeBox", "2.5.4.18"),
        new("telephoneNumber", "telephoneNumber", "2.5.4.20"),
        new("name", "name", "2.5.4.41", 1, UbName),
        new("GN", "givenName", "2.5.4.42", 1, UbName),
        new("initials", "initials", "2.5.4.43", 1, UbName),
        new("generationQualifier", "generationQualifier", "2.5.4.44"),
        new("x500UniqueIdentifier", "x500UniqueIdentifier", "2.5.4.45"),
        new("dnQualifier", "dnQualifier", "2.5.4.46", -1, -1, StringTypes.Printable, true),
        new("pseudonym", "pseudonym", "2.5.4.65"),
        new("role", "role", "2.5.4.72"),
        new("organizationIdentifier", "organizationIdentifier", "2.5.4.97"),
        new("emailAddress", "emailAddress", "1.2.840.113549.1.9.1", 1, UbEmail, StringTypes.Ia5, true),
        new("unstructuredName", "unstructuredName", "1.2.840.113549.1.9.2", 1, -1, StringTypes.Pkcs9String),
        new("unstructuredAddress", "unstructuredAddress", "1.2.840.113549.1.9.8", 1, -1),
        new("challengePassword", "challengePassword", "1.2.840.113549.1.9.7", 1, -1, StringTypes.Pkcs9String),
        new("DC", "domainComponent", "0.9.2342.19200300.100.1.25", 1, -1, StringTypes.Ia5, true),
        new("UID", "userId", "0.9.2342.19200300.100.1.1"),
        new("mail", "rfc822Mailbox", "0.9.2342.19200300.100.1.3", 1, UbRfc822Mailbox, StringTypes.Ia5, true),
        new("jurisdictionL", "jurisdictionLocalityName", "1.3.6.1.4.1.311.60.2.1.1"),
        new("jurisdictionST", "jurisdictionStateOrProvinceName", "1.3.6.1.4.1.311.60.2.1.2"),
        new("jurisdictionC", "jurisdictionCountryName", "1.3.6.1.4.1.311.60.2.1.3", 2, 2, StringTypes.Printable, true),
    ];

    private static readonly Dictionary<string, AttributeType> ByName = BuildNameIndex();
    private static readonly Dictionary<string, AttributeType> ByOid = All.ToDictionary(a => a.Oid, StringComparer.Ordinal);

    private static Dictionary<string, AttributeType> BuildNameIndex()
    {
        var index = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
        foreach (var a in All)
        {
            index.TryAdd(a.ShortName, a);
            index.TryAdd(a.LongName, a);
        }
        return index;
    }

    /// <summary>
    /// OBJ_txt2nid as X509_NAME_ENTRY_create_by_txt uses it: a short or long name (case-sensitive), else a dotted
    /// OID. A dotted OID without a known name gets the default directory-string rules.
    /// </summary>
    public static AttributeType? Find(string text)
    {
        if (ByName.TryGetValue(text, out var known)) return known;
        if (!IsDottedOid(text)) return null;
        return ByOid.TryGetValue(text, out known) ? known : new AttributeType(text, text, text);
    }

    public static AttributeType? FindByOid(string oid) => ByOid.GetValueOrDefault(oid);

    private static bool IsDottedOid(string text)
    {
        if (text.Length == 0 || !char.IsAsciiDigit(text[0])) return false;
        try
        {
            _ = new DerObjectIdentifier(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
