using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Text;

/// <summary>Digest names as OpenSSL's EVP_MD_fetch takes them (case-insensitive, with its aliases).</summary>
public static class Fingerprints
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sha1"] = "SHA-1", ["sha-1"] = "SHA-1", ["ssl3-sha1"] = "SHA-1",
        ["sha224"] = "SHA-224", ["sha2-224"] = "SHA-224", ["sha-224"] = "SHA-224",
        ["sha256"] = "SHA-256", ["sha2-256"] = "SHA-256", ["sha-256"] = "SHA-256",
        ["sha384"] = "SHA-384", ["sha2-384"] = "SHA-384", ["sha-384"] = "SHA-384",
        ["sha512"] = "SHA-512", ["sha2-512"] = "SHA-512", ["sha-512"] = "SHA-512",
        ["sha512-224"] = "SHA-512/224", ["sha2-512/224"] = "SHA-512/224", ["sha-512/224"] = "SHA-512/224",
        ["sha512-256"] = "SHA-512/256", ["sha2-512/256"] = "SHA-512/256", ["sha-512/256"] = "SHA-512/256",
        ["sha3-224"] = "SHA3-224", ["sha3-256"] = "SHA3-256", ["sha3-384"] = "SHA3-384", ["sha3-512"] = "SHA3-512",
        ["md5"] = "MD5", ["ssl3-md5"] = "MD5",
        ["ripemd160"] = "RIPEMD160", ["ripemd-160"] = "RIPEMD160", ["rmd160"] = "RIPEMD160", ["ripemd"] = "RIPEMD160",
        ["sm3"] = "SM3",
    };

    /// <summary>EVP_MD_get0_name(): the provider's canonical name ("SHA2-256" for "sha256"), as "crl -fingerprint" prints it.</summary>
    public static string? CanonicalName(string name) => Names.TryGetValue(name, out var algorithm)
        ? algorithm switch
        {
            "SHA-1" => "SHA1",
            "RIPEMD160" => "RIPEMD-160",
            _ when algorithm.StartsWith("SHA-", StringComparison.Ordinal) => "SHA2-" + algorithm[4..],
            _ => algorithm,
        }
        : null;

    /// <summary>The digest of <paramref name="data"/>, or null when OpenSSL would say "Unknown digest".</summary>
    public static byte[]? Compute(string name, byte[] data)
    {
        if (!Names.TryGetValue(name, out var algorithm)) return null;
        return DigestUtilities.CalculateDigest(algorithm, data);
    }

    /// <summary>"AB:CD:..." as the fingerprint line prints it.</summary>
    public static string Hex(byte[] digest) => HexPrinter.ColonUpper(digest);
}
