using CnfSigner.Pki.Ec;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// A private key with its public half: the BouncyCastle parameters for signing, the PKCS#8 structure it was read
/// from or generated as (written back unchanged), and the SubjectPublicKeyInfo that goes into requests.
/// </summary>
public sealed record PrivateKey(
    AsymmetricKeyParameter Private,
    AsymmetricKeyParameter Public,
    PrivateKeyInfo Info,
    SubjectPublicKeyInfo PublicInfo)
{
    public bool IsRsa => Private is RsaKeyParameters;

    /// <summary>Builds the key from PKCS#8; the public half is derived when the structure does not carry it.</summary>
    public static PrivateKey FromInfo(PrivateKeyInfo info)
    {
        var key = PrivateKeyFactory.CreateKey(info);
        return key switch
        {
            RsaPrivateCrtKeyParameters rsa => FromRsa(rsa, info),
            ECPrivateKeyParameters ec => FromEc(ec, info),
            Ed25519PrivateKeyParameters ed => WithPublic(key, ed.GeneratePublicKey(), info),
            Ed448PrivateKeyParameters ed => WithPublic(key, ed.GeneratePublicKey(), info),
            X25519PrivateKeyParameters x => WithPublic(key, x.GeneratePublicKey(), info),
            X448PrivateKeyParameters x => WithPublic(key, x.GeneratePublicKey(), info),
            _ => throw new ArgumentException("unsupported key type " + info.PrivateKeyAlgorithm.Algorithm.Id),
        };
    }

    public static PrivateKey FromKeyPair(AsymmetricCipherKeyPair pair) =>
        FromInfo(PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private));

    // An RSA-PSS key keeps its rsassaPss AlgorithmIdentifier (and any parameter restrictions) in the public key,
    // as crypto/rsa/rsa_ameth.c rsa_pub_encode() writes it.
    private static PrivateKey FromRsa(RsaPrivateCrtKeyParameters rsa, PrivateKeyInfo info)
    {
        var publicKey = new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent);
        if (!info.PrivateKeyAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdRsassaPss)) return WithPublic(rsa, publicKey, info);
        var spki = new SubjectPublicKeyInfo(info.PrivateKeyAlgorithm, new RsaPublicKeyStructure(rsa.Modulus, rsa.PublicExponent));
        return new PrivateKey(rsa, publicKey, info, spki);
    }

    // The public key reuses the PKCS#8 AlgorithmIdentifier (named curve or explicit parameters), as OpenSSL's
    // i2d_PUBKEY() does; the point is written uncompressed (POINT_CONVERSION_UNCOMPRESSED is OpenSSL's default)
    // unless the key file carried it compressed (crypto/ec/ec_key.c EC_KEY_oct2key() keeps the form it read).
    private static PrivateKey FromEc(ECPrivateKeyParameters ec, PrivateKeyInfo info)
    {
        var publicKey = EcPoints.PublicKey(ec);
        var q = publicKey.Q;
        var stored = Org.BouncyCastle.Asn1.Sec.ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey()).PublicKey?.GetOctets();
        var compressed = stored is { Length: > 0 } && stored[0] is 2 or 3;
        var spki = new SubjectPublicKeyInfo(info.PrivateKeyAlgorithm, q.GetEncoded(compressed));
        return new PrivateKey(ec, publicKey, info, spki);
    }

    private static PrivateKey WithPublic(AsymmetricKeyParameter key, AsymmetricKeyParameter publicKey, PrivateKeyInfo info) =>
        new(key, publicKey, info, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey));
}

/// <summary>Checks between keys and certificates.</summary>
public static class KeyChecks
{
    /// <summary>
    /// crypto/x509/x509_cmp.c X509_check_private_key(): the certificate's public key equals the private key's
    /// public half (EVP_PKEY_eq compares the key material, so a compressed EC point still matches).
    /// </summary>
    public static bool KeyMatches(PrivateKey key, SubjectPublicKeyInfo publicKey)
    {
        if (DerEquals(key.PublicInfo, publicKey)) return true;
        try
        {
            // AsymmetricKeyParameter.Equals() only compares the "is private" flag unless a subclass overrides it,
            // so the key material is compared by type here.
            return (key.Public, PublicKeyFactory.CreateKey(publicKey)) switch
            {
                (RsaKeyParameters a, RsaKeyParameters b) => a.Modulus.Equals(b.Modulus) && a.Exponent.Equals(b.Exponent),
                (ECPublicKeyParameters a, ECPublicKeyParameters b) => a.Parameters.Equals(b.Parameters) && a.Q.Equals(b.Q),
                _ => false, // other types have one encoding, compared above
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            return false; // a key BouncyCastle cannot read cannot be this key
        }
    }

    private static bool DerEquals(Asn1Encodable a, Asn1Encodable b) =>
        a.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(b.GetEncoded(Asn1Encodable.Der));
}
