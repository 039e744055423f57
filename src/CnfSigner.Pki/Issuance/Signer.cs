using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Issuance;

/// <summary>The key that signs, and the issuer certificate (null when the certificate is self-issued).</summary>
public sealed record Signer(PrivateKey Key, X509Certificate? Certificate)
{
    /// <summary>The issuer name, copied byte for byte: the CA certificate's subject, else the subject itself.</summary>
    public X509Name IssuerName(X509Name subject) => Certificate?.CertificateStructure.Subject ?? subject;

    /// <summary>
    /// A CA's key and certificate, checked to belong together (X509_check_private_key); an
    /// encrypted key without <paramref name="passIn"/> is asked for on <paramref name="prompts"/>. Each command names the
    /// files its own way in its messages and loads them in its own order, which decides the first error shown.
    /// </summary>
    public static Signer LoadCa(CaFiles files, string? passIn, IPassphraseConsole? prompts = null)
    {
        X509Certificate? certificate = null;
        if (files.CertificateFirst) certificate = CertificateFiles.Load(files.CertificatePath, files.CertificateWhat);
        var key = KeyReader.LoadPrivateKey(files.KeyPath, passIn, files.KeyWhat, prompts);
        certificate ??= CertificateFiles.Load(files.CertificatePath, files.CertificateWhat);
        if (!KeyChecks.KeyMatches(key, certificate.CertificateStructure.SubjectPublicKeyInfo))
            throw new CnfSignerException($"{files.Mismatch}\nkey values mismatch");
        return new Signer(key, certificate);
    }
}

/// <summary>Where a CA's key and certificate are, and how the command names them in its messages.</summary>
public sealed record CaFiles(string KeyPath, string KeyWhat, string CertificatePath, string CertificateWhat, string Mismatch)
{
    /// <summary>x509 -CA loads the certificate before the key; ca and req load the key first.</summary>
    public bool CertificateFirst { get; init; }
}
