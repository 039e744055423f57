namespace CnfSigner.Pki.Verify;

/// <summary>
/// OpenSSL's X509_V_ERR_* numbers (include/openssl/x509_vfy.h of 3.0) and their texts
/// (crypto/x509/x509_txt.c X509_verify_cert_error_string()), as `openssl verify` prints them.
/// </summary>
public static class VerifyErrors
{
    public const int Ok = 0, Unspecified = 1, UnableToGetIssuerCert = 2, UnableToGetCrl = 3,
        UnableToDecodeIssuerPublicKey = 6, CertSignatureFailure = 7, CrlSignatureFailure = 8,
        CertNotYetValid = 9, CertHasExpired = 10, CrlNotYetValid = 11, CrlHasExpired = 12,
        DepthZeroSelfSignedCert = 18, SelfSignedCertInChain = 19, UnableToGetIssuerCertLocally = 20,
        UnableToVerifyLeafSignature = 21, CertChainTooLong = 22, CertRevoked = 23, NoIssuerPublicKey = 24,
        PathLengthExceeded = 25, InvalidPurpose = 26, SubjectIssuerMismatch = 29, AkidSkidMismatch = 30,
        AkidIssuerSerialMismatch = 31, KeyUsageNoCertSign = 32, UnableToGetCrlIssuer = 33,
        UnhandledCriticalExtension = 34, KeyUsageNoCrlSign = 35, UnhandledCriticalCrlExtension = 36,
        InvalidNonCa = 37, ProxyPathLengthExceeded = 38, ProxyCertificatesNotAllowed = 40,
        InvalidPolicyExtension = 42, NoExplicitPolicy = 43, DifferentCrlScope = 44,
        PermittedViolation = 47, ExcludedViolation = 48, SubtreeMinMax = 49, UnsupportedConstraintType = 51,
        UnsupportedConstraintSyntax = 52, UnsupportedNameSyntax = 53, ProxySubjectNameViolation = 72,
        HostnameMismatch = 62, EmailMismatch = 63, IpAddressMismatch = 64,
        UnsupportedSignatureAlgorithm = 76, SignatureAlgorithmMismatch = 77, SignatureAlgorithmInconsistency = 78,
        InvalidCa = 79, PathlenInvalidForNonCa = 80, PathlenWithoutKuKeyCertSign = 81,
        KuKeyCertSignInvalidForNonCa = 82, IssuerNameEmpty = 83, SubjectNameEmpty = 84,
        MissingAuthorityKeyIdentifier = 85, MissingSubjectKeyIdentifier = 86, EmptySubjectAltName = 87,
        EmptySubjectSanNotCritical = 88, CaBconsNotCritical = 89, AuthorityKeyIdentifierCritical = 90,
        SubjectKeyIdentifierCritical = 91, CaCertMissingKeyUsage = 92, ExtensionsRequireVersion3 = 93,
        EcKeyExplicitParams = 94;

    // trust settings, Suite B and security levels
    public const int CertRejected = 28, SuiteBInvalidVersion = 56, SuiteBInvalidAlgorithm = 57, SuiteBInvalidCurve = 58,
        SuiteBInvalidSignatureAlgorithm = 59, SuiteBLosNotAllowed = 60, SuiteBCannotSignP384WithP256 = 61,
        EeKeyTooSmall = 66, CaKeyTooSmall = 67, CaMdTooWeak = 68;

    // Generated from X509_verify_cert_error_string(0..94) of libcrypto 3.0.19.
    private static readonly string[] Texts =
    [
        "ok", // 0
        "unspecified certificate verification error", // 1
        "unable to get issuer certificate", // 2
        "unable to get certificate CRL", // 3
        "unable to decrypt certificate's signature", // 4
        "unable to decrypt CRL's signature", // 5
        "unable to decode issuer public key", // 6
        "certificate signature failure", // 7
        "CRL signature failure", // 8
        "certificate is not yet valid", // 9
        "certificate has expired", // 10
        "CRL is not yet valid", // 11
        "CRL has expired", // 12
        "format error in certificate's notBefore field", // 13
        "format error in certificate's notAfter field", // 14
        "format error in CRL's lastUpdate field", // 15
        "format error in CRL's nextUpdate field", // 16
        "out of memory", // 17
        "self-signed certificate", // 18
        "self-signed certificate in certificate chain", // 19
        "unable to get local issuer certificate", // 20
        "unable to verify the first certificate", // 21
        "certificate chain too long", // 22
        "certificate revoked", // 23
        "issuer certificate doesn't have a public key", // 24
        "path length constraint exceeded", // 25
        "unsuitable certificate purpose", // 26
        "certificate not trusted", // 27
        "certificate rejected", // 28
        "subject issuer mismatch", // 29
        "authority and subject key identifier mismatch", // 30
        "authority and issuer serial number mismatch", // 31
        "key usage does not include certificate signing", // 32
        "unable to get CRL issuer certificate", // 33
        "unhandled critical extension", // 34
        "key usage does not include CRL signing", // 35
        "unhandled critical CRL extension", // 36
        "invalid non-CA certificate (has CA markings)", // 37
        "proxy path length constraint exceeded", // 38
        "key usage does not include digital signature", // 39
        "proxy certificates not allowed, please set the appropriate flag", // 40
        "invalid or inconsistent certificate extension", // 41
        "invalid or inconsistent certificate policy extension", // 42
        "no explicit policy", // 43
        "different CRL scope", // 44
        "unsupported extension feature", // 45
        "RFC 3779 resource not subset of parent's resources", // 46
        "permitted subtree violation", // 47
        "excluded subtree violation", // 48
        "name constraints minimum and maximum not supported", // 49
        "application verification failure", // 50
        "unsupported name constraint type", // 51
        "unsupported or invalid name constraint syntax", // 52
        "unsupported or invalid name syntax", // 53
        "CRL path validation error", // 54
        "path loop", // 55
        "Suite B: certificate version invalid", // 56
        "Suite B: invalid public key algorithm", // 57
        "Suite B: invalid ECC curve", // 58
        "Suite B: invalid signature algorithm", // 59
        "Suite B: curve not allowed for this LOS", // 60
        "Suite B: cannot sign P-384 with P-256", // 61
        "hostname mismatch", // 62
        "email address mismatch", // 63
        "IP address mismatch", // 64
        "no matching DANE TLSA records", // 65
        "EE certificate key too weak", // 66
        "CA certificate key too weak", // 67
        "CA signature digest algorithm too weak", // 68
        "invalid certificate verification context", // 69
        "issuer certificate lookup error", // 70
        "Certificate Transparency required, but no valid SCTs found", // 71
        "proxy subject name violation", // 72
        "OCSP verification needed", // 73
        "OCSP verification failed", // 74
        "OCSP unknown cert", // 75
        "Cannot find certificate signature algorithm", // 76
        "subject signature algorithm and issuer public key algorithm mismatch", // 77
        "cert info signature and signature algorithm mismatch", // 78
        "invalid CA certificate", // 79
        "Path length invalid for non-CA cert", // 80
        "Path length given without key usage keyCertSign", // 81
        "Key usage keyCertSign invalid for non-CA cert", // 82
        "Issuer name empty", // 83
        "Subject name empty", // 84
        "Missing Authority Key Identifier", // 85
        "Missing Subject Key Identifier", // 86
        "Empty Subject Alternative Name extension", // 87
        "Subject empty and Subject Alt Name extension not critical", // 88
        "Basic Constraints of CA cert not marked critical", // 89
        "Authority Key Identifier marked critical", // 90
        "Subject Key Identifier marked critical", // 91
        "CA cert does not include key usage extension", // 92
        "Using cert extension requires at least X509v3", // 93
        "Certificate public key has explicit ECC parameters", // 94
    ];

    /// <summary>The text `openssl verify` prints after "error N at D depth lookup: ".</summary>
    public static string Text(int code) =>
        code >= 0 && code < Texts.Length ? Texts[code] : "unknown certificate verification error";
}
