using CnfSigner.Pki.Ec;
using System.Globalization;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// What genpkey -algorithm / req -newkey asks for, with the -pkeyopt settings OpenSSL 3.0's default provider
/// takes for each type (providers/implementations/keymgmt/*_kmgmt.c gen_set_params).
/// </summary>
public sealed record KeySpec(string Algorithm)
{
    public int Bits { get; init; } = 2048;
    public BigInteger Exponent { get; init; } = RsaKeyGenerator.F4;
    public NamedCurve? Curve { get; init; }
    /// <summary>The curve name as given, for "invalid curve" when it names no curve.</summary>
    public string? CurveName { get; init; }
    public EcFormat Format { get; init; } = EcFormat.Default;

    public bool IsRsa => Algorithm is "RSA" or "RSA-PSS";

    /// <summary>EVP_PKEY_CTX_new_from_name(): the names genpkey -algorithm knows; null for an unknown one.</summary>
    public static KeySpec? ForAlgorithm(string name) => name.ToUpperInvariant() switch
    {
        "RSA" or "RSAENCRYPTION" => new KeySpec("RSA"),
        "RSA-PSS" or "RSASSA-PSS" => new KeySpec("RSA-PSS"),
        "EC" => new KeySpec("EC"),
        "ED25519" => new KeySpec("ED25519"),
        "ED448" => new KeySpec("ED448"),
        "X25519" => new KeySpec("X25519"),
        "X448" => new KeySpec("X448"),
        _ => null,
    };

    /// <summary>
    /// apps/lib/apps.c pkey_ctrl_string(): "name:value". Returns null when the setting is refused, as
    /// EVP_PKEY_CTX_ctrl_str() fails; the reason, if any, in <paramref name="reason"/>.
    /// </summary>
    public KeySpec? With(string option, out string? reason)
    {
        reason = null;
        var colon = option.IndexOf(':');
        if (colon < 0) return null; // pkey_ctrl_string(): a name without a value is an error
        var (name, value) = (option[..colon], option[(colon + 1)..]);
        switch (name)
        {
            case "rsa_keygen_bits" when IsRsa:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)) return null;
                if (bits < RsaKeyGenerator.MinimumBits) { reason = "key size too small"; return null; }
                return this with { Bits = bits };
            case "rsa_keygen_pubexp" when IsRsa:
                // crypto/evp/ctrl_params_translate.c: the value is a decimal (or 0x hex) BIGNUM.
                var e = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? ParseHex(value[2..]) : ParseDecimal(value);
                return e == null ? null : this with { Exponent = e };
            case "rsa_keygen_primes" when IsRsa:
                if (value == "2") return this;
                reason = "multi-prime RSA keys are not supported by cnfsigner";
                return null;
            case "ec_paramgen_curve" or "group" when Algorithm == "EC":
                return this with { Curve = Curves.Find(value), CurveName = value };
            case "ec_param_enc" or "encoding" when Algorithm == "EC":
                return value is "named_curve" or "explicit"
                    ? this with { Format = Format with { Explicit = value == "explicit" } }
                    : null;
            case "point_format" or "ec_point_format" when Algorithm == "EC":
                return value is "uncompressed" or "compressed"
                    ? this with { Format = Format with { Compressed = value == "compressed" } }
                    : null;
            default:
                reason = "command not supported";
                return null;
        }
    }

    private static BigInteger? ParseDecimal(string s) =>
        s.Length > 0 && s.All(char.IsAsciiDigit) ? new BigInteger(s) : null;

    private static BigInteger? ParseHex(string s) =>
        s.Length > 0 && s.All(char.IsAsciiHexDigit) ? new BigInteger(s, 16) : null;
}

/// <summary>Makes a key of every type cnfsigner knows, in the PKCS#8 form OpenSSL writes.</summary>
public static class KeyGenerator
{
    /// <summary>
    /// Throws <see cref="CnfSignerException"/> with the reason (genpkey prefixes "Error generating X key").
    /// <paramref name="progress"/> receives OpenSSL's progress characters for the types that report them (RSA).
    /// </summary>
    public static PrivateKey Generate(KeySpec spec, Action<char>? progress = null) => spec.Algorithm switch
    {
        "RSA" => RsaKeyGenerator.Generate(spec.Bits, spec.Exponent, progress),
        "RSA-PSS" => RsaPss(RsaKeyGenerator.Generate(spec.Bits, spec.Exponent, progress)),
        "EC" => Ec(spec),
        "ED25519" => KeyEncoding.Raw(EdECObjectIdentifiers.id_Ed25519, new Ed25519PrivateKeyParameters(OsRandom.Create()).GetEncoded()),
        "ED448" => KeyEncoding.Raw(EdECObjectIdentifiers.id_Ed448, new Ed448PrivateKeyParameters(OsRandom.Create()).GetEncoded()),
        "X25519" => KeyEncoding.Raw(EdECObjectIdentifiers.id_X25519, new X25519PrivateKeyParameters(OsRandom.Create()).GetEncoded()),
        "X448" => KeyEncoding.Raw(EdECObjectIdentifiers.id_X448, new X448PrivateKeyParameters(OsRandom.Create()).GetEncoded()),
        _ => throw new CnfSignerException("unsupported"),
    };

    /// <summary>The EC parameters genpkey -genparam / ecparam write: the curve OID or explicit parameters.</summary>
    public static byte[] EcParametersDer(KeySpec spec) =>
        CurveParameters(spec).GetEncoded(Asn1Encodable.Der);

    /// <summary>providers/implementations/keymgmt/rsa_kmgmt.c: RSA-PSS without restrictions has no parameters.</summary>
    private static PrivateKey RsaPss(PrivateKey rsa) =>
        PrivateKey.FromInfo(new PrivateKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss), rsa.Info.ParsePrivateKey()));

    private static PrivateKey Ec(KeySpec spec)
    {
        var parameters = CurveParameters(spec);
        var domain = KeyEncoding.Domain(parameters);
        return KeyEncoding.Ec(parameters, EcPoints.GenerateKey(domain), spec.Format);
    }

    private static Asn1Encodable CurveParameters(KeySpec spec)
    {
        // crypto/ec/ec_lib.c group_new_from_name(): "invalid curve"; no curve at all fails without a reason.
        if (spec.CurveName == null) throw new CnfSignerException("");
        var curve = spec.Curve ?? throw new CnfSignerException("invalid curve");
        if (curve.Oid == null || curve.Parameters == null)
            throw new CnfSignerException($"curve {curve.Name} is not supported by cnfsigner");
        return KeyEncoding.CurveParameters(new DerObjectIdentifier(curve.Oid), spec.Format.Explicit, spec.Format.Compressed == true);
    }
}
