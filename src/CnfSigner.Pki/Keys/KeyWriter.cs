using CnfSigner.Pki.Io;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Writes keys as OpenSSL 3 does: PKCS#8 by default ("PRIVATE KEY", or "ENCRYPTED PRIVATE KEY" with PBES2),
/// the traditional PKCS#1/SEC1 form on request ("RSA PRIVATE KEY", with Proc-Type/DEK-Info when encrypted),
/// DER forms, and the public key ("PUBLIC KEY"). PEM is returned as text with 64-character base64 lines.
/// </summary>
public static class KeyWriter
{
    public static byte[] Pkcs8Der(PrivateKey key) => key.Info.GetEncoded(Asn1Encodable.Der);

    public static string Pkcs8Pem(PrivateKey key) => PemBlock.Of("PRIVATE KEY", Pkcs8Der(key)).Encode();

    /// <summary>PBES2 with PBKDF2-HMAC-SHA256 and 2048 iterations, as OpenSSL 3.0's PEM_write_bio_PrivateKey().</summary>
    public static byte[] EncryptedPkcs8Der(PrivateKey key, KeyCipher cipher, string passphrase, int iterations = Pbes2.DefaultIterations) =>
        Pbes2.Encrypt(Pkcs8Der(key), cipher, Password(passphrase), iterations).GetEncoded(Asn1Encodable.Der);

    public static string EncryptedPkcs8Pem(PrivateKey key, KeyCipher cipher, string passphrase, int iterations = Pbes2.DefaultIterations) =>
        PemBlock.Of("ENCRYPTED PRIVATE KEY", EncryptedPkcs8Der(key, cipher, passphrase, iterations)).Encode();

    /// <summary>PKCS#1 RSAPrivateKey for RSA, SEC1 ECPrivateKey (curve included) for EC.</summary>
    public static byte[] TraditionalDer(PrivateKey key) => key.Private switch
    {
        RsaPrivateCrtKeyParameters => key.Info.ParsePrivateKey().GetEncoded(Asn1Encodable.Der),
        ECPrivateKeyParameters ec => EcTraditional(key, ec).GetEncoded(Asn1Encodable.Der),
        _ => throw new CnfSignerException("traditional format is only available for RSA and EC keys"),
    };

    public static string TraditionalPem(PrivateKey key) => PemBlock.Of(TraditionalLabel(key), TraditionalDer(key)).Encode();

    /// <summary>"Proc-Type: 4,ENCRYPTED" and "DEK-Info: AES-256-CBC,&lt;IV hex&gt;", key from EVP_BytesToKey (MD5).</summary>
    public static string EncryptedTraditionalPem(PrivateKey key, KeyCipher cipher, string passphrase) =>
        PemEncryption.Encrypt(TraditionalLabel(key), TraditionalDer(key), cipher, Password(passphrase)).Encode();

    /// <summary>
    /// crypto/pem/pem_pkey.c PEM_write_bio_PrivateKey() (PKCS#8) or PEM_write_bio_PrivateKey_traditional():
    /// encrypted when a cipher is given.
    /// </summary>
    public static string PrivateKeyPem(PrivateKey key, KeyCipher? cipher, string? passphrase, bool traditional)
    {
        if (cipher == null) return traditional ? TraditionalPem(key) : Pkcs8Pem(key);
        ArgumentNullException.ThrowIfNull(passphrase);
        return traditional ? EncryptedTraditionalPem(key, cipher, passphrase) : EncryptedPkcs8Pem(key, cipher, passphrase);
    }

    public static byte[] PublicKeyDer(SubjectPublicKeyInfo publicKey) => publicKey.GetEncoded(Asn1Encodable.Der);

    /// <summary>PEM_write_bio_PUBKEY(): "-----BEGIN PUBLIC KEY-----", as req -pubkey and x509 -pubkey print.</summary>
    public static string PublicKeyPem(SubjectPublicKeyInfo publicKey) => PemBlock.Of("PUBLIC KEY", PublicKeyDer(publicKey)).Encode();

    private static string TraditionalLabel(PrivateKey key) => key.Private is ECPrivateKeyParameters ? "EC PRIVATE KEY" : "RSA PRIVATE KEY";

    private static byte[] Password(string passphrase) => Encoding.UTF8.GetBytes(passphrase);

    // crypto/ec/ec_asn1.c i2d_ECPrivateKey(): version 1, the private key padded to the order's length,
    // [0] the curve, [1] the public point.
    private static ECPrivateKeyStructure EcTraditional(PrivateKey key, ECPrivateKeyParameters ec)
    {
        // ec -no_public: the public point is left out when the PKCS#8 form left it out.
        var stored = ECPrivateKeyStructure.GetInstance(key.Info.ParsePrivateKey()).PublicKey;
        var publicKey = stored == null ? null : new DerBitString(key.PublicInfo.PublicKey.GetOctets());
        return new ECPrivateKeyStructure(ec.Parameters.N.BitLength, ec.D, publicKey, key.Info.PrivateKeyAlgorithm.Parameters);
    }
}
