using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>What req -x509 certifies: a subject and key, new or from the -in request, with -set_serial, -days, -precert.</summary>
/// <param name="Request">The request read with -in; null for a new one (OpenSSL never signs that one).</param>
public sealed record ReqCertificateOrder(X509Name Subject, SubjectPublicKeyInfo PublicKey, Pkcs10CertificationRequest? Request,
    BigInteger Serial, DateTime Now, long Days, bool Precert);

public static class ReqCertificate
{
    /// <summary>
    /// apps/req.c, gen_x509 branch: copy_extensions (only with -copy_extensions), then x509_extensions / -extensions,
    /// then -addext, each replacing an extension of the same type; signed by the request's own key or by -CA.
    /// </summary>
    public static X509Certificate Make(ReqCertificateOrder order, Signer signer, ReqSettings settings, CnfDocument config,
        TextWriter err)
    {
        var copy = ExtensionCopy.None;
        if (settings.Copy is { } mode && order.Request != null)
            copy = new ExtensionCopy(mode, ExtensionCopy.FromRequest(order.Request), AfterSections: false);
        else if (order.Request != null)
            err.Write("Warning: No -copy_extensions given; ignoring any extensions in the request\n");
        if (signer.Certificate == null && !KeyChecks.KeyMatches(signer.Key, order.PublicKey))
            err.Write("Warning: Signature key and public key of cert do not match\n");

        List<ExtensionSource> sections = [];
        if (settings.X509ExtensionSection is { } section)
            sections.Add(ExtensionSource.Of(config, section, "Error adding x509 extensions from section"));
        if (settings.AddExt.Count > 0) sections.Add(ExtensionSource.AddExt(settings.AddExt, RequestExtensionSet.AddExtHeader));
        var notAfter = Timestamps.AddDays(order.Now, order.Days);
        var certificate = CertificateIssuer.Issue(new CertificateOrder(order.Subject, order.PublicKey, signer, order.Serial, order.Now,
            notAfter, settings.Digest)
        {
            Sections = sections, Copy = copy, Precert = order.Precert,
            SignatureOptions = Signing.SignatureOptions.Parse(settings.SignatureOptions, signer.Key),
        });
        CertificateIssuer.WarnIfOutlivesIssuer(signer, notAfter, err);
        return certificate;
    }

    /// <summary>
    /// apps/req.c: -CAkey defaults to the -CA file; the key is loaded first, then the certificate, and the two
    /// must match ("Issuer CA certificate and key do not match").
    /// </summary>
    public static Signer LoadCa(string caFile, string? caKeyFile, string? passIn, IPassphraseConsole? prompts = null) =>
        Signer.LoadCa(new CaFiles(caKeyFile ?? caFile,
            caKeyFile == null ? "issuer private key from -CA arg" : "issuer private key from -CAkey arg",
            caFile, "issuer cert from -CA arg", "Issuer CA certificate and key do not match"), passIn, prompts);
}
