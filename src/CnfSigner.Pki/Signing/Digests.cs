using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Signing;

/// <summary>OpenSSL's message-digest names (-sha256, default_md) mapped to BouncyCastle signature algorithms.</summary>
public static class Digests
{
    public const string Default = "sha256"; // the RSA and EC default in OpenSSL 3

    // name → the digest part of a BouncyCastle "<DIGEST>WITH<KEY>" algorithm name
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = "MD5",
        ["sha1"] = "SHA1",
        ["sha224"] = "SHA224",
        ["sha256"] = "SHA256",
        ["sha384"] = "SHA384",
        ["sha512"] = "SHA512",
        ["sha3-224"] = "SHA3-224",
        ["sha3-256"] = "SHA3-256",
        ["sha3-384"] = "SHA3-384",
        ["sha3-512"] = "SHA3-512",
    };

    public static bool IsKnown(string name) => Names.ContainsKey(name) || name == "default";

    /// <summary>The names OpenSSL accepts as "-digest" options, for option tables that take "-*".</summary>
    public static IEnumerable<string> All => Names.Keys;

    /// <summary>A signature factory for the key and digest ("default" means sha256, as EVP_PKEY_get_default_digest).</summary>
    public static ISignatureFactory SignatureFactory(string digest, AsymmetricKeyParameter privateKey)
    {
        // EdDSA signs the message itself, with no digest to choose (the keys issue #12 added; smallest change here).
        if (privateKey is Ed25519PrivateKeyParameters or Ed448PrivateKeyParameters)
            return new Asn1SignatureFactory(privateKey is Ed25519PrivateKeyParameters ? "Ed25519" : "Ed448", privateKey, OsRandom.Create());
        if (digest == "default") digest = Default;
        if (!Names.TryGetValue(digest, out var bcDigest))
            throw new CnfSignerException($"Unknown digest {digest}");
        var keyPart = privateKey switch
        {
            RsaKeyParameters => "RSA",
            ECPrivateKeyParameters => "ECDSA",
            _ => throw new CnfSignerException("unsupported key type for signing"),
        };
        return new Asn1SignatureFactory($"{bcDigest}WITH{keyPart}", privateKey, OsRandom.Create());
    }

    /// <summary>Signs <paramref name="data"/> (a TBSCertificate, request info or TBSCertList) with the factory.</summary>
    public static byte[] Sign(ISignatureFactory factory, byte[] data)
    {
        var calculator = factory.CreateCalculator();
        using (var stream = calculator.Stream) stream.Write(data, 0, data.Length);
        return ((IBlockResult)calculator.GetResult()).Collect();
    }
}
