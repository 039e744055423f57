using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>
/// The extensions req puts into a request (req_extensions / -reqexts, then -addext), with apps/req.c's checks; a
/// certificate's are <see cref="ReqCertificate"/>'s.
/// </summary>
public static class RequestExtensionSet
{
    public const string AddExtHeader = "Error adding extensions defined via -addext";

    /// <summary>
    /// apps/req.c: X509V3_set_ctx_test() then X509V3_EXT_add_nconf(): a syntax check before any key is loaded.
    /// There is no key, subject or issuer yet, so the context is an empty self-signed one.
    /// </summary>
    public static void Check(CnfDocument config, string? section, string header)
    {
        if (section != null) ExtensionSource.Of(config, section, header).Build(TestContext());
    }

    public static void Check(IReadOnlyList<KeyValuePair<string, string>> addExt)
    {
        if (addExt.Count > 0) ExtensionSource.AddExt(addExt, "Error checking extensions defined using -addext").Build(TestContext());
    }

    /// <summary>
    /// apps/req.c X509V3_EXT_REQ_add_nconf() twice: the section's extensions become one extensionRequest
    /// attribute, -addext a second one, which OpenSSL 3.0 refuses when the first exists ("duplicate attribute").
    /// </summary>
    public static IReadOnlyList<CertExtension> ForRequest(ReqSettings s, CnfDocument config, ExtensionContext context)
    {
        context = context with { ForRequest = true };
        var fromSection = s.RequestExtensionSection is { } section
            ? ExtensionSource.Of(config, section, "Error adding request extensions from section").Build(context)
            : [];
        if (s.AddExt.Count == 0) return fromSection;
        var added = ExtensionSource.AddExt(s.AddExt, AddExtHeader).Build(context);
        if (fromSection.Count > 0 && added.Count > 0)
            throw new CnfSignerException($"{AddExtHeader}\nduplicate attribute");
        return [.. fromSection, .. added];
    }

    private static ExtensionContext TestContext() =>
        new(new SubjectPublicKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance), Array.Empty<byte>()),
            X509Name.GetInstance(new DerSequence()), null) { SerialNumber = Org.BouncyCastle.Math.BigInteger.One };
}
