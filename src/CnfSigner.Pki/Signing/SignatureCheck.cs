using CnfSigner.Pki.Ec;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// Signature checks that never reach .NET's RandomNumberGenerator (OpenSSL's RAND_bytes on Linux): BouncyCastle's
/// Pkcs1Encoding.Init makes a parameterless SecureRandom when it is given a bare key, even to verify, so RSA PKCS#1
/// checks here hand it <see cref="OsRandom"/>; RSASSA-PSS reads its parameters (<see cref="RsaPss"/>). Other algorithms take no randomness to verify and keep BouncyCastle's
/// own verifier.
/// </summary>
public static class SignatureCheck
{
    /// <summary>
    /// X509_REQ_verify()'s three answers: 1, 0 and -1, an algorithm or key it cannot use (ASN1_item_verify_ctx
    /// "unknown signature algorithm"), which the commands report in other words than a mismatch.
    /// </summary>
    public static SignatureStatus Check(Pkcs10CertificationRequest request, AsymmetricKeyParameter? key = null)
    {
        try
        {
            return request.Verify(new Provider(key ?? request.GetPublicKey())) ? SignatureStatus.Valid : SignatureStatus.Invalid;
        }
        // BouncyCastle reports an algorithm or key it cannot use with many exception types (SignatureException
        // around SecurityUtilityException, InvalidKeyException, ArgumentException, InvalidCastException...).
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            return SignatureStatus.Unverifiable;
        }
    }

    /// <summary>The request's self-signature (X509_REQ_verify).</summary>
    public static bool Verify(Pkcs10CertificationRequest request) => request.Verify(new Provider(request.GetPublicKey()));

    /// <summary>A request's signature checked with another key (req -verify after -key).</summary>
    public static bool Verify(Pkcs10CertificationRequest request, AsymmetricKeyParameter key) => request.Verify(new Provider(key));

    /// <summary>X509_verify: a certificate's signature with its issuer's key.</summary>
    public static bool Verify(Org.BouncyCastle.X509.X509Certificate certificate, AsymmetricKeyParameter key) =>
        certificate.IsSignatureValid(new Provider(key));

    /// <summary>X509_CRL_verify: a CRL's signature with its issuer's key.</summary>
    public static bool Verify(Org.BouncyCastle.X509.X509Crl crl, AsymmetricKeyParameter key) =>
        crl.IsSignatureValid(new Provider(key));

    /// <summary>ASN1_item_verify() on bytes already encoded (an OCSP response's tbsResponseData); false when unusable.</summary>
    public static bool Verify(AlgorithmIdentifier algorithm, byte[] signature, byte[] data, AsymmetricKeyParameter key)
    {
        try
        {
            var calculator = new Provider(key).CreateVerifierFactory(algorithm).CreateCalculator();
            using (var stream = calculator.Stream) stream.Write(data, 0, data.Length);
            return calculator.GetResult().IsVerified(signature);
        }
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            return false;
        }
    }

    private sealed class Provider(AsymmetricKeyParameter publicKey) : IVerifierFactoryProvider
    {
        public IVerifierFactory CreateVerifierFactory(object algorithmDetails)
        {
            var algorithm = (AlgorithmIdentifier)algorithmDetails;
            if (publicKey is ECPublicKeyParameters ec && EcDsaDigest(algorithm.Algorithm) is { } digest)
                return new EcDsaFactory(algorithm, ec, digest);
            if (publicKey is not RsaKeyParameters rsa) return new Asn1VerifierFactory(algorithm, publicKey);
            return RsaPss.IsPssKey(algorithm) ? new PssFactory(algorithm, rsa) : new RsaPkcs1Factory(algorithm, publicKey);
        }
    }

    // BouncyCastle's own verifier takes the salt length from the digest, not from the parameters (OpenSSL signs
    // with the longest salt); unusable parameters make a verifier that never succeeds.
    private sealed class PssFactory(AlgorithmIdentifier algorithm, RsaKeyParameters publicKey) : IVerifierFactory
    {
        public object AlgorithmDetails => algorithm;

        public IStreamCalculator<IVerifier> CreateCalculator() =>
            RsaPss.Verifier(algorithm, publicKey) is { } signer
                ? new DefaultVerifierCalculator(signer)
                : throw new Org.BouncyCastle.Security.InvalidKeyException("invalid PSS parameters");
    }

    // The digest of an ecdsa-with-* signature algorithm (X9.62, NIST SHA-3), or null for any other algorithm.
    private static string? EcDsaDigest(DerObjectIdentifier oid) =>
        oid.Equals(X9ObjectIdentifiers.ECDsaWithSha1) ? "SHA-1"
        : oid.Equals(X9ObjectIdentifiers.ECDsaWithSha224) ? "SHA-224"
        : oid.Equals(X9ObjectIdentifiers.ECDsaWithSha256) ? "SHA-256"
        : oid.Equals(X9ObjectIdentifiers.ECDsaWithSha384) ? "SHA-384"
        : oid.Equals(X9ObjectIdentifiers.ECDsaWithSha512) ? "SHA-512"
        : oid.Equals(NistObjectIdentifiers.IdEcdsaWithSha3_224) ? "SHA3-224"
        : oid.Equals(NistObjectIdentifiers.IdEcdsaWithSha3_256) ? "SHA3-256"
        : oid.Equals(NistObjectIdentifiers.IdEcdsaWithSha3_384) ? "SHA3-384"
        : oid.Equals(NistObjectIdentifiers.IdEcdsaWithSha3_512) ? "SHA3-512"
        : null;

    // BouncyCastle's ECDsaSigner normalizes points through a parameterless SecureRandom (Ec/EcPoints).
    private sealed class EcDsaFactory(AlgorithmIdentifier algorithm, ECPublicKeyParameters publicKey, string digest) : IVerifierFactory
    {
        public object AlgorithmDetails => algorithm;

        public IStreamCalculator<IVerifier> CreateCalculator()
        {
            var signer = new DsaDigestSigner(new EcDsa(), DigestUtilities.GetDigest(digest));
            signer.Init(false, publicKey);
            return new DefaultVerifierCalculator(signer);
        }
    }

    private sealed class RsaPkcs1Factory(AlgorithmIdentifier algorithm, AsymmetricKeyParameter publicKey) : IVerifierFactory
    {
        public object AlgorithmDetails => algorithm;

        public IStreamCalculator<IVerifier> CreateCalculator() =>
            new DefaultVerifierCalculator(RsaPublicCore.InitVerifier(algorithm.Algorithm, publicKey));
    }
}

/// <summary>What a signature check found.</summary>
public enum SignatureStatus
{
    Valid,
    Invalid,
    /// <summary>The signature algorithm or the key cannot be used (OpenSSL's -1).</summary>
    Unverifiable,
}
