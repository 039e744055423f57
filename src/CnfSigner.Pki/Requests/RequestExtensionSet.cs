using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>
/// The extensions req puts into a request (req_extensions / -reqexts, then -addext) or a certificate
/// (x509_extensions / -extensions, then -addext, then the default key identifiers), with apps/req.c's checks.
/// </summary>
public static class RequestExtensionSet
{
    private const string AddExtSection = "default";

    /// <summary>
    /// apps/req.c: X509V3_set_ctx_test() then X509V3_EXT_add_nconf(): a syntax check before any key is loaded.
    /// There is no key, subject or issuer yet, so the context is an empty self-signed one.
    /// </summary>
    public static void Check(CnfDocument config, string? section, string header)
    {
        if (section == null) return;
        var entries = config.GetSection(section) ?? throw new CnfSignerException($"{header} {section}");
        Checked($"{header} {section}", () => ExtensionBuilder.Build(entries, config.GetSection, TestContext(), section));
    }

    public static void Check(IReadOnlyList<KeyValuePair<string, string>> addExt, CnfDocument config)
    {
        if (addExt.Count == 0) return;
        Checked("Error checking extensions defined using -addext",
            () => ExtensionBuilder.Build(addExt, NoSections, TestContext(), AddExtSection));
    }

    /// <summary>
    /// apps/req.c X509V3_EXT_REQ_add_nconf() twice: the section's extensions become one extensionRequest
    /// attribute, -addext a second one, which OpenSSL 3.0 refuses when the first exists ("duplicate attribute").
    /// </summary>
    public static IReadOnlyList<CertExtension> ForRequest(ReqSettings s, CnfDocument config, ExtensionContext context)
    {
        var fromSection = Build(config, s.RequestExtensionSection, context with { ForRequest = true },
            "Error adding request extensions from section");
        if (s.AddExt.Count == 0) return fromSection;
        var added = Checked("Error adding extensions defined via -addext",
            () => ExtensionBuilder.Build(s.AddExt, NoSections, context with { ForRequest = true }, AddExtSection));
        if (fromSection.Count > 0 && added.Count > 0)
            throw new CnfSignerException("Error adding extensions defined via -addext\nduplicate attribute");
        return [.. fromSection, .. added];
    }

    /// <summary>
    /// A certificate's extensions: the section, then -addext, each replacing an extension of the same type
    /// (X509V3_CTX_REPLACE: the old one is deleted and the new one appended), then do_X509_sign()'s key
    /// identifiers. Version 3 whenever the list is not empty.
    /// </summary>
    public static IReadOnlyList<CertExtension> ForCertificate(ReqSettings s, CnfDocument config, ExtensionContext context,
        IReadOnlyList<CertExtension> copied, bool precert = false)
    {
        var list = copied.ToList();
        Replace(list, Build(config, s.X509ExtensionSection, context, "Error adding x509 extensions from section"));
        if (s.AddExt.Count > 0)
            Replace(list, Checked("Error adding extensions defined via -addext",
                () => ExtensionBuilder.Build(s.AddExt, NoSections, context, AddExtSection)));
        if (precert) AddPoison(list);
        return ExtensionBuilder.WithDefaultKeyIdentifiers(list, context);
    }

    // apps/req.c -precert: X509_add1_ext_i2d(NID_ct_precert_poison, NULL, critical, X509V3_ADD_DEFAULT), a
    // critical extension whose extnValue is empty (RFC 6962 says ASN.1 NULL; OpenSSL 3.0 writes no bytes at all);
    // one already present is an error.
    private static void AddPoison(List<CertExtension> list)
    {
        var poison = new DerObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
        if (list.Any(e => e.Oid.Equals(poison))) throw new CnfSignerException("Error adding poison extension\nextension exists");
        list.Add(new CertExtension(poison, true, []));
    }

    private static void Replace(List<CertExtension> list, IEnumerable<CertExtension> added)
    {
        foreach (var e in added)
        {
            list.RemoveAll(x => x.Oid.Equals(e.Oid));
            list.Add(e);
        }
    }

    private static IReadOnlyList<CertExtension> Build(CnfDocument config, string? section, ExtensionContext context, string header)
    {
        if (section == null) return [];
        var entries = config.GetSection(section) ?? throw new CnfSignerException($"{header} {section}");
        return Checked($"{header} {section}", () => ExtensionBuilder.Build(entries, config.GetSection, context, section));
    }

    private static IReadOnlyList<KeyValuePair<string, string>>? NoSections(string name) => null;

    private static ExtensionContext TestContext() =>
        new(new SubjectPublicKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance), Array.Empty<byte>()),
            X509Name.GetInstance(new DerSequence()), null) { SerialNumber = Org.BouncyCastle.Math.BigInteger.One };

    private static IReadOnlyList<CertExtension> Checked(string header, Func<IReadOnlyList<CertExtension>> build)
    {
        try
        {
            return build();
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{header}\n{e.Message}");
        }
    }
}
