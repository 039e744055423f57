using CnfSigner.Pki.Extensions;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>copy_extensions: none, copy (add what the section lacks) or copyall (the request's replace the section's).</summary>
public enum CopyExtensions
{
    None,
    Copy,
    CopyAll,
}

public static class ExtensionMerge
{
    /// <summary>apps/lib/apps.c set_ext_copy: "none", "copy", "copyall", case-insensitive; null if invalid.</summary>
    public static CopyExtensions? Parse(string value) => value.ToLowerInvariant() switch
    {
        "none" => CopyExtensions.None,
        "copy" => CopyExtensions.Copy,
        "copyall" => CopyExtensions.CopyAll,
        _ => null,
    };

    private static readonly string[] Guarded = [X509Extensions.BasicConstraints.Id, X509Extensions.NameConstraints.Id];

    /// <summary>
    /// apps/lib/apps.c copy_extensions(): each request extension in order; with copy, one the certificate already
    /// has is skipped; with copyall, the certificate's are deleted and the request's appended.
    /// Unlike OpenSSL, a request's basicConstraints with CA:TRUE or its nameConstraints is never copied unless the
    /// signing section itself sets that extension: such a request is refused, because with the CockroachDB
    /// config OpenSSL would hand it a CA certificate.
    /// </summary>
    public static List<CertExtension> Merge(IReadOnlyList<CertExtension> fromSection, IReadOnlyList<CertExtension> fromRequest,
        CopyExtensions mode)
    {
        var result = fromSection.ToList();
        if (mode == CopyExtensions.None) return result;
        foreach (var requested in fromRequest)
        {
            var present = result.Any(e => e.Oid.Equals(requested.Oid));
            if (!present) Guard(requested);
            if (present && mode == CopyExtensions.Copy) continue;
            result.RemoveAll(e => e.Oid.Equals(requested.Oid));
            result.Add(requested);
        }
        return result;
    }

    /// <summary>
    /// apps/x509.c order: the request's extensions are copied first, then each -extfile extension replaces one of
    /// the same type in place (X509V3_CTX_REPLACE) or is appended. The CA guard of <see cref="Merge"/> applies.
    /// </summary>
    public static List<CertExtension> RequestFirst(IReadOnlyList<CertExtension> fromFile, IReadOnlyList<CertExtension> fromRequest,
        CopyExtensions mode)
    {
        if (mode == CopyExtensions.None) return fromFile.ToList();
        var result = new List<CertExtension>();
        foreach (var requested in fromRequest)
        {
            if (!fromFile.Any(e => e.Oid.Equals(requested.Oid))) Guard(requested);
            result.Add(requested);
        }
        foreach (var ext in fromFile)
        {
            var at = result.FindIndex(e => e.Oid.Equals(ext.Oid));
            if (at >= 0) result[at] = ext;
            else result.Add(ext);
        }
        return result;
    }

    private static void Guard(CertExtension requested)
    {
        if (!Guarded.Contains(requested.Oid.Id)) return;
        if (requested.Oid.Equals(X509Extensions.BasicConstraints) && !BasicConstraints.GetInstance(requested.Value).IsCA())
            return;
        var what = requested.Oid.Equals(X509Extensions.BasicConstraints) ? "basicConstraints CA:TRUE" : "nameConstraints";
        throw new CnfSignerException(
            $"ERROR: the request asks for {what}, which copy_extensions would copy into the certificate;\n" +
            $"cnfsigner refuses to mint a CA this way. Set {(what.StartsWith("basic") ? "basicConstraints" : "nameConstraints")} " +
            "in the signing extension section if this certificate is meant to have it.");
    }

    /// <summary>The request's extensionRequest, in its encoded order.</summary>
    public static IReadOnlyList<CertExtension> FromRequest(Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest request)
    {
        var extensions = request.GetRequestedExtensions();
        if (extensions == null) return [];
        return extensions.GetExtensionOids()
            .Select(oid => (oid, ext: extensions.GetExtension(oid)))
            .Select(x => new CertExtension(x.oid, x.ext.IsCritical, x.ext.Value.GetOctets()))
            .ToList();
    }
}
