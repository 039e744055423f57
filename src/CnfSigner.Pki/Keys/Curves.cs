using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X9;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// The named curves of OpenSSL 3.0's default provider, in crypto/ec/ec_curve.c curve_list order, with the comment
/// ecparam -list_curves prints. BouncyCastle knows all but the eleven WTLS curves and the two Oakley curves
/// (which have no OID): those are listed, and refused for keys.
/// </summary>
public sealed record NamedCurve(string Name, string Comment)
{
    /// <summary>The curve's OID from OpenSSL's object table; null for the Oakley curves.</summary>
    public string? Oid => ObjectNames.OidOfShortName(Name);

    /// <summary>
    /// The seed OpenSSL's explicit parameters carry (crypto/ec/ec_curve.c): for these binary curves its built-in
    /// data differs from BouncyCastle's (no seed for sect163r1/r2; other seeds for the X9.62 curves).
    /// </summary>
    public byte[]? ExplicitSeed(byte[]? bouncyCastleSeed) =>
        OpenSslSeeds.TryGetValue(Name, out var hex) ? (hex.Length == 0 ? null : Convert.FromHexString(hex)) : bouncyCastleSeed;

    private static readonly Dictionary<string, string> OpenSslSeeds = new()
    {
        ["sect163r1"] = "", ["sect163r2"] = "",
        ["c2pnb163v2"] = "53814c050d44d696e67687561517580ca4e29ffd",
        ["c2pnb163v3"] = "50cbf1d95ca94d696e676875615175f16a36a3b8",
        ["c2tnb191v2"] = "0871ef2fef24d696e6768756151758bee0d95c15",
        ["c2tnb191v3"] = "e053512dc684d696e676875615175067ae786d1f",
        ["c2tnb239v1"] = "d34b9a4d696e676875615175ca71b920bfefb05d",
        ["c2tnb239v2"] = "2aa6982fdfa4d696e676875615175d266727277d",
        ["c2tnb239v3"] = "9e076f4d696e676875615175e11e9fdd77f92041",
        ["c2tnb359v1"] = "2b354920b724d696e67687561517585ba1332dc6",
    };

    /// <summary>crypto/ec/ec_curve.c EC_curve_nid2nist(): the NIST alias, if any.</summary>
    public string? Nist => NistNames.FirstOrDefault(n => n.Curve == Name).Nist;

    /// <summary>BouncyCastle's domain parameters; null when it does not have the curve.</summary>
    public X9ECParameters? Parameters => Oid is { } oid ? ECNamedCurveTable.GetByOid(new DerObjectIdentifier(oid)) : null;

    /// <summary>Whether keys can be made on this curve (BouncyCastle knows its parameters).</summary>
    public bool IsSupported => Parameters != null;

    internal static readonly (string Nist, string Curve)[] NistNames =
    [
        ("B-163", "sect163r2"), ("B-233", "sect233r1"), ("B-283", "sect283r1"), ("B-409", "sect409r1"), ("B-571", "sect571r1"),
        ("K-163", "sect163k1"), ("K-233", "sect233k1"), ("K-283", "sect283k1"), ("K-409", "sect409k1"), ("K-571", "sect571k1"),
        ("P-192", "prime192v1"), ("P-224", "secp224r1"), ("P-256", "prime256v1"), ("P-384", "secp384r1"), ("P-521", "secp521r1"),
    ];
}

public static class Curves
{
    public static IReadOnlyList<NamedCurve> All { get; } =
    [
        new("secp112r1", "SECG/WTLS curve over a 112 bit prime field"),
        new("secp112r2", "SECG curve over a 112 bit prime field"),
        new("secp128r1", "SECG curve over a 128 bit prime field"),
        new("secp128r2", "SECG curve over a 128 bit prime field"),
        new("secp160k1", "SECG curve over a 160 bit prime field"),
        new("secp160r1", "SECG curve over a 160 bit prime field"),
        new("secp160r2", "SECG/WTLS curve over a 160 bit prime field"),
        new("secp192k1", "SECG curve over a 192 bit prime field"),
        new("secp224k1", "SECG curve over a 224 bit prime field"),
        new("secp224r1", "NIST/SECG curve over a 224 bit prime field"),
        new("secp256k1", "SECG curve over a 256 bit prime field"),
        new("secp384r1", "NIST/SECG curve over a 384 bit prime field"),
        new("secp521r1", "NIST/SECG curve over a 521 bit prime field"),
        new("prime192v1", "NIST/X9.62/SECG curve over a 192 bit prime field"),
        new("prime192v2", "X9.62 curve over a 192 bit prime field"),
        new("prime192v3", "X9.62 curve over a 192 bit prime field"),
        new("prime239v1", "X9.62 curve over a 239 bit prime field"),
        new("prime239v2", "X9.62 curve over a 239 bit prime field"),
        new("prime239v3", "X9.62 curve over a 239 bit prime field"),
        new("prime256v1", "X9.62/SECG curve over a 256 bit prime field"),
        new("sect113r1", "SECG curve over a 113 bit binary field"),
        new("sect113r2", "SECG curve over a 113 bit binary field"),
        new("sect131r1", "SECG/WTLS curve over a 131 bit binary field"),
        new("sect131r2", "SECG curve over a 131 bit binary field"),
        new("sect163k1", "NIST/SECG/WTLS curve over a 163 bit binary field"),
        new("sect163r1", "SECG curve over a 163 bit binary field"),
        new("sect163r2", "NIST/SECG curve over a 163 bit binary field"),
        new("sect193r1", "SECG curve over a 193 bit binary field"),
        new("sect193r2", "SECG curve over a 193 bit binary field"),
        new("sect233k1", "NIST/SECG/WTLS curve over a 233 bit binary field"),
        new("sect233r1", "NIST/SECG/WTLS curve over a 233 bit binary field"),
        new("sect239k1", "SECG curve over a 239 bit binary field"),
        new("sect283k1", "NIST/SECG curve over a 283 bit binary field"),
        new("sect283r1", "NIST/SECG curve over a 283 bit binary field"),
        new("sect409k1", "NIST/SECG curve over a 409 bit binary field"),
        new("sect409r1", "NIST/SECG curve over a 409 bit binary field"),
        new("sect571k1", "NIST/SECG curve over a 571 bit binary field"),
        new("sect571r1", "NIST/SECG curve over a 571 bit binary field"),
        new("c2pnb163v1", "X9.62 curve over a 163 bit binary field"),
        new("c2pnb163v2", "X9.62 curve over a 163 bit binary field"),
        new("c2pnb163v3", "X9.62 curve over a 163 bit binary field"),
        new("c2pnb176v1", "X9.62 curve over a 176 bit binary field"),
        new("c2tnb191v1", "X9.62 curve over a 191 bit binary field"),
        new("c2tnb191v2", "X9.62 curve over a 191 bit binary field"),
        new("c2tnb191v3", "X9.62 curve over a 191 bit binary field"),
        new("c2pnb208w1", "X9.62 curve over a 208 bit binary field"),
        new("c2tnb239v1", "X9.62 curve over a 239 bit binary field"),
        new("c2tnb239v2", "X9.62 curve over a 239 bit binary field"),
        new("c2tnb239v3", "X9.62 curve over a 239 bit binary field"),
        new("c2pnb272w1", "X9.62 curve over a 272 bit binary field"),
        new("c2pnb304w1", "X9.62 curve over a 304 bit binary field"),
        new("c2tnb359v1", "X9.62 curve over a 359 bit binary field"),
        new("c2pnb368w1", "X9.62 curve over a 368 bit binary field"),
        new("c2tnb431r1", "X9.62 curve over a 431 bit binary field"),
        new("wap-wsg-idm-ecid-wtls1", "WTLS curve over a 113 bit binary field"),
        new("wap-wsg-idm-ecid-wtls3", "NIST/SECG/WTLS curve over a 163 bit binary field"),
        new("wap-wsg-idm-ecid-wtls4", "SECG curve over a 113 bit binary field"),
        new("wap-wsg-idm-ecid-wtls5", "X9.62 curve over a 163 bit binary field"),
        new("wap-wsg-idm-ecid-wtls6", "SECG/WTLS curve over a 112 bit prime field"),
        new("wap-wsg-idm-ecid-wtls7", "SECG/WTLS curve over a 160 bit prime field"),
        new("wap-wsg-idm-ecid-wtls8", "WTLS curve over a 112 bit prime field"),
        new("wap-wsg-idm-ecid-wtls9", "WTLS curve over a 160 bit prime field"),
        new("wap-wsg-idm-ecid-wtls10", "NIST/SECG/WTLS curve over a 233 bit binary field"),
        new("wap-wsg-idm-ecid-wtls11", "NIST/SECG/WTLS curve over a 233 bit binary field"),
        new("wap-wsg-idm-ecid-wtls12", "WTLS curve over a 224 bit prime field"),
        new("Oakley-EC2N-3", "\n\tIPSec/IKE/Oakley curve #3 over a 155 bit binary field.\n\tNot suitable for ECDSA.\n\tQuestionable extension field!"),
        new("Oakley-EC2N-4", "\n\tIPSec/IKE/Oakley curve #4 over a 185 bit binary field.\n\tNot suitable for ECDSA.\n\tQuestionable extension field!"),
        new("brainpoolP160r1", "RFC 5639 curve over a 160 bit prime field"),
        new("brainpoolP160t1", "RFC 5639 curve over a 160 bit prime field"),
        new("brainpoolP192r1", "RFC 5639 curve over a 192 bit prime field"),
        new("brainpoolP192t1", "RFC 5639 curve over a 192 bit prime field"),
        new("brainpoolP224r1", "RFC 5639 curve over a 224 bit prime field"),
        new("brainpoolP224t1", "RFC 5639 curve over a 224 bit prime field"),
        new("brainpoolP256r1", "RFC 5639 curve over a 256 bit prime field"),
        new("brainpoolP256t1", "RFC 5639 curve over a 256 bit prime field"),
        new("brainpoolP320r1", "RFC 5639 curve over a 320 bit prime field"),
        new("brainpoolP320t1", "RFC 5639 curve over a 320 bit prime field"),
        new("brainpoolP384r1", "RFC 5639 curve over a 384 bit prime field"),
        new("brainpoolP384t1", "RFC 5639 curve over a 384 bit prime field"),
        new("brainpoolP512r1", "RFC 5639 curve over a 512 bit prime field"),
        new("brainpoolP512t1", "RFC 5639 curve over a 512 bit prime field"),
        new("SM2", "SM2 curve over a 256 bit prime field"),
    ];

    /// <summary>
    /// ec_paramgen_curve / ecparam -name: a short name (case-sensitive, as OBJ_sn2nid) or a NIST name
    /// (EC_curve_nist2nid). Null when OpenSSL would not know it either.
    /// </summary>
    public static NamedCurve? Find(string name)
    {
        var nist = NamedCurve.NistNames.FirstOrDefault(n => n.Nist == name).Curve;
        var shortName = nist ?? name;
        return All.FirstOrDefault(c => c.Name == shortName);
    }

    public static NamedCurve? FindByOid(string oid) => All.FirstOrDefault(c => c.Oid == oid);

    /// <summary>apps/ecparam.c -list_curves: "  %-10s: %s\n" per curve.</summary>
    public static string ListText() =>
        string.Concat(All.Select(c => "  " + c.Name.PadRight(10) + ": " + c.Comment + "\n"));
}
