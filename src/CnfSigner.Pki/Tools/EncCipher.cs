using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Tools;

/// <summary>
/// A cipher `enc` runs: EVP_CIPHER_name(), key and IV lengths, and its mode. Block modes (CBC, ECB) pad with
/// PKCS#7 unless -nopad; CTR, CFB and OFB are stream modes. CTR counts over the whole 128-bit IV, as OpenSSL does.
/// </summary>
public sealed record EncCipher(string Name, int KeyBytes, int IvBytes, string Family, string Mode)
{
    private static readonly string[] Families = ["AES", "ARIA", "CAMELLIA"];
    private static readonly string[] Modes = ["CBC", "ECB", "CTR", "CFB", "OFB"];

    /// <summary>The table: {AES, ARIA, CAMELLIA}-{128,192,256}-{CBC,ECB,CTR,CFB,OFB}, DES-EDE3(-CBC), SM4-*.</summary>
    private static readonly Dictionary<string, EncCipher> ByName = Build();

    private static Dictionary<string, EncCipher> Build()
    {
        var table = new Dictionary<string, EncCipher>(StringComparer.OrdinalIgnoreCase);
        foreach (var family in Families)
            foreach (var bits in new[] { 128, 192, 256 })
                foreach (var mode in Modes)
                {
                    var name = $"{family}-{bits}-{mode}";
                    table[name] = new EncCipher(name, bits / 8, mode == "ECB" ? 0 : 16, family, mode);
                }
        foreach (var mode in Modes)
            table[$"SM4-{mode}"] = new EncCipher($"SM4-{mode}", 16, mode == "ECB" ? 0 : 16, "SM4", mode);
        table["DES-EDE3-CBC"] = new EncCipher("DES-EDE3-CBC", 24, 8, "DES-EDE3", "CBC");
        table["DES-EDE3"] = new EncCipher("DES-EDE3", 24, 0, "DES-EDE3", "ECB");
        // crypto/objects: the short aliases apps accept ("-aes256", "-des3", "-sm4").
        foreach (var (alias, name) in new[] { ("aes128", "AES-128-CBC"), ("aes192", "AES-192-CBC"), ("aes256", "AES-256-CBC"),
                     ("aria128", "ARIA-128-CBC"), ("aria192", "ARIA-192-CBC"), ("aria256", "ARIA-256-CBC"),
                     ("camellia128", "CAMELLIA-128-CBC"), ("camellia192", "CAMELLIA-192-CBC"), ("camellia256", "CAMELLIA-256-CBC"),
                     ("des3", "DES-EDE3-CBC"), ("des-ede3-ecb", "DES-EDE3"), ("sm4", "SM4-CBC") })
            table[alias] = table[name];
        return table;
    }

    public static EncCipher? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The lower-case names `enc -list` prints.</summary>
    public static IEnumerable<string> ListNames =>
        ByName.Keys.Select(k => k.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);

    private bool IsBlockMode => Mode is "CBC" or "ECB";

    /// <summary>Encrypts or decrypts all of <paramref name="data"/>; null when the final block is bad ("bad decrypt").</summary>
    public byte[]? Run(bool encrypt, byte[] key, byte[] iv, bool pad, byte[] data)
    {
        var engine = Engine();
        IBlockCipher mode = Mode switch
        {
            "CBC" => new CbcBlockCipher(engine),
            "ECB" => new EcbBlockCipher(engine),
            "CTR" => new SicBlockCipher(engine),
            "CFB" => new CfbBlockCipher(engine, engine.GetBlockSize() * 8),
            _ => new OfbBlockCipher(engine, engine.GetBlockSize() * 8),
        };
        var cipher = IsBlockMode && pad ? new PaddedBufferedBlockCipher(mode, new Pkcs7Padding()) : new BufferedBlockCipher(mode);
        ICipherParameters parameters = new KeyParameter(key);
        if (IvBytes > 0) parameters = new ParametersWithIV(parameters, iv);
        cipher.Init(encrypt, parameters);
        if (IsBlockMode && !pad && data.Length % engine.GetBlockSize() != 0) return null;
        try
        {
            return IsBlockMode ? cipher.DoFinal(data) : StreamOf(mode, data);
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    // CTR, CFB and OFB as streams: one block at a time, the last one zero-filled and cut short (its first bytes
    // depend only on the keystream and those input bytes).
    private static byte[] StreamOf(IBlockCipher mode, byte[] data)
    {
        var size = mode.GetBlockSize();
        var output = new byte[data.Length];
        var block = new byte[size];
        var result = new byte[size];
        for (var i = 0; i < data.Length; i += size)
        {
            var n = Math.Min(size, data.Length - i);
            Array.Clear(block);
            Array.Copy(data, i, block, 0, n);
            mode.ProcessBlock(block, 0, result, 0);
            Array.Copy(result, 0, output, i, n);
        }
        return output;
    }

    private IBlockCipher Engine() => Family switch
    {
        "AES" => AesUtilities.CreateEngine(),
        "ARIA" => new AriaEngine(),
        "CAMELLIA" => new CamelliaEngine(),
        "DES-EDE3" => new DesEdeEngine(),
        _ => new SM4Engine(),
    };

}
