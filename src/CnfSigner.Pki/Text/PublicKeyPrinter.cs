using System.Numerics;
using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>EVP_PKEY_print_public() for RSA (rsa_ameth.c), EC (ec_ameth.c) and the EdDSA/X keys (ecx_meth.c).</summary>
internal static class PublicKeyPrinter
{
    private const string Rsa = "1.2.840.113549.1.1.1", RsaPss = "1.2.840.113549.1.1.10", Ec = "1.2.840.10045.2.1",
        Dsa = "1.2.840.10040.4.1", RsaX500 = "2.5.8.1.1", Dh = "1.2.840.113549.1.3.1", Dhx = "1.2.840.10046.2.1";

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

    /// <summary>
    /// The named curves of OpenSSL 3.0 (ecparam -list_curves, with an OID): order bits and the NIST name
    /// (crypto/ec/ec_curve.c EC_curve_nid2nist).
    /// </summary>
    private static readonly Dictionary<string, (int Bits, string? Nist)> Curves = new()
    {
        ["1.3.132.0.6"] = (112, null),
        ["1.3.132.0.7"] = (110, null),
        ["1.3.132.0.28"] = (128, null),
        ["1.3.132.0.29"] = (126, null),
        ["1.3.132.0.9"] = (161, null),
        ["1.3.132.0.8"] = (161, null),
        ["1.3.132.0.30"] = (161, null),
        ["1.3.132.0.31"] = (192, null),
        ["1.3.132.0.32"] = (225, null),
        ["1.3.132.0.33"] = (224, "P-224"),
        ["1.3.132.0.10"] = (256, null),
        ["1.3.132.0.34"] = (384, "P-384"),
        ["1.3.132.0.35"] = (521, "P-521"),
        ["1.2.840.10045.3.1.1"] = (192, "P-192"),
        ["1.2.840.10045.3.1.2"] = (192, null),
        ["1.2.840.10045.3.1.3"] = (192, null),
        ["1.2.840.10045.3.1.4"] = (239, null),
        ["1.2.840.10045.3.1.5"] = (239, null),
        ["1.2.840.10045.3.1.6"] = (239, null),
        ["1.2.840.10045.3.1.7"] = (256, "P-256"),
        ["1.3.132.0.4"] = (113, null),
        ["1.3.132.0.5"] = (113, null),
        ["1.3.132.0.22"] = (131, null),
        ["1.3.132.0.23"] = (131, null),
        ["1.3.132.0.1"] = (163, "K-163"),
        ["1.3.132.0.2"] = (162, null),
        ["1.3.132.0.15"] = (163, "B-163"),
        ["1.3.132.0.24"] = (193, null),
        ["1.3.132.0.25"] = (193, null),
        ["1.3.132.0.26"] = (232, "K-233"),
        ["1.3.132.0.27"] = (233, "B-233"),
        ["1.3.132.0.3"] = (238, null),
        ["1.3.132.0.16"] = (281, "K-283"),
        ["1.3.132.0.17"] = (282, "B-283"),
        ["1.3.132.0.36"] = (407, "K-409"),
        ["1.3.132.0.37"] = (409, "B-409"),
        ["1.3.132.0.38"] = (570, "K-571"),
        ["1.3.132.0.39"] = (570, "B-571"),
        ["1.2.840.10045.3.0.1"] = (163, null),
        ["1.2.840.10045.3.0.2"] = (162, null),
        ["1.2.840.10045.3.0.3"] = (162, null),
        ["1.2.840.10045.3.0.4"] = (161, null),
        ["1.2.840.10045.3.0.5"] = (191, null),
        ["1.2.840.10045.3.0.6"] = (190, null),
        ["1.2.840.10045.3.0.7"] = (189, null),
        ["1.2.840.10045.3.0.10"] = (193, null),
        ["1.2.840.10045.3.0.11"] = (238, null),
        ["1.2.840.10045.3.0.12"] = (237, null),
        ["1.2.840.10045.3.0.13"] = (236, null),
        ["1.2.840.10045.3.0.16"] = (257, null),
        ["1.2.840.10045.3.0.17"] = (289, null),
        ["1.2.840.10045.3.0.18"] = (353, null),
        ["1.2.840.10045.3.0.19"] = (353, null),
        ["1.2.840.10045.3.0.20"] = (418, null),
        ["2.23.43.1.4.1"] = (112, null),
        ["2.23.43.1.4.3"] = (163, null),
        ["2.23.43.1.4.4"] = (113, null),
        ["2.23.43.1.4.5"] = (163, null),
        ["2.23.43.1.4.6"] = (112, null),
        ["2.23.43.1.4.7"] = (161, null),
        ["2.23.43.1.4.8"] = (113, null),
        ["2.23.43.1.4.9"] = (161, null),
        ["2.23.43.1.4.10"] = (232, null),
        ["2.23.43.1.4.11"] = (233, null),
        ["2.23.43.1.4.12"] = (224, null),
        ["1.3.36.3.3.2.8.1.1.1"] = (160, null),
        ["1.3.36.3.3.2.8.1.1.2"] = (160, null),
        ["1.3.36.3.3.2.8.1.1.3"] = (192, null),
        ["1.3.36.3.3.2.8.1.1.4"] = (192, null),
        ["1.3.36.3.3.2.8.1.1.5"] = (224, null),
        ["1.3.36.3.3.2.8.1.1.6"] = (224, null),
        ["1.3.36.3.3.2.8.1.1.7"] = (256, null),
        ["1.3.36.3.3.2.8.1.1.8"] = (256, null),
        ["1.3.36.3.3.2.8.1.1.9"] = (320, null),
        ["1.3.36.3.3.2.8.1.1.10"] = (320, null),
        ["1.3.36.3.3.2.8.1.1.11"] = (384, null),
        ["1.3.36.3.3.2.8.1.1.12"] = (384, null),
        ["1.3.36.3.3.2.8.1.1.13"] = (512, null),
        ["1.3.36.3.3.2.8.1.1.14"] = (512, null),
        ["1.2.156.10197.1.301"] = (256, null),
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
            // 2.5.8.1.1 is EVP_PKEY_RSA2, an alias of rsaEncryption (rsa_ameth.c ossl_rsa_asn1_meths).
            if (oid is Rsa or RsaX500) RsaKey(text, Der.Parse(key), indent);
            else if (oid == RsaPss)
            {
                RsaKey(text, Der.Parse(key), indent);
                PssRestrictions(text, parameters, indent);
            }
            else if (oid == Ec) EcKey(text, parameters, key.Span, indent);
            else if (oid == Dsa) DsaKey(text, parameters, Der.Parse(key), indent);
            else if (oid is Dh or Dhx) DhKey(text, parameters, Der.Parse(key), oid == Dhx, indent);
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

    /// <summary>
    /// encode_key2text.c dh_to_text() for a public key: "DH Public-Key: (bits)", "public-key:", then
    /// ffc_params_to_text(): P, Q (X9.42), G, J, the seed and the generator counter. PKCS #3 DHParameter is
    /// SEQUENCE { p, g, privateValueLength OPTIONAL }; X9.42 DomainParameters SEQUENCE { p, g, q, j OPTIONAL,
    /// ValidationParms SEQUENCE { seed BIT STRING, pgenCounter INTEGER } OPTIONAL }.
    /// </summary>
    private static void DhKey(StringBuilder output, Der parameters, Der publicKey, bool x942, int indent)
    {
        if (parameters.Encoded.IsEmpty || !parameters.Is(16) || !publicKey.Is(2)) throw new FormatException("DH parameters");
        var parts = parameters.Children();
        foreach (var number in parts.TakeWhile(n => n.Is(2))) Text.CertificateFields.Integer(number);
        Der p = parts[0], g = parts[1];
        Der? q = null, j = null, validation = null;
        if (x942)
        {
            if (parts.Count < 3 || parts.Count > 5 || !p.Is(2) || !g.Is(2) || !parts[2].Is(2)) throw new FormatException("bad X9.42 DH parameters");
            q = parts[2];
            var rest = parts.Skip(3).ToList();
            if (rest.Count > 0 && rest[0].Is(2)) { j = rest[0]; rest.RemoveAt(0); }
            if (rest.Count > 0) validation = rest[0].Is(16) && rest.Count == 1 ? rest[0] : throw new FormatException("bad X9.42 DH parameters");
        }
        else if (parts.Count is < 2 or > 3 || !p.Is(2) || !g.Is(2) || (parts.Count == 3 && !parts[2].Is(2)))
            throw new FormatException("bad DH parameters");
        output.Append(' ', indent).Append("DH Public-Key: (").Append(p.Integer().GetBitLength()).Append(" bit)\n");
        Number(output, "public-key:", publicKey.Integer(), indent);
        Number(output, "P:   ", p.Integer(), indent);
        if (q is { } qq) Number(output, "Q:   ", qq.Integer(), indent);
        Number(output, "G:   ", g.Integer(), indent);
        if (j is { } jj) Number(output, "J:   ", jj.Integer(), indent);
        if (validation is not { } v) return;
        if (v.Children() is not [{ Tag: 3, Class: 0 } seed, { Tag: 2, Class: 0 } counter] || seed.Bytes.Length < 1)
            throw new FormatException("bad ValidationParms");
        // The seed at four more spaces, 15 bytes a line at eight more, then "pcounter: N".
        output.Append(' ', indent + 4).Append("seed:");
        var bytes = seed.Bytes[1..];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i % 15 == 0) output.Append('\n').Append(' ', indent + 8);
            output.Append(bytes[i].ToString("x2")).Append(i + 1 == bytes.Length ? "" : ":");
        }
        output.Append('\n').Append(' ', indent).Append("pcounter: ").Append(counter.Integer()).Append('\n');
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
        if (field.Count != 2 || !field[0].Is(6)) throw new FormatException("FieldID");
        var (fieldType, basis, modulus) = field[0].Oid() switch
        {
            "1.2.840.10045.1.1" when field[1].Is(2) => ("prime-field", null, field[1].Integer()),
            "1.2.840.10045.1.2" => CharacteristicTwo(field[1]),
            _ => throw new FormatException("field type"),
        };
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
        output.Append(' ', indent).Append("Field Type: ").Append(fieldType).Append('\n');
        if (basis != null) output.Append(' ', indent).Append("Basis Type: ").Append(basis).Append('\n');
        Number(output, basis != null ? "Polynomial:" : "Prime:", modulus, indent);
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

    /// <summary>
    /// Characteristic-two ::= SEQUENCE { m INTEGER, basis OBJECT IDENTIFIER, parameters }: a trinomial (tpBasis,
    /// k) or pentanomial (ppBasis, SEQUENCE { k1, k2, k3 }) basis, as the polynomial EC_GROUP_get_curve() gives
    /// (x^m + x^k... + 1). OpenSSL has no normal-basis (gnBasis) curves.
    /// </summary>
    private static (string Type, string? Basis, BigInteger Polynomial) CharacteristicTwo(Der value)
    {
        var parts = value.Is(16) ? value.Children() : throw new FormatException("Characteristic-two");
        if (parts.Count != 3 || !parts[0].Is(2) || !parts[1].Is(6)) throw new FormatException("Characteristic-two");
        var polynomial = BigInteger.One | BigInteger.One << (int)parts[0].Integer();
        IEnumerable<Der> terms = parts[1].Oid() switch
        {
            "1.2.840.10045.1.2.3.2" when parts[2].Is(2) => [parts[2]],
            "1.2.840.10045.1.2.3.3" when parts[2].Is(16) && parts[2].Children() is { Count: 3 } k && k.All(n => n.Is(2)) => k,
            _ => throw new FormatException("basis"),
        };
        foreach (var k in terms) polynomial |= BigInteger.One << (int)k.Integer();
        return ("characteristic-two-field", ObjectNames.Short(parts[1].Oid()), polynomial);
    }
}
