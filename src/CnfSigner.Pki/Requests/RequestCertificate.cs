using CnfSigner.Config;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>The issuer of a req -x509 certificate: its own key (self-signed), or -CA and -CAkey.</summary>
public sealed record CertificateIssuer(PrivateKey Key, X509Certificate? Certificate)
{
    /// <summary>
    /// apps/req.c: -CAkey defaults to the -CA file; the key is loaded first, then the certificate, and the two
    /// must match ("Issuer CA certificate and key do not match").
    /// </summary>
    public static CertificateIssuer LoadCa(string caFile, string? caKeyFile, string? passIn)
    {
        var what = caKeyFile == null ? "issuer private key from -CA arg" : "issuer private key from -CAkey arg";
        var key = KeyReader.LoadPrivateKey(caKeyFile ?? caFile, passIn, what);
        var certificate = CertificateFiles.Load(caFile, "issuer cert from -CA arg");
        if (!KeyChecks.KeyMatches(key, certificate.CertificateStructure.SubjectPublicKeyInfo))
            throw new CnfSignerException("Issuer CA certificate and key do not match\nkey values mismatch");
        return new CertificateIssuer(key, certificate);
    }
}

/// <summary>What -x509 turns a request into: serial, subject override, validity.</summary>
public sealed record CertificateOrder(BigInteger Serial, X509Name? Subject, DateTime Now, long Days, bool RequestFromFile)
{
    /// <summary>-precert: a Certificate Transparency pre-certificate (the poison extension).</summary>
    public bool Precert { get; init; }
}

public static class RequestCertificate
{
    /// <summary>apps/req.c, gen_x509 branch: a certificate for the request's key, issued by the request's subject
    /// (self-signed) or by the -CA certificate's subject, copied byte for byte.</summary>
    public static X509Certificate Make(Pkcs10CertificationRequest request, CertificateOrder order, CertificateIssuer issuer,
        ReqSettings settings, CnfDocument config, TextWriter err)
    {
        var info = request.GetCertificationRequestInfo();
        var spki = info.SubjectPublicKeyInfo;
        var issuerName = issuer.Certificate?.CertificateStructure.Subject ?? info.Subject;
        var subject = order.Subject ?? info.Subject;

        IReadOnlyList<CertExtension> copied = [];
        if (settings.Copy == null)
        {
            if (order.RequestFromFile)
                err.Write("Warning: No -copy_extensions given; ignoring any extensions in the request\n");
        }
        else copied = ExtensionMerge.Merge([], ExtensionMerge.FromRequest(request), settings.Copy.Value);

        if (issuer.Certificate == null && !KeyChecks.KeyMatches(issuer.Key, spki))
            err.Write("Warning: Signature key and public key of cert do not match\n");
        var context = new ExtensionContext(spki, subject, issuer.Certificate)
        {
            SerialNumber = order.Serial,
            IssuerPublicKey = issuer.Certificate == null ? issuer.Key.PublicInfo : null,
        };
        var extensions = RequestExtensionSet.ForCertificate(settings, config, context, copied, order.Precert);

        var template = new CertificateTemplate(order.Serial, issuerName, subject, order.Now, Timestamps.AddDays(order.Now, order.Days), spki,
            extensions.Count > 0 ? ExtensionBuilder.ToX509Extensions(extensions) : null, settings.Digest);
        return CertificateSigner.Sign(template, issuer.Key.Private);
    }
}
