using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace CnfSigner.Pki.Tools;

/// <summary>One digest `dgst` offers: the name OpenSSL 3's default provider prints and a BouncyCastle factory.</summary>
public sealed record MessageDigest(string Name, Func<IDigest> Create, int XofLength = 0)
{
    public bool IsXof => XofLength > 0;

    /// <summary>`dgst -hmac KEY`: HMAC with this digest; OpenSSL has none for XOFs ("Error setting context").</summary>
    public byte[] Hmac(byte[] key, ReadOnlySpan<byte> data)
    {
        if (IsXof) throw new CnfSignerException("Error setting context");
        var mac = new Org.BouncyCastle.Crypto.Macs.HMac(Create());
        mac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
        mac.BlockUpdate(data);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return result;
    }

    /// <summary>The digest of <paramref name="data"/>; XOFs give <paramref name="xofLength"/> bytes (their default without).</summary>
    public byte[] Compute(ReadOnlySpan<byte> data, int? xofLength = null)
    {
        var digest = Create();
        digest.BlockUpdate(data);
        if (digest is IXof xof)
        {
            var output = new byte[xofLength ?? XofLength];
            xof.OutputFinal(output, 0, output.Length);
            return output;
        }
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }
}

/// <summary>
/// The digests of OpenSSL 3.0's default provider (md4, whirlpool, mdc2 live in the legacy provider and fail there
/// too), by every name EVP_get_digestbyname takes, case-insensitively.
/// </summary>
public static class MessageDigests
{
    private static readonly MessageDigest Md5 = new("MD5", () => new MD5Digest());
    private static readonly MessageDigest Sha1 = new("SHA1", () => new Sha1Digest());
    private static readonly MessageDigest Sha224 = new("SHA2-224", () => new Sha224Digest());
    private static readonly MessageDigest Sha256 = new("SHA2-256", () => new Sha256Digest());
    private static readonly MessageDigest Sha384 = new("SHA2-384", () => new Sha384Digest());
    private static readonly MessageDigest Sha512 = new("SHA2-512", () => new Sha512Digest());
    private static readonly MessageDigest Sha512t224 = new("SHA2-512/224", () => new Sha512tDigest(224));
    private static readonly MessageDigest Sha512t256 = new("SHA2-512/256", () => new Sha512tDigest(256));
    private static readonly MessageDigest Sha3_224 = new("SHA3-224", () => new Sha3Digest(224));
    private static readonly MessageDigest Sha3_256 = new("SHA3-256", () => new Sha3Digest(256));
    private static readonly MessageDigest Sha3_384 = new("SHA3-384", () => new Sha3Digest(384));
    private static readonly MessageDigest Sha3_512 = new("SHA3-512", () => new Sha3Digest(512));
    private static readonly MessageDigest Shake128 = new("SHAKE-128", () => new ShakeDigest(128), 16);
    private static readonly MessageDigest Shake256 = new("SHAKE-256", () => new ShakeDigest(256), 32);
    private static readonly MessageDigest Blake2b = new("BLAKE2B-512", () => new Blake2bDigest(512));
    private static readonly MessageDigest Blake2s = new("BLAKE2S-256", () => new Blake2sDigest(256));
    private static readonly MessageDigest Sm3 = new("SM3", () => new SM3Digest());
    private static readonly MessageDigest Ripemd160 = new("RIPEMD-160", () => new RipeMD160Digest());

    // providers/implementations/include/prov/names.h: the aliases of each digest.
    private static readonly Dictionary<string, MessageDigest> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = Md5, ["ssl3-md5"] = Md5,
        ["sha1"] = Sha1, ["sha-1"] = Sha1, ["ssl3-sha1"] = Sha1,
        ["sha224"] = Sha224, ["sha2-224"] = Sha224, ["sha-224"] = Sha224,
        ["sha256"] = Sha256, ["sha2-256"] = Sha256, ["sha-256"] = Sha256,
        ["sha384"] = Sha384, ["sha2-384"] = Sha384, ["sha-384"] = Sha384,
        ["sha512"] = Sha512, ["sha2-512"] = Sha512, ["sha-512"] = Sha512,
        ["sha512-224"] = Sha512t224, ["sha2-512/224"] = Sha512t224, ["sha-512/224"] = Sha512t224,
        ["sha512-256"] = Sha512t256, ["sha2-512/256"] = Sha512t256, ["sha-512/256"] = Sha512t256,
        ["sha3-224"] = Sha3_224, ["sha3-256"] = Sha3_256, ["sha3-384"] = Sha3_384, ["sha3-512"] = Sha3_512,
        ["shake128"] = Shake128, ["shake-128"] = Shake128, ["shake256"] = Shake256, ["shake-256"] = Shake256,
        ["blake2b512"] = Blake2b, ["blake2s256"] = Blake2s,
        ["sm3"] = Sm3,
        ["ripemd160"] = Ripemd160, ["ripemd-160"] = Ripemd160, ["ripemd"] = Ripemd160, ["rmd160"] = Ripemd160,
    };

    /// <summary>apps/dgst.c -list: the names as options, sorted (OpenSSL lists each EVP_MD's short names).</summary>
    public static IEnumerable<string> ListNames { get; } =
    [
        "blake2b512", "blake2s256", "md5", "ripemd", "ripemd160", "rmd160", "sha1", "sha224", "sha256", "sha3-224",
        "sha3-256", "sha3-384", "sha3-512", "sha384", "sha512", "sha512-224", "sha512-256", "shake128", "shake256", "sm3",
    ];

    public static MessageDigest? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The digest used when none is named: SHA-256, printed "SHA256" (apps/dgst.c falls back on EVP_sha256()).</summary>
    public static MessageDigest Default { get; } = Sha256 with { Name = "SHA256" };
}
