using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Extensions;

/// <summary>
/// OpenSSL's X509v3 extension configuration language (crypto/x509/v3_conf.c X509V3_EXT_add_nconf_sk()): every
/// "name = value" of an extension section becomes one extension, in section order.
/// </summary>
public static class ExtensionBuilder
{
    /// <summary>Parse and encode every entry of a section in stored order. Throws <see cref="CnfSignerException"/>
    /// whose message is OpenSSL's reason lines ("reason: data"); callers add the header naming the section.</summary>
    /// <param name="sectionName">Named in the "error in extension" line ("section=S, name=..."); without it the
    /// line reads "name=N, value=V", as for OpenSSL's X509V3_EXT_nconf().</param>
    public static IReadOnlyList<CertExtension> Build(IReadOnlyList<KeyValuePair<string, string>> section,
        Func<string, IReadOnlyList<KeyValuePair<string, string>>?> sectionLookup, ExtensionContext context,
        string? sectionName = null)
    {
        var state = new BuildState(context, sectionLookup);
        // OpenSSL 3.0's X509V3_EXT_add_nconf_sk() keeps the section order (the SKID-before-AKID swap came later;
        // a self-signed AKID hashes the key itself, so it does not need the SKID).
        foreach (var (name, value) in section)
            state.Built.Add(BuildOne(name, value, sectionName, state));
        return state.Built;
    }

    /// <summary>One extension from "name = value" (what `-addext 'name = value'` adds).</summary>
    public static CertExtension BuildOne(string name, string value,
        Func<string, IReadOnlyList<KeyValuePair<string, string>>?> sectionLookup, ExtensionContext context) =>
        BuildOne(name, value, null, new BuildState(context, sectionLookup));

    // X509V3_EXT_nconf_int()
    private static CertExtension BuildOne(string name, string value, string? sectionName, BuildState state)
    {
        var critical = StripPrefix(ref value, "critical,");
        try
        {
            if (StripPrefix(ref value, "DER:")) return GenericExtension(name, value, critical, raw: true, state);
            if (StripPrefix(ref value, "ASN1:")) return GenericExtension(name, value, critical, raw: false, state);
        }
        catch (X509V3Exception e)
        {
            // v3_generic_extension() failures get no "error in extension" line.
            throw new CnfSignerException(string.Join("\n", e.Lines));
        }
        try
        {
            var der = ExtensionEncoders.Encode(name, value, state).GetDerEncoded();
            return new CertExtension(new DerObjectIdentifier(ExtensionEncoders.Oid(name)), critical, der);
        }
        catch (X509V3Exception e)
        {
            var where = sectionName is null ? "" : $"section={sectionName}, ";
            e.Push("error in extension", $"{where}name={name}, value={value}");
            throw new CnfSignerException(string.Join("\n", e.Lines));
        }
    }

    // v3_check_critical() / v3_check_generic(): an exact prefix, then any whitespace.
    private static bool StripPrefix(ref string value, string prefix)
    {
        if (!value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var i = prefix.Length;
        while (i < value.Length && ValueList.IsSpace(value[i])) i++;
        value = value[i..];
        return true;
    }

    // v3_generic_extension(): any object name (short, long or dotted) with hex DER or an ASN1_generate_v3 value.
    private static CertExtension GenericExtension(string name, string value, bool critical, bool raw, BuildState state)
    {
        DerObjectIdentifier oid;
        try { oid = ObjectIdentifierParser.Parse(name); }
        catch (X509V3Exception e) { throw e.Push("extension name error", $"name={name}"); }
        try
        {
            var der = raw ? HexDecoder.Decode(value) : Asn1Generator.Generate(value, state).GetDerEncoded();
            return new CertExtension(oid, critical, der);
        }
        catch (X509V3Exception e)
        {
            throw e.Push("extension value error", $"value={value}");
        }
    }

    /// <summary>
    /// apps/lib/apps.c do_X509_sign(): a certificate with at least one extension gets a subjectKeyIdentifier
    /// ("hash") and, unless self-signed, an authorityKeyIdentifier ("keyid, issuer": the CA's SKID, or the CA's
    /// issuer and serial when it has none), appended after the others. One already present stays where it is,
    /// and one whose value is empty (`= none`) is removed instead.
    /// </summary>
    public static IReadOnlyList<CertExtension> WithDefaultKeyIdentifiers(IReadOnlyList<CertExtension> exts,
        ExtensionContext context)
    {
        if (exts.Count == 0) return exts;
        var list = exts.ToList();
        var state = new BuildState(context, _ => null);
        Adapt(list, BuildOne("subjectKeyIdentifier", "hash", null, state), addDefault: true);
        // do_X509_sign(): self-signed when the signing key is the certificate's own key.
        var selfSign = context.SelfSigned
            || context.IssuerCertificate?.CertificateStructure.SubjectPublicKeyInfo.Equals(context.SubjectPublicKey) == true;
        Adapt(list, BuildOne("authorityKeyIdentifier", "keyid, issuer", null, state), addDefault: !selfSign);
        return list;
    }

    // adapt_keyid_ext()
    private static void Adapt(List<CertExtension> list, CertExtension generated, bool addDefault)
    {
        var index = list.FindIndex(e => e.Oid.Equals(generated.Oid));
        if (index >= 0)
        {
            if (list[index].Value.Length <= 2) list.RemoveAt(index);
        }
        else if (addDefault)
        {
            list.Add(generated);
        }
    }

    /// <summary>The Extensions SEQUENCE (critical only when true, as DER's DEFAULT FALSE requires).</summary>
    public static DerSequence ToExtensionsSequence(IEnumerable<CertExtension> exts) =>
        new(exts.Select(e => (Asn1Encodable)(e.Critical
            ? new DerSequence(e.Oid, DerBoolean.True, new DerOctetString(e.Value))
            : new DerSequence(e.Oid, new DerOctetString(e.Value)))).ToArray());

    /// <summary>BouncyCastle's view of the list, e.g. for X509V3CertificateGenerator.</summary>
    public static X509Extensions ToX509Extensions(IEnumerable<CertExtension> exts) =>
        X509Extensions.GetInstance(ToExtensionsSequence(exts));

    /// <summary>The CSR attribute `extensionRequest` (1.2.840.113549.1.9.14) holding the extensions.</summary>
    public static AttributePkcs ExtensionRequestAttribute(IEnumerable<CertExtension> exts) =>
        new(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(ToExtensionsSequence(exts)));
}
