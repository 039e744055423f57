using CnfSigner.Pki.Extensions;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Issuance;

/// <summary>copy_extensions: none, copy (add what the certificate lacks) or copyall (the request's replace the certificate's).</summary>
public enum CopyExtensions
{
    None,
    Copy,
    CopyAll,
}

/// <summary>
/// The request's extensions to copy, and when: `ca` copies them after its extension section (apps/ca.c do_body),
/// `req -x509` and `x509 -req` before theirs, which then replace them (apps/req.c, apps/x509.c).
/// </summary>
public sealed record ExtensionCopy(CopyExtensions Mode, IReadOnlyList<CertExtension> Requested, bool AfterSections)
{
    public static readonly ExtensionCopy None = new(CopyExtensions.None, [], false);

    /// <summary>apps/lib/apps.c set_ext_copy: "none", "copy", "copyall", case-insensitive.</summary>
    public static CopyExtensions ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "none" => CopyExtensions.None,
        "copy" => CopyExtensions.Copy,
        "copyall" => CopyExtensions.CopyAll,
        _ => throw new CnfSignerException($"Invalid extension copy option: \"{value}\""),
    };

    /// <summary>The request's extensionRequest, in its encoded order.</summary>
    public static IReadOnlyList<CertExtension> FromRequest(Pkcs10CertificationRequest request)
    {
        var extensions = request.GetRequestedExtensions();
        if (extensions == null) return [];
        return extensions.GetExtensionOids()
            .Select(oid => (oid, ext: extensions.GetExtension(oid)))
            .Select(x => new CertExtension(x.oid, x.ext.IsCritical, x.ext.Value.GetOctets()))
            .ToList();
    }

    /// <summary>
    /// The certificate's extensions from the sections' (in order, each replacing one of the same type made before
    /// it) and the request's, copied as apps/lib/apps.c copy_extensions() does: with copy, a request extension the
    /// certificate already has is skipped; with copyall, the certificate's is deleted and the request's appended.
    /// `ca` copies onto the sections' extensions; req and x509 copy onto none, then the sections replace.
    /// Unlike OpenSSL, a request's basicConstraints with CA:TRUE or its nameConstraints is never copied unless a
    /// section sets that extension itself: such a request is refused, because with the CockroachDB config
    /// OpenSSL would hand it a CA certificate.
    /// </summary>
    public List<CertExtension> Apply(IReadOnlyList<IReadOnlyList<CertExtension>> sections)
    {
        var fromSections = new List<CertExtension>();
        foreach (var section in sections) Replace(fromSections, section);
        if (Mode == CopyExtensions.None) return fromSections;
        foreach (var requested in Requested)
            if (!fromSections.Any(e => e.Oid.Equals(requested.Oid))) Guard(requested);
        if (AfterSections) return CopyOnto(fromSections);
        var result = CopyOnto([]);
        foreach (var section in sections) Replace(result, section);
        return result;
    }

    private List<CertExtension> CopyOnto(List<CertExtension> certificate)
    {
        foreach (var requested in Requested)
        {
            if (Mode == CopyExtensions.Copy && certificate.Any(e => e.Oid.Equals(requested.Oid))) continue;
            Replace(certificate, [requested]);
        }
        return certificate;
    }

    /// <summary>Each of the sections' extensions, in order, replaces one of the same type in <paramref name="list"/>.</summary>
    public static List<CertExtension> ReplaceAll(List<CertExtension> list, IEnumerable<IReadOnlyList<CertExtension>> sections)
    {
        foreach (var section in sections) Replace(list, section);
        return list;
    }

    // X509V3_CTX_REPLACE (crypto/x509/v3_conf.c X509V3_EXT_add_nconf_sk): delete one of the same type, then append.
    private static void Replace(List<CertExtension> list, IEnumerable<CertExtension> added)
    {
        foreach (var e in added)
        {
            list.RemoveAll(x => x.Oid.Equals(e.Oid));
            list.Add(e);
        }
    }

    private static readonly string[] Guarded = [X509Extensions.BasicConstraints.Id, X509Extensions.NameConstraints.Id];

    private static void Guard(CertExtension requested)
    {
        if (!Guarded.Contains(requested.Oid.Id)) return;
        var basic = requested.Oid.Equals(X509Extensions.BasicConstraints);
        if (basic && !BasicConstraints.GetInstance(requested.Value).IsCA()) return;
        var what = basic ? "basicConstraints CA:TRUE" : "nameConstraints";
        throw new CnfSignerException(
            $"ERROR: the request asks for {what}, which copy_extensions would copy into the certificate;\n" +
            $"cnfsigner refuses to mint a CA this way. Set {(basic ? "basicConstraints" : "nameConstraints")} " +
            "in the signing extension section if this certificate is meant to have it.");
    }
}
