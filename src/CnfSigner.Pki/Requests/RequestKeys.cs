using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Requests;

/// <summary>req's own key: -key (with -keyform and -passin), or a new one, and the PEM -keyout receives.</summary>
public static class RequestKeys
{
    /// <summary>
    /// apps/lib/apps.c load_key(): -keyform PEM or DER restricts the decoders tried, so a PEM file read as DER
    /// (or the reverse) is "not a key"; without -keyform both are tried.
    /// </summary>
    public static PrivateKey Load(string path, string? keyForm, string? passIn, IPassphraseConsole? prompts = null)
    {
        var data = SafeFile.ReadAllBytes(path, "private key");
        var isPem = PemBlock.LooksLikePem(data);
        if ((keyForm == "DER" && isPem) || (keyForm == "PEM" && !isPem))
            throw new CnfSignerException($"Could not read private key from {path}\nNo supported data to decode. Input type: {keyForm}");
        return KeyReader.ParsePrivateKey(data, passIn, path, prompts: prompts);
    }

    /// <summary>apps/req.c: a new key of the type and size -newkey / default_bits / -pkeyopt ask for.</summary>
    public static PrivateKey Generate(ReqSettings settings, IEnumerable<string> pkeyOpts, TextWriter err)
    {
        var spec = NewKeySpec.Spec(settings.NewKey, settings.DefaultBits, pkeyOpts);
        if (spec.IsRsa && spec.Bits > RsaKeyGenerator.RecommendedMaximumBits)
            err.Write($"Warning: It is not recommended to use more than {RsaKeyGenerator.RecommendedMaximumBits} bit for RSA keys.\n" +
                      $"         Your key size is {spec.Bits}! Larger key size may behave not as expected.\n");
        try
        {
            // apps/req.c: genpkey_cb prints the progress characters on stderr (3.0 has no req -quiet).
            return KeyEncoding.Canonical(KeyGenerator.Generate(spec, err.Write));
        }
        catch (CnfSignerException e) when (!spec.IsRsa)
        {
            // apps/req.c: "Error generating %s key" with the -newkey name as given ("ec").
            var name = settings.NewKey?.Split(':')[0] ?? spec.Algorithm;
            throw new CnfSignerException($"req: Error generating {name} key" + (e.Message.Length == 0 ? "" : "\n" + e.Message), 1, e);
        }
    }

    /// <summary>
    /// PEM_write_bio_PrivateKey() as req calls it: PKCS#8, encrypted with DES-EDE3-CBC (req's default cipher)
    /// unless -nodes / -noenc or encrypt_key = no. Without -passout (or output_password) OpenSSL asks on the
    /// terminal: <paramref name="prompts"/> does ("Enter PEM pass phrase:" twice).
    /// </summary>
    public static byte[] Pem(PrivateKey key, ReqSettings settings, string? passOut, IPassphraseConsole prompts)
    {
        if (!settings.EncryptKey) return Encoding.ASCII.GetBytes(KeyWriter.PrivateKeyPem(key, null, null, traditional: false));
        passOut ??= PassphrasePrompt.ForNewKey(prompts);
        var cipher = KeyCipher.Find("DES-EDE3-CBC")!;
        return Encoding.ASCII.GetBytes(KeyWriter.PrivateKeyPem(key, cipher, passOut, traditional: false));
    }
}
