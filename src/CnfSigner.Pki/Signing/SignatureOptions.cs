using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// -sigopt name:value (apps/lib/apps.c do_sign_init(), one EVP_PKEY_CTX_ctrl_str() per option, in order), for the
/// RSA signature provider: rsa_padding_mode (pkcs1 or pss), rsa_pss_saltlen (digest/-1, auto/-2, max/-3 or a byte
/// count) and rsa_mgf1_md (the mask digest). Any other name, and any option on a key that is not RSA, is
/// OpenSSL's `parameter error "name:value"`.
/// Two deliberate differences, for safety: OpenSSL 3.0.19 signs with PKCS#1 v1.5 when rsa_padding_mode names
/// anything but a mode it knows ("PSS", "bogus", "6"), and with a salt of 0 bytes when rsa_pss_saltlen is not a
/// number ("abc"); cnfsigner refuses both with the same parameter error.
/// </summary>
/// <param name="Pss">RSASSA-PSS padding.</param>
/// <param name="SaltLength">A byte count, or <see cref="SaltDigest"/>, <see cref="SaltAuto"/>, <see cref="SaltMax"/>; null: the default (auto when signing).</param>
/// <param name="MaskDigest">The MGF1 digest; null: the signature's digest.</param>
public sealed record SignatureOptions(bool Pss, int? SaltLength, string? MaskDigest)
{
    public const int SaltDigest = -1, SaltAuto = -2, SaltMax = -3;

    public static readonly SignatureOptions None = new(false, null, null);

    /// <summary>No -sigopt at all: the key's own default signature.</summary>
    public bool IsDefault => this == None;

    /// <summary>The options as given, applied to the signing key in order; throws OpenSSL's "parameter error".</summary>
    public static SignatureOptions Parse(IReadOnlyList<string> options, PrivateKey key)
    {
        if (options.Count == 0) return None;
        var pssKey = RsaPss.IsPssKey(key.Info.PrivateKeyAlgorithm);
        var result = new SignatureOptions(pssKey, null, null);
        foreach (var option in options)
        {
            var colon = option.IndexOf(':');
            if (colon < 0) throw Error(option, null);
            var (name, value) = (option[..colon], option[(colon + 1)..]);
            if (key.Private is not RsaKeyParameters || Ed(key))
                throw Error(option, $"command not supported: name={name}, value={value}");
            result = name switch
            {
                "rsa_padding_mode" => value switch
                {
                    "pss" => result with { Pss = true },
                    "pkcs1" when pssKey => throw Error(option, "illegal or unsupported padding mode: PKCS#1 padding not allowed with RSA-PSS"),
                    "pkcs1" => result with { Pss = false },
                    _ => throw Error(option, "cnfsigner knows the padding modes pss and pkcs1 only (OpenSSL 3.0.19 would sign with PKCS#1 v1.5)"),
                },
                "rsa_pss_saltlen" when !result.Pss =>
                    throw Error(option, "not supported: PSS saltlen can only be specified if PSS padding has been specified first"),
                "rsa_pss_saltlen" => result with { SaltLength = Salt(option, value) },
                "rsa_mgf1_md" when !result.Pss => throw Error(option, "invalid mgf1 md"),
                "rsa_mgf1_md" when !Digests.IsKnown(value) || value == "default" =>
                    throw Error(option, $"unsupported: Algorithm ({value} : 0), Properties (<null>)\ninvalid digest: {value} could not be fetched"),
                "rsa_mgf1_md" => result with { MaskDigest = value },
                _ => throw Error(option, $"command not supported: name={name}, value={value}"),
            };
        }
        return result;
    }

    private static bool Ed(PrivateKey key) => Digests.TakesNoDigest(key);

    private static int Salt(string option, string value) => value switch
    {
        "digest" => SaltDigest,
        "auto" => SaltAuto,
        "max" => SaltMax,
        _ when int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
               && n >= SaltMax => n,
        _ => throw Error(option, "cnfsigner takes digest, auto, max or a number of bytes (OpenSSL 3.0.19 would use a salt of 0 bytes)"),
    };

    private static CnfSignerException Error(string option, string? reason) =>
        new($"parameter error \"{option}\"" + (reason == null ? "" : "\n" + reason));
}
