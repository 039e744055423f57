using CnfSigner.Pki.Ec;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// OpenSSL's message-digest names (-sha256, default_md) and the signature each key type makes with them:
/// sha256WithRSAEncryption (NULL parameters), ecdsa-with-SHA256 (no parameters), rsassaPss (its parameters),
/// ED25519 / ED448 (no digest, no parameters).
/// </summary>
public static class Digests
{
    public const string Default = "sha256"; // the RSA and EC default in OpenSSL 3

    // name → the digest part of a BouncyCastle "<DIGEST>WITH<KEY>" algorithm name, and the digest's OID
    private static readonly Dictionary<string, (string Bc, DerObjectIdentifier Oid)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = ("MD5", PkcsObjectIdentifiers.MD5),
        ["sha1"] = ("SHA1", OiwObjectIdentifiers.IdSha1),
        ["sha224"] = ("SHA224", NistObjectIdentifiers.IdSha224),
        ["sha256"] = ("SHA256", NistObjectIdentifiers.IdSha256),
        ["sha384"] = ("SHA384", NistObjectIdentifiers.IdSha384),
        ["sha512"] = ("SHA512", NistObjectIdentifiers.IdSha512),
        ["sha3-224"] = ("SHA3-224", NistObjectIdentifiers.IdSha3_224),
        ["sha3-256"] = ("SHA3-256", NistObjectIdentifiers.IdSha3_256),
        ["sha3-384"] = ("SHA3-384", NistObjectIdentifiers.IdSha3_384),
        ["sha3-512"] = ("SHA3-512", NistObjectIdentifiers.IdSha3_512),
    };

    public static bool IsKnown(string name) => Names.ContainsKey(name) || name == "default";

    /// <summary>The names OpenSSL accepts as "-digest" options, for option tables that take "-*".</summary>
    public static IEnumerable<string> All => Names.Keys;

    /// <summary>
    /// EVP_PKEY_get_default_digest_name() == 2 with "UNDEF": Ed25519 and Ed448 sign without a digest, and
    /// apps/lib/apps.c do_sign_init() (and ca.c) then ignore -md / default_md whatever it names.
    /// </summary>
    public static bool TakesNoDigest(PrivateKey key) => key.Private is Ed25519PrivateKeyParameters or Ed448PrivateKeyParameters;

    /// <summary>
    /// A signature factory for the key and digest. "default" is the key type's default digest
    /// (EVP_PKEY_get_default_digest: sha256 for RSA and EC, the restricted hash of an RSA-PSS key).
    /// </summary>
    public static ISignatureFactory SignatureFactory(string digest, PrivateKey key) => SignatureFactory(digest, key, SignatureOptions.None);

    /// <summary>The signature factory with -sigopt applied (<see cref="SignatureOptions.Parse"/> has checked them against the key).</summary>
    public static ISignatureFactory SignatureFactory(string digest, PrivateKey key, SignatureOptions options)
    {
        if (options.Pss && key.Private is RsaKeyParameters) return RsaPss.SignatureFactory(digest, key, options);
        if (key.Private is Ed25519PrivateKeyParameters ed25519)
            return new KeySignatureFactory(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), () => Init(new Ed25519Signer(), ed25519));
        if (key.Private is Ed448PrivateKeyParameters ed448)
            return new KeySignatureFactory(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed448), () => Init(new Ed448Signer([]), ed448));
        if (RsaPss.IsPssKey(key.Info.PrivateKeyAlgorithm)) return RsaPss.SignatureFactory(digest, key);
        var name = Lookup(digest == "default" ? Default : digest);
        return key.Private switch
        {
            RsaKeyParameters => new KeySignatureFactory(
                (AlgorithmIdentifier)new Asn1SignatureFactory($"{name}WITHRSA", key.Private).AlgorithmDetails,
                () => Init(RsaPkcs1(digest == "default" ? Default : digest), new ParametersWithRandom(key.Private, OsRandom.Create()))),
            // ECDSA has no signature OID for MD5: OpenSSL fails (exit 1, nothing written) without a word of its own.
            ECPrivateKeyParameters when name == "MD5" => throw new CnfSignerException("md5 cannot sign with an EC key"),
            ECPrivateKeyParameters => new KeySignatureFactory(
                (AlgorithmIdentifier)new Asn1SignatureFactory($"{name}WITHECDSA", key.Private).AlgorithmDetails,
                () => Init(new DsaDigestSigner(new EcDsa(), DigestUtilities.GetDigest(Oid(digest == "default" ? Default : digest))),
                    new ParametersWithRandom(key.Private, OsRandom.Create()))),
            _ => throw new CnfSignerException("unsupported key type for signing"),
        };
    }

    /// <summary>Signs <paramref name="data"/> (a TBSCertificate, request info or TBSCertList) with the factory.</summary>
    public static byte[] Sign(ISignatureFactory factory, byte[] data)
    {
        var calculator = factory.CreateCalculator();
        using (var stream = calculator.Stream) stream.Write(data, 0, data.Length);
        return ((IBlockResult)calculator.GetResult()).Collect();
    }

    /// <summary>An RSA PKCS#1 v1.5 signer (our constant-time engine, Signing/RsaPrivateKeyEngine) for an OpenSSL digest name.</summary>
    internal static ISigner RsaPkcs1(string digest) => new RsaPkcs1Signer(DigestUtilities.GetDigest(Oid(digest)), Oid(digest));

    /// <summary>The BouncyCastle digest part of an OpenSSL digest name ("SHA256").</summary>
    internal static string Lookup(string digest) =>
        Names.TryGetValue(digest, out var d) ? d.Bc : throw new CnfSignerException($"Unknown digest {digest}");

    /// <summary>The digest's OID, for an OpenSSL digest name.</summary>
    internal static DerObjectIdentifier Oid(string digest) =>
        Names.TryGetValue(digest, out var d) ? d.Oid : throw new CnfSignerException($"Unknown digest {digest}");

    /// <summary>The OpenSSL name of a digest OID, or null.</summary>
    internal static string? NameOf(DerObjectIdentifier oid) =>
        Names.FirstOrDefault(n => n.Value.Oid.Equals(oid)).Key;

    private static ISigner Init(ISigner signer, ICipherParameters key)
    {
        signer.Init(true, key);
        return signer;
    }

    /// <summary>A signature factory over a BouncyCastle signer, for identifiers Asn1SignatureFactory cannot write.</summary>
    internal sealed class KeySignatureFactory(AlgorithmIdentifier algorithm, Func<ISigner> signer) : ISignatureFactory
    {
        public object AlgorithmDetails => algorithm;

        public IStreamCalculator<IBlockResult> CreateCalculator() => new DefaultSignatureCalculator(signer());
    }
}
