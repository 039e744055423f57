using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// "Was this certificate issued by that one?" as OpenSSL asks it: crypto/x509/v3_purp.c
/// ossl_x509_likely_issued(), X509_check_akid(), ossl_x509_signing_allowed() and x509_vfy.c check_sig_alg_match().
/// </summary>
public static class Issuance
{
    /// <summary>
    /// ossl_x509_likely_issued(): names match, neither has invalid extensions, the AKID fits the issuer, the key
    /// type fits the signature.
    /// </summary>
    public static int LikelyIssued(CertificateFacts issuer, CertificateFacts subject)
    {
        if (!issuer.SubjectCanon.AsSpan().SequenceEqual(subject.IssuerCanon)) return VerifyErrors.SubjectIssuerMismatch;
        // ossl_x509v3_cache_extensions() fails for a certificate with invalid extensions (EXFLAG_INVALID)
        if (issuer.Invalid || subject.Invalid) return VerifyErrors.Unspecified;
        var akid = CheckAkid(issuer, subject);
        return akid != VerifyErrors.Ok ? akid : CheckSignatureAlgorithm(issuer, subject);
    }

    /// <summary>X509_check_akid(issuer, subject->akid).</summary>
    public static int CheckAkid(CertificateFacts issuer, CertificateFacts subject)
    {
        if (!subject.HasAuthorityKeyId) return VerifyErrors.Ok;
        if (subject.AuthorityKeyId != null && issuer.SubjectKeyId != null
            && !subject.AuthorityKeyId.AsSpan().SequenceEqual(issuer.SubjectKeyId))
            return VerifyErrors.AkidSkidMismatch;
        if (subject.AuthorityCertSerial != null && !subject.AuthorityCertSerial.Equals(issuer.Certificate.SerialNumber))
            return VerifyErrors.AkidIssuerSerialMismatch;
        // v3_purp.c compares the AKID's directoryName with the *issuer's issuer* name
        if (subject.AuthorityCertIssuer != null && !CanonicalName.AreEqual(subject.AuthorityCertIssuer, issuer.Issuer))
            return VerifyErrors.AkidIssuerSerialMismatch;
        return VerifyErrors.Ok;
    }

    /// <summary>x509_vfy.c check_sig_alg_match(): the issuer's key type must be the one of the subject's signature.</summary>
    public static int CheckSignatureAlgorithm(CertificateFacts issuer, CertificateFacts subject)
    {
        // OpenSSL needs the decoded key here; its algorithm identifier answers the same question without decoding
        var keyType = KeyTypeOfKey(issuer.Certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id);
        if (keyType == null) return VerifyErrors.NoIssuerPublicKey;
        var signatureKeyType = KeyTypeOfSignature(subject.Certificate.SigAlgOid);
        if (signatureKeyType == null) return VerifyErrors.UnsupportedSignatureAlgorithm;
        if (keyType == signatureKeyType || (keyType == "RSA" && signatureKeyType == "RSA-PSS")) return VerifyErrors.Ok;
        return VerifyErrors.SignatureAlgorithmMismatch;
    }

    /// <summary>ossl_x509_signing_allowed(): a key usage, when present, must allow certificate signing.</summary>
    public static int SigningAllowed(CertificateFacts issuer, CertificateFacts subject)
    {
        if (subject.IsProxy)
            return RejectsKeyUsage(issuer, KeyUsageBits.DigitalSignature) ? 39 : VerifyErrors.Ok;
        return RejectsKeyUsage(issuer, KeyUsageBits.KeyCertSign) ? VerifyErrors.KeyUsageNoCertSign : VerifyErrors.Ok;
    }

    /// <summary>v3_purp.c ku_reject(): a key usage is present and lacks all of the given bits.</summary>
    public static bool RejectsKeyUsage(CertificateFacts x, uint usage) => x.HasKeyUsage && (x.KeyUsage & usage) == 0;

    /// <summary>X509_verify(): the signature over the TBS with the issuer's key; any failure is "no".</summary>
    public static bool SignatureVerifies(X509Certificate subject, AsymmetricKeyParameter key)
    {
        try { return SignatureCheck.Verify(subject, key); }
        catch (Exception e) when (IsCryptoFailure(e)) { return false; }
    }

    public static bool SignatureVerifies(X509Crl crl, AsymmetricKeyParameter key)
    {
        try { return SignatureCheck.Verify(crl, key); }
        catch (Exception e) when (IsCryptoFailure(e)) { return false; }
    }

    private static bool IsCryptoFailure(Exception e) =>
        e is GeneralSecurityException or CryptoException or ArgumentException or InvalidOperationException
            or InvalidCastException or IOException or NotSupportedException or SecurityUtilityException;

    // crypto/objects/obj_xref.txt: signature algorithm -> public key algorithm
    private static string? KeyTypeOfSignature(string oid) => oid switch
    {
        "1.2.840.113549.1.1.2" or "1.2.840.113549.1.1.3" or "1.2.840.113549.1.1.4" or "1.2.840.113549.1.1.5"
            or "1.2.840.113549.1.1.11" or "1.2.840.113549.1.1.12" or "1.2.840.113549.1.1.13"
            or "1.2.840.113549.1.1.14" or "1.2.840.113549.1.1.15" or "1.2.840.113549.1.1.16"
            or "1.3.14.3.2.29" or "2.16.840.1.101.3.4.3.13" or "2.16.840.1.101.3.4.3.14"
            or "2.16.840.1.101.3.4.3.15" or "2.16.840.1.101.3.4.3.16" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10045.4.1" or "1.2.840.10045.4.3.1" or "1.2.840.10045.4.3.2" or "1.2.840.10045.4.3.3"
            or "1.2.840.10045.4.3.4" => "EC",
        // ecdsa-with-SHA3-* (2.16.840.1.101.3.4.3.9-12) are missing from OpenSSL 3.0's crypto/objects/obj_xref.txt:
        // OBJ_find_sigid_algs() fails, so such a certificate is never taken as issued by (or as) an EC key
        "1.2.840.10040.4.3" or "2.16.840.1.101.3.4.3.1" or "2.16.840.1.101.3.4.3.2" or "2.16.840.1.101.3.4.3.3"
            or "2.16.840.1.101.3.4.3.4" => "DSA",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        _ => null,
    };

    private static string? KeyTypeOfKey(string oid) => oid switch
    {
        "1.2.840.113549.1.1.1" or "2.5.8.1.1" => "RSA", // 2.5.8.1.1: X.500's rsa, an alias of RSA in OpenSSL
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        _ => null,
    };

    /// <summary>x509_vfy.c check_curve(): an EC key given with explicit parameters instead of a named curve.</summary>
    public static bool HasExplicitCurve(CertificateFacts x)
    {
        var algorithm = x.Certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm;
        return algorithm.Algorithm.Id == "1.2.840.10045.2.1" && algorithm.Parameters is Asn1Sequence;
    }
}
