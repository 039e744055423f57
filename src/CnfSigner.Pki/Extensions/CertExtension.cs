using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Extensions;

/// <summary>One X509v3 extension as OpenSSL encodes it. <see cref="Value"/> is the extnValue OCTET STRING
/// contents, i.e. the extension's own DER.</summary>
public sealed record CertExtension(DerObjectIdentifier Oid, bool Critical, byte[] Value);

/// <summary>What the extension config language may refer to (OpenSSL's X509V3_CTX).</summary>
/// <param name="SubjectPublicKey">Key of the certificate or request being built (subjectKeyIdentifier = hash).</param>
/// <param name="Subject">Its subject (email:copy reads emailAddress from it).</param>
/// <param name="IssuerCertificate">The CA certificate; null for a self-signed certificate or a request, where the
/// issuer is the subject and the issuer key is the subject key.</param>
/// <param name="Request">The request being signed, when there is one. OpenSSL 3.0's config language reads the
/// new certificate rather than the request, so this is informational.</param>
public sealed record ExtensionContext(SubjectPublicKeyInfo SubjectPublicKey, X509Name Subject,
    X509Certificate? IssuerCertificate, Pkcs10CertificationRequest? Request = null)
{
    /// <summary>True while building a request's extensions (`req -new` without -x509): there is no certificate,
    /// so authorityKeyIdentifier and issuer:copy fail as in OpenSSL.</summary>
    public bool ForRequest { get; init; }

    /// <summary>Serial number of the certificate being built. Only a self-signed
    /// `authorityKeyIdentifier = issuer:always` needs it (the issuer serial is then the certificate's own).</summary>
    public BigInteger? SerialNumber { get; init; }

    /// <summary>The signing key's public half when there is no issuer certificate (req -x509 -key): a key other
    /// than the subject's makes the certificate self-issued but not self-signed (X509V3_set_issuer_pkey()).</summary>
    public SubjectPublicKeyInfo? IssuerPublicKey { get; init; }

    internal bool SelfSigned => IssuerCertificate is null && (IssuerPublicKey is null || IssuerPublicKey.Equals(SubjectPublicKey));
}
