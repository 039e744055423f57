using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// A CBC cipher that protects a private key: its OpenSSL name (as in DEK-Info), the OID PBES2 names it by,
/// its key and block (IV) sizes. The table holds the ciphers OpenSSL 3's default provider offers under
/// genrsa's "-*" option that PKCS#8 (PBES2) and traditional PEM can both carry.
/// </summary>
public sealed partial record KeyCipher(string Name, string Oid, int KeyBytes, int BlockBytes, string[] Aliases)
{
    public static readonly KeyCipher Aes256Cbc = new("AES-256-CBC", "2.16.840.1.101.3.4.1.42", 32, 16, ["aes256"]);

    public static IReadOnlyList<KeyCipher> All { get; } =
    [
        new("AES-128-CBC", "2.16.840.1.101.3.4.1.2", 16, 16, ["aes128"]),
        new("AES-192-CBC", "2.16.840.1.101.3.4.1.22", 24, 16, ["aes192"]),
        Aes256Cbc,
        new("ARIA-128-CBC", "1.2.410.200046.1.1.2", 16, 16, ["aria128"]),
        new("ARIA-192-CBC", "1.2.410.200046.1.1.7", 24, 16, ["aria192"]),
        new("ARIA-256-CBC", "1.2.410.200046.1.1.12", 32, 16, ["aria256"]),
        new("CAMELLIA-128-CBC", "1.2.392.200011.61.1.1.1.2", 16, 16, ["camellia128"]),
        new("CAMELLIA-192-CBC", "1.2.392.200011.61.1.1.1.3", 24, 16, ["camellia192"]),
        new("CAMELLIA-256-CBC", "1.2.392.200011.61.1.1.1.4", 32, 16, ["camellia256"]),
        new("DES-EDE3-CBC", "1.2.840.113549.3.7", 24, 8, ["des3"]),
        new("SM4-CBC", "1.2.156.10197.1.104.2", 16, 16, ["sm4"]),
    ];

    /// <summary>By OpenSSL name or alias, case-insensitive as EVP_get_cipherbyname() ("aes256", "AES-256-CBC").</summary>
    public static KeyCipher? Find(string name) => All.FirstOrDefault(c =>
        c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
        || c.Aliases.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase)));

    public static KeyCipher? FindByOid(string oid) => All.FirstOrDefault(c => c.Oid == oid);

    /// <summary>apps/lib/opts.c opt_cipher(): OpenSSL knows these but refuses them for key encryption.</summary>
    public static bool IsAead(string name) => AeadName().IsMatch(name);

    /// <summary>apps/lib/opts.c opt_cipher(): "XTS ciphers not supported".</summary>
    public static bool IsXts(string name) => XtsName().IsMatch(name);

    [GeneratedRegex("^(aes-(128|192|256)-(gcm|ccm|ocb|siv)|id-aes(128|192|256)-(gcm|ccm)|aria-(128|192|256)-(gcm|ccm)|chacha20-poly1305)$", RegexOptions.IgnoreCase)]
    private static partial Regex AeadName();

    [GeneratedRegex("^aes-(128|256)-xts$", RegexOptions.IgnoreCase)]
    private static partial Regex XtsName();

    public byte[] Encrypt(byte[] key, byte[] iv, byte[] data) => Run(true, key, iv, data);

    /// <summary>Throws <see cref="InvalidCipherTextException"/> on bad padding (a wrong pass phrase, mostly).</summary>
    public byte[] Decrypt(byte[] key, byte[] iv, byte[] data) => Run(false, key, iv, data);

    private byte[] Run(bool encrypt, byte[] key, byte[] iv, byte[] data)
    {
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(Engine()), new Pkcs7Padding());
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(data);
    }

    private IBlockCipher Engine() => Name.Split('-')[0] switch
    {
        "AES" => new AesEngine(),
        "ARIA" => new AriaEngine(),
        "CAMELLIA" => new CamelliaEngine(),
        "DES" => new DesEdeEngine(),
        _ => new SM4Engine(),
    };
}
