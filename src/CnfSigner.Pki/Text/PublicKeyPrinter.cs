using System.Numerics;
using System.Text;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Crypto.Agreement;

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
        if (NamedGroup(p.Integer(), g.Integer(), q?.Integer()) is { } group)
        {
            output.Append(' ', indent).Append("GROUP: ").Append(group).Append('\n');
            return;
        }
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

    /// <summary>crypto/ffc/ffc_dh.c dh_named_groups, as BouncyCastle holds them (q: the group's, else (p-1)/2).</summary>
    private static readonly (string Name, Org.BouncyCastle.Crypto.Parameters.DHParameters Group)[] DhGroups =
    [
        ("ffdhe2048", DHStandardGroups.rfc7919_ffdhe2048), ("ffdhe3072", DHStandardGroups.rfc7919_ffdhe3072),
        ("ffdhe4096", DHStandardGroups.rfc7919_ffdhe4096), ("ffdhe6144", DHStandardGroups.rfc7919_ffdhe6144),
        ("ffdhe8192", DHStandardGroups.rfc7919_ffdhe8192), ("modp_1536", DHStandardGroups.rfc3526_1536),
        ("modp_2048", DHStandardGroups.rfc3526_2048), ("modp_3072", DHStandardGroups.rfc3526_3072),
        ("modp_4096", DHStandardGroups.rfc3526_4096), ("modp_6144", DHStandardGroups.rfc3526_6144),
        ("modp_8192", DHStandardGroups.rfc3526_8192),
    ];

    /// <summary>RFC 5114's groups (ffc_dh.c dh_1024_160, dh_2048_224, dh_2048_256; BouncyCastle 2 dropped them): p, g, q.</summary>
    private static readonly (string Name, string P, string G, string Q)[] Rfc5114Groups =
    [
        ("dh_1024_160",
            "B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA52D23B616073E28675A23D189838EF1E2EE652C0"
            + "13ECB4AEA906112324975C3CD49B83BFACCBDD7D90C4BD7098488E9C219A73724EFFD6FAE5644738FAA31A4FF55BCCC0"
            + "A151AF5F0DC8B4BD45BF37DF365C1A65E68CFDA76D4DA708DF1FB2BC2E4A4371",
            "A4D1CBD5C3FD34126765A442EFB99905F8104DD258AC507FD6406CFF14266D31266FEA1E5C41564B777E690F5504F213"
            + "160217B4B01B886A5E91547F9E2749F4D7FBD7D3B9A92EE1909D0D2263F80A76A6A24C087A091F531DBF0A0169B6A28A"
            + "D662A4D18E73AFA32D779D5918D08BC8858F4DCEF97C2A24855E6EEB22B3B2E5",
            "F518AA8781A8DF278ABA4E7D64B7CB9D49462353"),
        ("dh_2048_224",
            "AD107E1E9123A9D0D660FAA79559C51FA20D64E5683B9FD1B54B1597B61D0A75E6FA141DF95A56DBAF9A3C407BA1DF15"
            + "EB3D688A309C180E1DE6B85A1274A0A66D3F8152AD6AC2129037C9EDEFDA4DF8D91E8FEF55B7394B7AD5B7D0B6C12207"
            + "C9F98D11ED34DBF6C6BA0B2C8BBC27BE6A00E0A0B9C49708B3BF8A317091883681286130BC8985DB1602E714415D9330"
            + "278273C7DE31EFDC7310F7121FD5A07415987D9ADC0A486DCDF93ACC44328387315D75E198C641A480CD86A1B9E587E8"
            + "BE60E69CC928B2B9C52172E413042E9B23F10B0E16E79763C9B53DCF4BA80A29E3FB73C16B8E75B97EF363E2FFA31F71"
            + "CF9DE5384E71B81C0AC4DFFE0C10E64F",
            "AC4032EF4F2D9AE39DF30B5C8FFDAC506CDEBE7B89998CAF74866A08CFE4FFE3A6824A4E10B9A6F0DD921F01A70C4AFA"
            + "AB739D7700C29F52C57DB17C620A8652BE5E9001A8D66AD7C17669101999024AF4D027275AC1348BB8A762D0521BC98A"
            + "E247150422EA1ED409939D54DA7460CDB5F6C6B250717CBEF180EB34118E98D119529A45D6F834566E3025E316A330EF"
            + "BB77A86F0C1AB15B051AE3D428C8F8ACB70A8137150B8EEB10E183EDD19963DDD9E263E4770589EF6AA21E7F5F2FF381"
            + "B539CCE3409D13CD566AFBB48D6C019181E1BCFE94B30269EDFE72FE9B6AA4BD7B5A0F1C71CFFF4C19C418E1F6EC0179"
            + "81BC087F2A7065B384B890D3191F2BFA",
            "801C0D34C58D93FE997177101F80535A4738CEBCBF389A99B36371EB"),
        ("dh_2048_256",
            "87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00E00DF8F1D61957D4FAF7DF4561B2AA30"
            + "16C3D91134096FAA3BF4296D830E9A7C209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B"
            + "6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76B63ACAE1CAA6B7902D52526735488A0E"
            + "F13C6D9A51BFA4AB3AD8347796524D8EF6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026"
            + "C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103A4B54330C198AF126116D2276E11715F"
            + "693877FAD7EF09CADB094AE91E1A1597",
            "3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA12510DBC15077BE463FFF4FED4AAC0BB555"
            + "BE3A6C1B0C6B47B1BC3773BF7E8C6F62901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B"
            + "777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193B5045AF2767164E1DFC967C1FB3F2E55"
            + "A4BD1BFFE83B9C80D052B985D182EA0ADB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915"
            + "B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C32F63078490F00EF8D647D148D4795451"
            + "5E2327CFEF98C582664B4C0F6CC41659",
            "8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3"),
    ];

    /// <summary>
    /// dh_lib.c ossl_dh_cache_named_group(): parameters whose p and g (and q, when given) are a named group's print
    /// as "GROUP: name" (ffc_params_to_text) instead of their numbers.
    /// </summary>
    private static string? NamedGroup(BigInteger p, BigInteger g, BigInteger? q)
    {
        static BigInteger Big(Org.BouncyCastle.Math.BigInteger n) => new(n.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        foreach (var (name, group) in DhGroups)
        {
            var groupP = Big(group.P);
            if (groupP != p || Big(group.G) != g) continue;
            if (q is { } subgroup && subgroup != (group.Q != null ? Big(group.Q) : (groupP - 1) / 2)) continue;
            return name;
        }
        static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);
        foreach (var (name, groupP, groupG, groupQ) in Rfc5114Groups)
            if (Hex(groupP) == p && Hex(groupG) == g && (q == null || Hex(groupQ) == q)) return name;
        return null;
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
