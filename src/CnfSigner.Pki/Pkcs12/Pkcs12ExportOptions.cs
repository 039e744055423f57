using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>apps/pkcs12.c -keyex / -keysig: the Microsoft key usage attribute on the key.</summary>
public enum Pkcs12KeyUsage
{
    None,
    Exchange,
    Signature,
}

/// <summary>
/// How a PKCS#12 file is written (openssl pkcs12 -export). The defaults are OpenSSL 3.0's: certificates and key
/// with PBES2 (PBKDF2, hmacWithSHA256, AES-256-CBC), 2048 iterations, an HMAC-SHA256 MAC with 2048 iterations.
/// <see cref="Legacy"/> gives what old Windows and Java keystores read: RC2-40 for certificates, 3DES for the key,
/// an HMAC-SHA1 MAC.
/// </summary>
public sealed record Pkcs12ExportOptions
{
    /// <summary>-name: friendlyName of the key and its certificate.</summary>
    public string? Name { get; init; }
    /// <summary>-caname (repeatable): friendlyNames of the other certificates, in order.</summary>
    public IReadOnlyList<string> CaNames { get; init; } = [];
    /// <summary>-keypbe: an OpenSSL object name (a PKCS#12 PBE such as "PBE-SHA1-3DES", or a cipher such as
    /// "AES-256-CBC" for PBES2), "NONE" for a plain key bag; null: the default.</summary>
    public string? KeyPbe { get; init; }
    /// <summary>-certpbe (-descert is "PBE-SHA1-3DES"): as <see cref="KeyPbe"/>; "NONE" leaves certificates unencrypted.</summary>
    public string? CertPbe { get; init; }
    /// <summary>-iter / -noiter (1): the encryption iteration count.</summary>
    public int Iterations { get; init; } = Pkcs12Crypto.DefaultIterations;
    /// <summary>-iter / -nomaciter (1): the MAC iteration count.</summary>
    public int MacIterations { get; init; } = Pkcs12Crypto.DefaultIterations;
    /// <summary>-nomac: no MAC (and, unless -certpbe says otherwise, unencrypted certificates).</summary>
    public bool NoMac { get; init; }
    /// <summary>-macalg: the MAC digest's name ("sha1", "sha256", ...); null: SHA-256 (SHA-1 with -legacy).</summary>
    public string? MacDigest { get; init; }
    /// <summary>-legacy: RC2-40 certificates, 3DES key, SHA-1 MAC (unless named otherwise).</summary>
    public bool Legacy { get; init; }
    /// <summary>-provider legacy: RC2 and RC4 may be named (-certpbe PBE-SHA1-RC2-40) without -legacy's defaults.</summary>
    public bool LegacyProvider { get; init; }
    internal bool LegacyAlgorithms => Legacy || LegacyProvider;
    public Pkcs12KeyUsage KeyUsage { get; init; }
    /// <summary>-CSP: the Microsoft CSP name attribute on the key.</summary>
    public string? CspName { get; init; }
    /// <summary>-LMK: the Microsoft local machine keyset attribute on the key.</summary>
    public bool LocalMachineKeySet { get; init; }

    internal string? KeyPbeOid => Resolve(KeyPbe, Legacy ? "1.2.840.113549.1.12.1.3" : KeyCipher.Aes256Cbc.Oid);

    internal string? CertPbeOid => Resolve(CertPbe ?? (NoMac ? "NONE" : null), Legacy ? "1.2.840.113549.1.12.1.6" : KeyCipher.Aes256Cbc.Oid);

    /// <summary>apps/pkcs12.c set_pbe(): "NONE", or OBJ_txt2nid() of the name (short, long or dotted); null when unknown.</summary>
    public static bool IsKnownPbe(string name) => name == "NONE" || OidOf(name) != null;

    /// <summary>-macalg: whether OpenSSL 3.0 would take the digest name.</summary>
    public static bool IsKnownMacDigest(string name) => Pkcs12Crypto.FindMacDigest(name) != null;

    private static string? Resolve(string? name, string fallback) => name switch
    {
        null => fallback,
        "NONE" => null,
        _ => OidOf(name) ?? throw new CnfSignerException($"Unknown PBE algorithm {name}"),
    };

    private static string? OidOf(string name) =>
        ObjectNames.OidOfName(name) ?? (System.Text.RegularExpressions.Regex.IsMatch(name, @"^[0-2](\.\d+)+$") ? name : null);
}
