using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>
/// How OpenSSL prints one extension kind: an i2s string, an i2v list (one line, or one item a line when
/// <see cref="Multiline"/>), or an i2r free-form printer (crypto/x509/v3_*.c X509V3_EXT_METHOD). An i2v that
/// returns NULL for an empty list (<see cref="NullWhenEmpty"/>) makes X509V3_EXT_print() fail, and the caller
/// prints the raw value; the others print "&lt;EMPTY&gt;". An i2s that returns NULL (<see cref="ToText"/> gives
/// null) does the same.
/// </summary>
internal sealed record ExtensionValuePrinter(
    Func<Der, string?>? ToText = null,
    Func<Der, List<NameValue>>? ToList = null,
    bool Multiline = false,
    Action<Der, StringBuilder, int>? Print = null,
    bool NullWhenEmpty = false);

/// <summary>
/// The extension kinds OpenSSL 3.0 knows how to print (crypto/x509/standard_exts.h), by OID. Anything else
/// is an unknown extension and prints as raw bytes (or per -certopt ext_*).
/// </summary>
internal static class ExtensionValuePrinters
{
    private static readonly string[] KeyUsageBits =
    [
        "Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment", "Key Agreement",
        "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only",
    ];

    private static readonly string[] NetscapeCertTypeBits =
        ["SSL Client", "SSL Server", "S/MIME", "Object Signing", "Unused", "SSL CA", "S/MIME CA", "Object Signing CA"];

    public static readonly Dictionary<string, ExtensionValuePrinter> Table = new(StringComparer.Ordinal)
    {
        ["2.5.29.19"] = new(ToList: BasicConstraints),                         // v3_bcons.c
        ["2.5.29.15"] = new(ToList: v => Bits(v, KeyUsageBits), NullWhenEmpty: true),               // v3_bitst.c
        ["2.16.840.1.113730.1.1"] = new(ToList: v => Bits(v, NetscapeCertTypeBits), NullWhenEmpty: true),
        ["2.5.29.37"] = new(ToList: ExtendedKeyUsage, NullWhenEmpty: true),                         // v3_extku.c
        ["2.5.29.14"] = new(ToText: v => HexPrinter.ColonUpper(Expect(v, 4).Bytes)),  // v3_skid.c
        ["2.5.29.35"] = new(ToList: AuthorityKeyId, Multiline: true, NullWhenEmpty: true),          // v3_akid.c
        ["2.5.29.17"] = new(ToList: GeneralNamePrinter.ToList),                      // v3_san.c
        ["2.5.29.18"] = new(ToList: GeneralNamePrinter.ToList),
        ["2.5.29.29"] = new(ToList: GeneralNamePrinter.ToList),
        ["1.3.6.1.5.5.7.1.1"] = new(ToList: InfoAccess, Multiline: true),     // v3_info.c
        ["1.3.6.1.5.5.7.1.11"] = new(ToList: InfoAccess, Multiline: true),
        ["2.5.29.20"] = new(ToText: v => IntegerPrinter.ToText(Expect(v, 2).Bytes)), // v3_int.c crlNumber
        ["2.5.29.27"] = new(ToText: v => IntegerPrinter.ToText(Expect(v, 2).Bytes)), // deltaCRL
        ["2.5.29.54"] = new(ToText: v => IntegerPrinter.ToText(Expect(v, 2).Bytes)), // inhibitAnyPolicy
        ["2.5.29.21"] = new(ToText: CrlReason),                                // v3_enum.c
        ["2.5.29.24"] = new(Print: (v, o, i) => o.Append(' ', i).Append(AsnTime.Print(Expect(v, 24)))), // invalidityDate
        ["2.5.29.36"] = new(ToList: PolicyConstraints, NullWhenEmpty: true),                        // v3_pcons.c
        ["1.3.6.1.5.5.7.48.1.5"] = new(Print: (_, _, _) => { }),             // OCSP No Check
        ["1.3.6.1.5.5.7.48.1.2"] = new(Print: (v, o, i) => HexPrinter.I2a(o.Append(' ', i), v.Encoded.Span)), // v3_ocsp.c i2r_ocsp_nonce
        ["1.3.6.1.4.1.11129.2.4.3"] = new(ToText: v => Expect(v, 5).Bytes.Length == 0 ? "NULL" : throw new FormatException("bad NULL")), // ct_x509v3.c i2s_poison
        ["2.5.29.33"] = new(ToList: PolicyMappings, NullWhenEmpty: true),                           // v3_pmaps.c
        ["2.5.29.16"] = new(Print: PrivateKeyUsagePeriod),                     // v3_pku.c
        ["1.3.6.1.4.1.11129.2.4.2"] = new(Print: SctPrinter.Print),            // ct_x509v3.c i2r_SCT_LIST
        ["1.3.6.1.4.1.11129.2.4.5"] = new(Print: SctPrinter.Print),            // ct_x509v3.c i2r_SCT_LIST
        ["2.5.29.32"] = new(Print: PolicyPrinters.CertificatePolicies),        // v3_cpols.c
        ["2.5.29.31"] = new(Print: PolicyPrinters.DistributionPoints),         // v3_crld.c
        ["2.5.29.46"] = new(Print: PolicyPrinters.DistributionPoints),         // freshestCRL
        ["2.5.29.28"] = new(Print: PolicyPrinters.IssuingDistributionPoint),
        ["2.5.29.30"] = new(Print: PolicyPrinters.NameConstraints),            // v3_ncons.c
        ["2.5.29.23"] = new(ToText: v => ObjectNames.Text(Expect(v, 6).Oid())),   // v3_crld.c i2r_object (hold instruction)
        ["1.3.6.1.5.5.7.1.14"] = new(Print: ProxyCertInfo),                    // v3_pci.c
        ["1.3.6.1.5.5.7.1.24"] = new(ToList: TlsFeature, NullWhenEmpty: true),  // v3_tlsf.c
        ["1.2.643.100.111"] = new(ToText: v => I2sString(v, 12)),              // v3_utf8.c subjectSignTool
        ["1.2.643.100.112"] = new(Print: IssuerSignTool),                      // v3_ist.c
        // v3_ia5.c: the Netscape string extensions print their IA5String as-is.
        ["2.16.840.1.113730.1.2"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.3"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.4"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.7"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.8"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.12"] = new(ToText: Ia5),
        ["2.16.840.1.113730.1.13"] = new(ToText: Ia5),
    };

    private static Der Expect(Der value, int tag) =>
        value.Is(tag) ? value : throw new FormatException($"expected tag {tag}");

    private static string? Ia5(Der value) => I2sString(value, 22);

    /// <summary>
    /// i2s_ASN1_IA5STRING() and i2s_ASN1_UTF8STRING(): the string as a C string (up to a NUL byte); NULL, so the
    /// raw value is printed, when it is empty.
    /// </summary>
    private static string? I2sString(Der value, int tag)
    {
        var bytes = Expect(value, tag).Bytes;
        if (bytes.Length == 0) return null;
        var nul = bytes.IndexOf((byte)0);
        return TextDump.RawBytes(nul < 0 ? bytes : bytes[..nul]);
    }

    /// <summary>BIO_printf("%.*s") of a string: its bytes up to a NUL byte.</summary>
    private static string CString(ReadOnlySpan<byte> bytes) => TextDump.RawBytes(bytes.IndexOf((byte)0) is var nul and >= 0 ? bytes[..nul] : bytes);

    /// <summary>
    /// v3_pci.c i2r_pci(): SEQUENCE { pcPathLengthConstraint INTEGER OPTIONAL, proxyPolicy SEQUENCE {
    /// policyLanguage OBJECT IDENTIFIER, policy OCTET STRING OPTIONAL } }.
    /// </summary>
    private static void ProxyCertInfo(Der value, StringBuilder output, int indent)
    {
        var parts = Expect(value, 16).Children();
        Der? pathLength = parts.Count == 2 ? parts[0] : null;
        if (parts.Count is not (1 or 2)) throw new FormatException("bad ProxyCertInfo");
        if (pathLength is { } n) CertificateFields.Integer(n);
        var policy = Expect(parts[^1], 16).Children();
        if (policy.Count is not (1 or 2) || (policy.Count == 2 && !policy[1].Is(4))) throw new FormatException("bad ProxyPolicy");
        output.Append(' ', indent).Append("Path Length Constraint: ")
            .Append(pathLength is { } p ? IntegerPrinter.Hex(p.Bytes) : "infinite").Append('\n');
        output.Append(' ', indent).Append("Policy Language: ").Append(ObjectNames.Text(Expect(policy[0], 6).Oid()));
        if (policy.Count == 2) output.Append('\n').Append(' ', indent).Append("Policy Text: ").Append(CString(policy[1].Bytes));
    }

    /// <summary>v3_tlsf.c i2v_TLS_FEATURE(): the TLS extension names OpenSSL knows, else the number.</summary>
    private static List<NameValue> TlsFeature(Der value) =>
        Expect(value, 16).Children().Select(n =>
        {
            CertificateFields.Integer(n);
            return new NameValue(null, n.Integer() == 5 ? "status_request" : n.Integer() == 17 ? "status_request_v2" : IntegerPrinter.ToText(n.Bytes));
        }).ToList();

    /// <summary>v3_ist.c i2r_issuer_sign_tool(): SEQUENCE of four UTF8Strings, one a line, no final newline.</summary>
    private static void IssuerSignTool(Der value, StringBuilder output, int indent)
    {
        var parts = Expect(value, 16).Children();
        if (parts.Count != 4) throw new FormatException("bad IssuerSignTool");
        string[] labels = ["signTool    : ", "cATool      : ", "signToolCert: ", "cAToolCert  : "];
        for (var i = 0; i < 4; i++)
        {
            if (i > 0) output.Append('\n');
            output.Append(' ', indent).Append(labels[i]).Append(TextDump.RawBytes(Expect(parts[i], 12).Bytes));
        }
    }

    /// <summary>i2v_BASIC_CONSTRAINTS(): "CA:TRUE" and "pathlen:N".</summary>
    private static List<NameValue> BasicConstraints(Der value)
    {
        var ca = false;
        string? pathLength = null;
        foreach (var part in Expect(value, 16).Children())
        {
            if (part.Is(1)) ca = part.Bytes.Length > 0 && part.Bytes[0] != 0;
            else if (part.Is(2)) pathLength = IntegerPrinter.ToText(part.Bytes);
            else throw new FormatException("bad BasicConstraints");
        }
        var list = new List<NameValue> { new("CA", ca ? "TRUE" : "FALSE") };
        if (pathLength != null) list.Add(new("pathlen", pathLength));
        return list;
    }

    /// <summary>i2v_ASN1_BIT_STRING(): the names of the bits that are set, in table order.</summary>
    private static List<NameValue> Bits(Der value, string[] names)
    {
        var bits = Expect(value, 3).Bytes;
        if (bits.Length == 0) throw new FormatException("bad BIT STRING");
        var list = new List<NameValue>();
        for (var n = 0; n < names.Length; n++)
        {
            var index = 1 + n / 8;
            if (index < bits.Length && (bits[index] & (0x80 >> (n % 8))) != 0) list.Add(new(names[n], null));
        }
        return list;
    }

    private static List<NameValue> ExtendedKeyUsage(Der value) =>
        Expect(value, 16).Children().Select(o => new NameValue(null, ObjectNames.Text(Expect(o, 6).Oid()))).ToList();

    /// <summary>i2v_AUTHORITY_KEYID(): the key id alone, or "keyid:", "DirName:" and "serial:" lines.</summary>
    private static List<NameValue> AuthorityKeyId(Der value)
    {
        var parts = Expect(value, 16).Children();
        var hasMore = parts.Any(p => p.IsContext(1) || p.IsContext(2));
        var list = new List<NameValue>();
        foreach (var part in parts)
        {
            if (part.IsContext(0)) list.Add(new(hasMore ? "keyid" : null, HexPrinter.ColonUpper(part.Bytes)));
            else if (part.IsContext(1)) list.AddRange(GeneralNamePrinter.ToList(part));
            else if (part.IsContext(2)) list.Add(new("serial", HexPrinter.ColonUpper(IntegerPrinter.Magnitude(part.Bytes).Magnitude)));
            else throw new FormatException("bad AuthorityKeyIdentifier");
        }
        return list;
    }

    /// <summary>i2v_AUTHORITY_INFO_ACCESS(): "OCSP - URI:http://...".</summary>
    private static List<NameValue> InfoAccess(Der value)
    {
        var list = new List<NameValue>();
        foreach (var description in Expect(value, 16).Children())
        {
            var parts = description.Children();
            var item = GeneralNamePrinter.ToItem(parts[1]);
            list.Add(new($"{ObjectNames.Text(Expect(parts[0], 6).Oid())} - {item.Name}", item.Value));
        }
        return list;
    }

    /// <summary>v3_enum.c crl_reasons[] (7 is unassigned).</summary>
    private static readonly Dictionary<int, string> Reasons = new()
    {
        [0] = "Unspecified", [1] = "Key Compromise", [2] = "CA Compromise", [3] = "Affiliation Changed",
        [4] = "Superseded", [5] = "Cessation Of Operation", [6] = "Certificate Hold", [8] = "Remove From CRL",
        [9] = "Privilege Withdrawn", [10] = "AA Compromise",
    };

    /// <summary>v3_enum.c i2s_ASN1_ENUMERATED_TABLE(): the reason's words, else the number.</summary>
    private static string CrlReason(Der value)
    {
        var code = Expect(value, 10).Integer();
        return code >= 0 && code <= 10 && Reasons.TryGetValue((int)code, out var words) ? words : IntegerPrinter.ToText(value.Bytes);
    }

    /// <summary>v3_pku.c i2r_PKEY_USAGE_PERIOD(): "Not Before: ..., Not After: ..." ([0] and [1] GeneralizedTime).</summary>
    private static void PrivateKeyUsagePeriod(Der value, StringBuilder output, int indent)
    {
        string? notBefore = null, notAfter = null;
        foreach (var part in Expect(value, 16).Children())
        {
            var time = AsnTime.Print(part with { Tag = 24, Class = Der.Universal });
            if (part.IsContext(0) && notBefore == null && notAfter == null) notBefore = time;
            else if (part.IsContext(1) && notAfter == null) notAfter = time;
            else throw new FormatException("bad PrivateKeyUsagePeriod");
        }
        output.Append(' ', indent);
        if (notBefore != null) output.Append("Not Before: ").Append(notBefore).Append(notAfter != null ? ", " : "");
        if (notAfter != null) output.Append("Not After: ").Append(notAfter);
    }

    /// <summary>i2v_POLICY_MAPPINGS(): "issuerDomainPolicy:subjectDomainPolicy" items.</summary>
    private static List<NameValue> PolicyMappings(Der value) =>
        Expect(value, 16).Children().Select(mapping => mapping.Children() is [var issuer, var subject]
                ? new NameValue(ObjectNames.Text(Expect(issuer, 6).Oid()), ObjectNames.Text(Expect(subject, 6).Oid()))
                : throw new FormatException("bad PolicyMapping")).ToList();

    /// <summary>
    /// i2v_POLICY_CONSTRAINTS(): SEQUENCE { [0] IMPLICIT INTEGER OPTIONAL, [1] IMPLICIT INTEGER OPTIONAL }, so
    /// primitive, in order, each minimally encoded.
    /// </summary>
    private static List<NameValue> PolicyConstraints(Der value)
    {
        var list = new List<NameValue>();
        var last = -1;
        foreach (var part in Expect(value, 16).Children())
        {
            if (part.Class != Der.ContextSpecific || part.Constructed || part.Tag is not (0 or 1) || part.Tag <= last)
                throw new FormatException("bad PolicyConstraints");
            last = part.Tag;
            CertificateFields.Integer(part with { Tag = 2, Class = Der.Universal });
            list.Add(new(part.Tag == 0 ? "Require Explicit Policy" : "Inhibit Policy Mapping", IntegerPrinter.ToText(part.Bytes)));
        }
        return list;
    }
}
