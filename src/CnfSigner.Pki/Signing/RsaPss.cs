using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// RSASSA-PSS (RFC 4055) as OpenSSL 3.0 signs with an RSA-PSS key: an unrestricted key signs with the digest
/// asked for, MGF1 with the same digest and the longest salt the key allows (RSA_PSS_SALTLEN_AUTO); a key with
/// parameter restrictions signs with its own hash, mask and minimum salt length and refuses any other digest.
/// </summary>
public static class RsaPss
{
    private const int DefaultSalt = 20;

    public static bool IsPssKey(AlgorithmIdentifier algorithm) => algorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdRsassaPss);

    /// <summary>The signature factory for an RSA-PSS key and an OpenSSL digest name ("default": sha256 or the key's hash).</summary>
    public static ISignatureFactory SignatureFactory(string digest, PrivateKey key) => SignatureFactory(digest, key, SignatureOptions.None);

    /// <summary>
    /// The signature factory with -sigopt's salt length and mask digest (an RSA key with rsa_padding_mode:pss, or an
    /// RSA-PSS key): rsa_sig.c rsa_pss_compute_saltlen(): digest is the hash length, auto and max the longest salt.
    /// </summary>
    public static ISignatureFactory SignatureFactory(string digest, PrivateKey key, SignatureOptions options)
    {
        var rsa = (RsaKeyParameters)key.Private;
        var restriction = key.Info.PrivateKeyAlgorithm.Parameters is { } p && p is not DerNull
            ? Read(RsassaPssParameters.GetInstance(p)) : ((string Hash, string Mgf, int Salt)?)null;
        string hash, mgf;
        int salt;
        if (restriction is { } r)
        {
            // providers/implementations/signature/rsa_sig.c rsa_check_padding(): only the key's digest.
            if (digest != "default" && !Digests.Oid(digest).Equals(Digests.Oid(r.Hash))) throw new CnfSignerException("digest not allowed");
            if (options.SaltLength != null || options.MaskDigest != null)
                throw new CnfSignerException("cnfsigner does not take rsa_pss_saltlen or rsa_mgf1_md with an RSA-PSS key that restricts its parameters");
            (hash, mgf, salt) = r;
        }
        else
        {
            hash = digest == "default" ? Digests.Default : digest;
            mgf = options.MaskDigest ?? hash;
            var emLen = (rsa.Modulus.BitLength + 6) / 8;
            var hashLength = DigestUtilities.GetDigest(Digests.Oid(hash)).GetDigestSize();
            var max = emLen - hashLength - 2;
            salt = options.SaltLength switch
            {
                null or SignatureOptions.SaltAuto or SignatureOptions.SaltMax => max,
                SignatureOptions.SaltDigest => hashLength,
                var n => n.Value,
            };
            // crypto/rsa/rsa_pss.c RSA_padding_add_PKCS1_PSS_mgf1(): the salt must fit the key.
            if (salt > max || max < 0) throw new CnfSignerException("data too large for key size");
        }
        var algorithm = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, Parameters(hash, mgf, salt));
        return new Digests.KeySignatureFactory(algorithm, () =>
        {
            var signer = Signer(hash, mgf, salt, new RsaPrivateKeyEngine());
            signer.Init(true, new ParametersWithRandom(rsa, OsRandom.Create()));
            return signer;
        });
    }

    /// <summary>A verifier for a signature whose AlgorithmIdentifier is rsassaPss, or null when the parameters are unusable.</summary>
    public static ISigner? Verifier(AlgorithmIdentifier algorithm, RsaKeyParameters key)
    {
        try
        {
            var p = algorithm.Parameters is { } parameters ? RsassaPssParameters.GetInstance(parameters) : new RsassaPssParameters();
            if (!p.TrailerField.Value.Equals(Org.BouncyCastle.Math.BigInteger.One)) return null;
            var (hash, mgf, salt) = Read(p);
            var signer = Signer(hash, mgf, salt, new RsaBlindedEngine(new RsaPublicCore()));
            signer.Init(false, key);
            return signer;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or CnfSignerException or SecurityUtilityException)
        {
            return null;
        }
    }

    private static PssSigner Signer(string hash, string mgf, int salt, IAsymmetricBlockCipher engine) =>
        new(engine, DigestUtilities.GetDigest(Digests.Oid(hash)), DigestUtilities.GetDigest(Digests.Oid(mgf)), salt);

    private static (string Hash, string Mgf, int Salt) Read(RsassaPssParameters p)
    {
        var hash = Name(p.HashAlgorithm);
        if (!p.MaskGenAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdMgf1)) throw new CnfSignerException("unsupported mask algorithm");
        var mgf = Name(AlgorithmIdentifier.GetInstance(p.MaskGenAlgorithm.Parameters));
        return (hash, mgf, p.SaltLength.Value.IntValueExact);
    }

    private static string Name(AlgorithmIdentifier digest) =>
        Digests.NameOf(digest.Algorithm) ?? throw new CnfSignerException("unsupported digest " + digest.Algorithm.Id);

    /// <summary>
    /// crypto/rsa/rsa_ameth.c ossl_rsa_pss_params_create(): SHA-1 hash and mask and a 20-byte salt are the defaults
    /// and left out; any other digest is written with NULL parameters (X509_ALGOR_set_md); the trailer is never written.
    /// </summary>
    private static DerSequence Parameters(string hash, string mgf, int salt)
    {
        var fields = new Asn1EncodableVector();
        if (!IsSha1(hash)) fields.Add(new DerTaggedObject(true, 0, DigestAlgorithm(hash)));
        if (!IsSha1(mgf))
            fields.Add(new DerTaggedObject(true, 1, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, DigestAlgorithm(mgf))));
        if (salt != DefaultSalt) fields.Add(new DerTaggedObject(true, 2, DerInteger.ValueOf(salt)));
        return new DerSequence(fields);
    }

    private static bool IsSha1(string name) => Digests.Oid(name).Equals(OiwObjectIdentifiers.IdSha1);

    private static AlgorithmIdentifier DigestAlgorithm(string name) => new(Digests.Oid(name), DerNull.Instance);
}
