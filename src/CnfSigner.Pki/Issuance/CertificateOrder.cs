using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Issuance;

/// <summary>
/// Everything one certificate is made from, whichever command asks for it (`ca`, `req -x509`, `x509 -req`): the
/// subject and its key, the signer, serial and validity, the digest, and where the extensions come from.
/// </summary>
/// <param name="Subject">The subject, DER as given (never re-encoded).</param>
/// <param name="PublicKey">The subject's public key.</param>
/// <param name="Signer">The signing key and the issuer certificate (none: self-issued, the issuer is the subject).</param>
/// <param name="Digest">An OpenSSL digest name ("default" is the key type's default).</param>
public sealed record CertificateOrder(
    X509Name Subject,
    SubjectPublicKeyInfo PublicKey,
    Signer Signer,
    BigInteger Serial,
    DateTime NotBefore,
    DateTime NotAfter,
    string Digest)
{
    /// <summary>Extension sections in the order the command applies them; each extension replaces one of the same
    /// type made before it (X509V3_CTX_REPLACE: the old one is deleted, the new one appended).</summary>
    public IReadOnlyList<ExtensionSource> Sections { get; init; } = [];

    /// <summary>copy_extensions: which of the request's extensions are copied, and when.</summary>
    public ExtensionCopy Copy { get; init; } = ExtensionCopy.None;

    /// <summary>req -precert: a Certificate Transparency pre-certificate (the critical poison extension).</summary>
    public bool Precert { get; init; }

    /// <summary>
    /// x509 re-signing an existing certificate: what it keeps. Null for a new certificate.
    /// </summary>
    public ExistingCertificate? Existing { get; init; }

    /// <summary>-sigopt: how the signature is made (RSA-PSS padding, salt, mask digest).</summary>
    public SignatureOptions SignatureOptions { get; init; } = SignatureOptions.None;
}

/// <summary>
/// What apps/x509.c keeps of a certificate it re-signs: its extensions (after -clrext and the -ext filter), onto
/// which the -extfile section's replace one of the same type; its version, which do_X509_sign() raises to 3 only
/// when there are extensions; and with -preserve_dates its validity, exactly as encoded.
/// </summary>
/// <param name="Extensions">The extensions kept, in their order.</param>
/// <param name="Version">The version field as encoded (0 for v1, 2 for v3).</param>
/// <param name="Validity">The Validity SEQUENCE to keep (-preserve_dates), or null for the order's dates.</param>
public sealed record ExistingCertificate(IReadOnlyList<CertExtension> Extensions, int Version, Org.BouncyCastle.Asn1.Asn1Encodable? Validity);

/// <summary>The fields of a certificate to be signed: what <see cref="CertificateIssuer.Prepare"/> lays out.</summary>
/// <param name="Requested">The extensions asked for (sections, copied, poison), as apps/ca.c shows them before
/// signing.</param>
/// <param name="Extensions">The extensions signed: <paramref name="Requested"/> with do_X509_sign()'s key identifiers.</param>
public sealed record CertificateTemplate(
    BigInteger Serial,
    X509Name Issuer,
    X509Name Subject,
    DateTime NotBefore,
    DateTime NotAfter,
    SubjectPublicKeyInfo PublicKey,
    IReadOnlyList<CertExtension> Requested,
    IReadOnlyList<CertExtension> Extensions,
    string Digest)
{
    /// <summary>Version 3 whenever an extension was asked for, even when `= none` key identifiers left none.</summary>
    public bool Version3 => Version == 2;

    /// <summary>The version field: 2 (v3) with extensions, else a re-signed certificate's own, else 0 (v1).</summary>
    public int Version => Requested.Count > 0 || Extensions.Count > 0 ? 2 : Existing?.Version ?? 0;

    /// <summary>The certificate being re-signed, if any.</summary>
    public ExistingCertificate? Existing { get; init; }

    /// <summary>-sigopt.</summary>
    public SignatureOptions SignatureOptions { get; init; } = SignatureOptions.None;
}
