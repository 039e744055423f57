using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Requests;

/// <summary>
/// apps/req.c set_keygen_ctx(): what -newkey (or, without it, default_bits) asks for: "rsa:BITS", "BITS",
/// "rsa-pss:BITS", "ec:FILE" / "param:FILE" (EC parameters), "ec", "ed25519", "ed448", "x25519", "x448";
/// then each -pkeyopt in order.
/// </summary>
public static class NewKeySpec
{
    /// <summary>apps/req.c DEFAULT_KEY_LENGTH in OpenSSL 3.0, when the config has no default_bits.</summary>
    public const int DefaultBits = 2048;

    private static readonly string[] OtherAlgorithms =
        ["EC", "DSA", "DH", "DHX", "X25519", "X448", "ED25519", "ED448", "SM2", "RSA-PSS", "RSASSA-PSS"];

    /// <summary>The key to generate, or a <see cref="CnfSignerException"/> with OpenSSL's words.</summary>
    public static KeySpec Spec(string? newKey, string? defaultBits, IEnumerable<string> pkeyOpts)
    {
        var spec = Base(newKey, defaultBits);
        foreach (var option in pkeyOpts)
            // apps/req.c: "Key parameter error \"%s\"" when EVP_PKEY_CTX_ctrl_str() refuses a -pkeyopt.
            spec = spec.With(option, out var reason)
                   ?? throw new CnfSignerException($"Key parameter error \"{option}\"" + (reason == null ? "" : "\n" + reason));
        return spec;
    }

    private static KeySpec Base(string? newKey, string? defaultBits)
    {
        if (newKey == null || newKey.Length == 0 || char.IsAsciiDigit(newKey[0])) return new KeySpec("RSA") { Bits = Bits(newKey, defaultBits) };
        var colon = newKey.IndexOf(':');
        var type = colon < 0 ? newKey : newKey[..colon];
        var rest = colon < 0 ? null : newKey[(colon + 1)..];
        var paramFile = "param".StartsWith(type, StringComparison.Ordinal);
        if (type.Equals("RSA", StringComparison.OrdinalIgnoreCase) && !paramFile) return new KeySpec("RSA") { Bits = Bits(newKey, defaultBits) };
        if (paramFile && rest == null) throw new CnfSignerException($"Parameter file requested but no path given: {newKey}");
        if (rest != null && (paramFile || rest.Length == 0 || !char.IsAsciiDigit(rest[0])))
        {
            if (!File.Exists(rest)) throw new CnfSignerException($"Cannot open parameter file {rest}");
            if (!paramFile && !type.Equals("EC", StringComparison.OrdinalIgnoreCase))
                throw new CnfSignerException($"Error reading parameter file {rest}\ncnfsigner reads EC parameter files only");
            try { return KeyFiles.SpecFromEcParameters(KeyFiles.ReadEcParameters(File.ReadAllBytes(rest), null)); }
            catch (CnfSignerException e) { throw new CnfSignerException($"Error reading parameter file {rest}\n{e.Message}", 1, e); }
        }
        var spec = KeySpec.ForAlgorithm(type) ?? throw Unsupported(type);
        if (rest != null && spec.IsRsa) return spec with { Bits = Checked(LeadingNumber(rest)) };
        return rest == null ? spec with { Bits = Checked(defaultBits == null ? DefaultBits : LeadingNumber(defaultBits)) } : throw Unsupported(type);
    }

    /// <summary>The RSA modulus size to generate. Throws with OpenSSL's words for what it cannot make either.</summary>
    public static int Bits(string? newKey, string? defaultBits)
    {
        // NCONF_get_number(): the leading decimal digits, 0 when there are none.
        long bits = defaultBits == null ? DefaultBits : LeadingNumber(defaultBits);
        if (newKey == null) return Checked(bits);
        if (newKey.Length > 0 && char.IsAsciiDigit(newKey[0])) return Checked(LeadingNumber(newKey));

        var colon = newKey.IndexOf(':');
        var type = colon < 0 ? newKey : newKey[..colon];
        var rest = colon < 0 ? null : newKey[(colon + 1)..];
        // strncmp(gstr, "param", len): any prefix of "param", even an empty one, asks for a parameter file.
        var paramFile = "param".StartsWith(type, StringComparison.Ordinal);
        if (paramFile && rest == null)
            throw new CnfSignerException($"Parameter file requested but no path given: {newKey}");
        if (rest != null && (paramFile || rest.Length == 0 || !char.IsAsciiDigit(rest[0])))
            throw ParameterFile(rest, paramFile ? null : type);
        if (rest != null) bits = LeadingNumber(rest);
        if (!type.Equals("RSA", StringComparison.OrdinalIgnoreCase)) throw Unsupported(type);
        return Checked(bits);
    }

    private static CnfSignerException ParameterFile(string path, string? type)
    {
        if (!File.Exists(path)) return new CnfSignerException($"Cannot open parameter file {path}");
        return type != null && !type.Equals("RSA", StringComparison.OrdinalIgnoreCase)
            ? Unsupported(type)
            : new CnfSignerException($"Error reading parameter file {path}\ncnfsigner makes RSA keys only: -newkey rsa:BITS");
    }

    private static CnfSignerException Unsupported(string type) =>
        OtherAlgorithms.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? new CnfSignerException($"req: Error generating {type} key\ncnfsigner cannot make {type} keys")
            : new CnfSignerException("Error allocating keygen context\nunsupported");

    // providers/implementations/keymgmt/rsa_kmgmt.c rsa_gen_set_params(): fewer than 512 bits is refused.
    private static int Checked(long bits) =>
        bits < RsaKeyGenerator.MinimumBits || bits > int.MaxValue
            ? throw new CnfSignerException("Error setting keysize\nkey size too small")
            : (int)bits;

    private static long LeadingNumber(string text)
    {
        long n = 0;
        foreach (var ch in text.TakeWhile(char.IsAsciiDigit))
            n = Math.Min(n * 10 + (ch - '0'), long.MaxValue / 20);
        return n;
    }
}
