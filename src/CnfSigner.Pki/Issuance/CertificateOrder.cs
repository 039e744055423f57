using CnfSigner.Pki.Extensions;
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
}

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
    public bool Version3 => Requested.Count > 0 || Extensions.Count > 0;
}
