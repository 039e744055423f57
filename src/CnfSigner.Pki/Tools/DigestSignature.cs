using CnfSigner.Pki.Ec;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Tools;

/// <summary>
/// `dgst -sign/-verify/-prverify`: RSA PKCS#1 v1.5 and ECDSA (DER) signatures over a file's digest, the ones
/// EVP_DigestSign gives for those keys with no -sigopt.
/// </summary>
public static class DigestSignature
{
    /// <summary>The key type as EVP_PKEY_get0_type_name() prints it before the digest name ("RSA-SHA2-256").</summary>
    public static string KeyTypeName(PrivateKey key) => key.Private is RsaKeyParameters ? "RSA" : "EC";

    public static byte[] Sign(PrivateKey key, MessageDigest digest, byte[] data)
    {
        var signer = Signer(key.Private, digest);
        signer.Init(true, new ParametersWithRandom(key.Private, OsRandom.Create()));
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(SubjectPublicKeyInfo publicKey, MessageDigest digest, byte[] data, byte[] signature)
    {
        var key = PublicKeyFactory.CreateKey(publicKey);
        var signer = Signer(key, digest);
        signer.Init(false, key);
        signer.BlockUpdate(data, 0, data.Length);
        try
        {
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or DataLengthException)
        {
            return false; // a signature that does not even parse is a failed verification
        }
    }

    private static ISigner Signer(AsymmetricKeyParameter key, MessageDigest digest) => key switch
    {
        RsaKeyParameters => Signing.RsaPublicCore.Pkcs1Signer(digest.Create()),
        ECKeyParameters => new DsaDigestSigner(new EcDsa(), digest.Create()),
        _ => throw new CnfSignerException("dgst: cnfsigner signs with RSA and EC keys only"),
    };
}

/// <summary>The key `dgst -verify` (a public key file) or `-prverify` (a private key file) checks against.</summary>
public sealed class VerifyKey
{
    private readonly SubjectPublicKeyInfo _publicKey;

    private VerifyKey(SubjectPublicKeyInfo publicKey) => _publicKey = publicKey;

    /// <summary>-verify FILE: a public key, or the public half of a private key file.</summary>
    public static VerifyKey LoadPublic(string path, string? passphrase) => new(KeyReader.LoadPublicKey(path, passphrase));

    /// <summary>-prverify FILE: the public half of a private key.</summary>
    public static VerifyKey LoadPrivate(string path, string? passphrase) =>
        new(KeyReader.LoadPrivateKey(path, passphrase).PublicInfo);

    public bool Verify(MessageDigest digest, byte[] data, byte[] signature) =>
        DigestSignature.Verify(_publicKey, digest, data, signature);
}
