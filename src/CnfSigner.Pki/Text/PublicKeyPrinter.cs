using System.Numerics;
using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>EVP_PKEY_print_public() for RSA (rsa_ameth.c), EC (ec_ameth.c) and the EdDSA/X keys (ecx_meth.c).</summary>
internal static class PublicKeyPrinter
{
    private const string Rsa = "1.2.840.113549.1.1.1", RsaPss = "1.2.840.113549.1.1.10", Ec = "1.2.840.10045.2.1",
        Dsa = "1.2.840.10040.4.1";

    /// <summary>crypto/rsa/rsa_schemes.c ossl_rsa_oaeppss_nid2name(): the provider names of the PSS digests.</summary>
    private static readonly Dictionary<string, string> PssDigests = new()
    {
        ["1.3.14.3.2.26"] = "SHA1", ["2.16.840.1.101.3.4.2.4"] = "SHA2-224", ["2.16.840.1.101.3.4.2.1"] = "SHA2-256",
        ["2.16.840.1.101.3.4.2.2"] = "SHA2-384", ["2.16.840.1.101.3.4.2.3"] = "SHA2-512",
        ["2.16.840.1.101.3.4.2.5"] = "SHA2-512/224", ["2.16.840.1.101.3.4.2.6"] = "SHA2-512/256",
    };

    private static readonly Dictionary<string, string> EdwardsKeys = new()
    {
        ["1.3.101.110"] = "X25519", ["1.3.101.111"] = "X448", ["1.3.101.112"] = "ED25519", ["1.3.101.113"] = "ED448",
    };

    /// <summary>Named curves: order bits and the NIST name (crypto/ec/ec_curve.c EC_curve_nid2nist).</summary>
    private static readonly Dictionary<string, (int Bits, string? Nist)> Curves = new()
    {
        ["1.2.840.10045.3.1.1"] = (192, "P-192"),
        ["1.3.132.0.33"] = (224, "P-224"),
        ["1.2.840.10045.3.1.7"] = (256, "P-256"),
        ["1.3.132.0.34"] = (384, "P-384"),
        ["1.3.132.0.35"] = (521, "P-521"),
        ["1.3.132.0.10"] = (256, null),
        ["1.3.36.3.3.2.8.1.1.7"] = (256, null),
        ["1.3.36.3.3.2.8.1.1.11"] = (384, null),
        ["1.3.36.3.3.2.8.1.1.13"] = (512, null),
    };

    /// <summary>"Public Key Algorithm: ..." and the key, as X509_print_ex prints a SubjectPublicKeyInfo.</summary>
    public static void Print(StringBuilder output, Der spki)
    {
        var parts = spki.Children();
        var algorithm = parts[0].Children();
        var oid = algorithm[0].Oid();
        output.Append("        Subject Public Key Info:\n");
        output.Append(' ', 12).Append("Public Key Algorithm: ").Append(ObjectNames.Text(oid)).Append('\n');
        var key = parts[1].Bytes.Length > 0 ? parts[1].Content[1..] : ReadOnlyMemory<byte>.Empty;
        if (!TryKey(output, oid, algorithm.Count > 1 ? algorithm[1] : default, key, 16))
            output.Append(' ', 12).Append("Unable to load Public Key\n");
    }

    private static bool TryKey(StringBuilder output, string oid, Der parameters, ReadOnlyMemory<byte> key, int indent)
    {
        var text = new StringBuilder();
        try
        {
            if (oid == Rsa) RsaKey(text, Der.Parse(key), indent);
            else if (oid == RsaPss)
            {
                RsaKey(text, Der.Parse(key), indent);
                PssRestrictions(text, parameters, indent);
            }
            else if (oid == Ec) EcKey(text, parameters, key.Span, indent);
            else if (oid == Dsa) DsaKey(text, parameters, Der.Parse(key), indent);
            else if (EdwardsKeys.TryGetValue(oid, out var label))
            {
                text.Append(' ', indent).Append(label).Append(" Public-Key:\n");
                text.Append(' ', indent).Append("pub:\n");
                HexPrinter.Block(text, key.Span, indent + 4);
            }
            // x509_pubkey_decode(): a key type OpenSSL 3.0 has no decoder for does not load.
            else return false;
        }
        catch (FormatException) { return false; }
        output.Append(text);
        return true;
    }

    /// <summary>rsa_ameth.c pkey_rsa_print() for a public key.</summary>
    private static void RsaKey(StringBuilder output, Der rsaKey, int indent)
    {
        var parts = rsaKey.Children();
        if (parts.Count != 2 || !parts[0].Is(2) || !parts[1].Is(2)) throw new FormatException("bad RSAPublicKey");
        var modulus = parts[0].Integer();
        output.Append(' ', indent).Append("Public-Key: (").Append(modulus.GetBitLength()).Append(" bit)\n");
        Number(output, "Modulus:", modulus, indent);
        Number(output, "Exponent:", parts[1].Integer(), indent);
    }

    /// <summary>
    /// providers/implementations/encode_decode/encode_key2text.c rsa_to_text(): an RSA-PSS key's restrictions,
    /// each marked "(default)" when it has the RFC 4055 default value.
    /// </summary>
    private static void PssRestrictions(StringBuilder output, Der parameters, int indent)
    {
        // Absent parameters mean no restrictions; anything else must decode (rsa_ameth.c ossl_rsa_param_decode: a
        // NULL is not a SEQUENCE, so the key does not load), and an empty SEQUENCE restricts the key to the defaults.
        if (parameters.Encoded.IsEmpty) { output.Append(' ', indent).Append("No PSS parameter restrictions\n"); return; }
        var pss = PssParameters.Decode(parameters) ?? throw new FormatException("bad RSA-PSS parameters");
        string hash = pss.Hash ?? "1.3.14.3.2.26", mgfHash = pss.MaskHash ?? "1.3.14.3.2.26";
        var salt = pss.Salt?.Integer() ?? 20;
        var trailer = pss.Trailer?.Integer() ?? BigInteger.One;
        string Name(string digest) => PssDigests.TryGetValue(digest, out var n) ? n : throw new FormatException("PSS digest");
        output.Append(' ', indent).Append("PSS parameter restrictions:\n");
        output.Append(' ', indent + 2).Append("Hash Algorithm: ").Append(Name(hash)).Append(Default(hash == "1.3.14.3.2.26"));
        output.Append(' ', indent + 2).Append("Mask Algorithm: MGF1 with ").Append(Name(mgfHash)).Append(Default(mgfHash == "1.3.14.3.2.26"));
        output.Append(' ', indent + 2).Append("Minimum Salt Length: ").Append(salt).Append(Default(salt == 20));
        output.Append(' ', indent + 2).Append("Trailer Field: 0x").Append(trailer.ToString("x").TrimStart('0') is { Length: > 0 } t ? t : "0")
            .Append(Default(trailer.IsOne));
    }

    private static string Default(bool isDefault) => isDefault ? " (default)\n" : "\n";

    /// <summary>crypto/asn1/t_pkey.c ASN1_bn_print(): one line for a 64-bit value, else a hex block.</summary>
    internal static void Number(StringBuilder output, string label, BigInteger value, int indent)
    {
        output.Append(' ', indent);
        var neg = value.Sign < 0 ? "-" : "";
        var magnitude = BigInteger.Abs(value);
        if (magnitude.IsZero) { output.Append(label).Append(" 0\n"); return; }
        if (magnitude.GetBitLength() <= 64)
        {
            output.Append(label).Append(' ').Append(neg).Append(magnitude).Append(" (").Append(neg).Append("0x")
                .Append(((ulong)magnitude).ToString("x")).Append(")\n");
            return;
        }
        output.Append(label).Append(neg.Length > 0 ? " (Negative)" : "").Append('\n');
        var bytes = magnitude.ToByteArray(isUnsigned: true, isBigEndian: true);
        // A leading 00 keeps the top bit from reading as a sign.
        if ((bytes[0] & 0x80) != 0) bytes = [0, .. bytes];
        HexPrinter.Block(output, bytes, indent + 4);
    }

    /// <summary>
    /// encode_key2text.c dsa_to_text() for a public key: "pub: ", then the domain parameters "P:   ", "Q:   ",
    /// "G:   " (ossl_bio_print_labeled_bignum). Parameters inherited from the issuer (absent) cannot be decoded.
    /// </summary>
    private static void DsaKey(StringBuilder output, Der parameters, Der publicKey, int indent)
    {
        if (parameters.Encoded.IsEmpty || !parameters.Is(16) || !publicKey.Is(2)) throw new FormatException("DSA parameters");
        var pqg = parameters.Children();
        if (pqg.Count != 3 || pqg.Any(n => !n.Is(2))) throw new FormatException("bad DSA parameters");
        output.Append(' ', indent).Append("Public-Key: (").Append(pqg[0].Integer().GetBitLength()).Append(" bit)\n");
        Number(output, "pub: ", publicKey.Integer(), indent);
        Number(output, "P:   ", pqg[0].Integer(), indent);
        Number(output, "Q:   ", pqg[1].Integer(), indent);
        Number(output, "G:   ", pqg[2].Integer(), indent);
    }

    /// <summary>ec_ameth.c do_EC_KEY_print() and ECPKParameters_print() for a named curve.</summary>
    private static void EcKey(StringBuilder output, Der parameters, ReadOnlySpan<byte> point, int indent)
    {
        if (!parameters.Encoded.IsEmpty && parameters.Is(16))
        {
            ExplicitEcKey(output, parameters, point, indent);
            return;
        }
        if (parameters.Encoded.IsEmpty || !parameters.Is(6)) throw new FormatException("EC parameters");
        var curve = parameters.Oid();
        if (!Curves.TryGetValue(curve, out var info)) throw new FormatException("unknown curve");
        output.Append(' ', indent).Append("Public-Key: (").Append(info.Bits).Append(" bit)\n");
        output.Append(' ', indent).Append("pub:\n");
        HexPrinter.Block(output, point, indent + 4);
        output.Append(' ', indent).Append("ASN1 OID: ").Append(ObjectNames.Short(curve)).Append('\n');
        if (info.Nist != null) output.Append(' ', indent).Append("NIST CURVE: ").Append(info.Nist).Append('\n');
    }

    /// <summary>
    /// encode_key2text.c ec_to_text() with explicit prime-field parameters (ec_param_explicit_to_text): the order's
    /// size, the point, "Field Type", "Prime", "A", "B", the generator, "Order", "Cofactor" and "Seed".
    /// </summary>
    private static void ExplicitEcKey(StringBuilder output, Der parameters, ReadOnlySpan<byte> point, int indent)
    {
        var parts = parameters.Children();
        if (parts.Count is not (5 or 6) || !parts[0].Is(2) || !parts[1].Is(16) || !parts[2].Is(16) || !parts[3].Is(4) || !parts[4].Is(2))
            throw new FormatException("ECParameters");
        var field = parts[1].Children();
        if (field.Count != 2 || field[0].Oid() != "1.2.840.10045.1.1" || !field[1].Is(2)) throw new FormatException("not a prime field");
        var curve = parts[2].Children();
        if (curve.Count is not (2 or 3) || !curve[0].Is(4) || !curve[1].Is(4) || (curve.Count == 3 && !curve[2].Is(3)))
            throw new FormatException("Curve");
        if (parts.Count < 6 || !parts[5].Is(2)) throw new FormatException("no cofactor");
        var generator = parts[3].Bytes;
        var label = generator.Length == 0 ? throw new FormatException("generator") : (generator[0] & ~1) switch
        {
            2 => "Generator (compressed):", 4 => "Generator (uncompressed):", 6 => "Generator (hybrid):",
            _ => throw new FormatException("generator"),
        };
        static BigInteger Unsigned(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);
        var order = parts[4].Integer();
        output.Append(' ', indent).Append("Public-Key: (").Append(order.GetBitLength()).Append(" bit)\n");
        output.Append(' ', indent).Append("pub:\n");
        HexPrinter.Block(output, point, indent + 4);
        output.Append(' ', indent).Append("Field Type: prime-field\n");
        Number(output, "Prime:", field[1].Integer(), indent);
        Number(output, "A:   ", Unsigned(curve[0].Bytes), indent);
        Number(output, "B:   ", Unsigned(curve[1].Bytes), indent);
        output.Append(' ', indent).Append(label).Append('\n');
        HexPrinter.Block(output, generator, indent + 4);
        Number(output, "Order: ", order, indent);
        Number(output, "Cofactor: ", parts[5].Integer(), indent);
        if (curve.Count == 3 && curve[2].Bytes.Length > 1)
        {
            output.Append(' ', indent).Append("Seed:\n");
            HexPrinter.Block(output, curve[2].Bytes[1..], indent + 4);
        }
    }
}
