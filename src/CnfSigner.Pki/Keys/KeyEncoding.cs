using CnfSigner.Pki.Ec;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Keys;

/// <summary>How an EC key is written: -conv_form / -ec_conv_form, -param_enc / -ec_param_enc, ec -no_public.</summary>
public sealed record EcFormat(bool? Compressed = null, bool? Explicit = null, bool NoPublic = false)
{
    public static readonly EcFormat Default = new();

    /// <summary>apps/lib/ec_common.h point_format_options: "uncompressed", "compressed" ("hybrid" is refused here).</summary>
    public static bool? ParseConvForm(string? value) => value switch
    {
        null => null,
        "uncompressed" => false,
        "compressed" => true,
        _ => throw new ArgumentException(value),
    };

    /// <summary>asn1_encoding_options: "named_curve", "explicit".</summary>
    public static bool? ParseParamEnc(string? value) => value switch
    {
        null => null,
        "named_curve" => false,
        "explicit" => true,
        _ => throw new ArgumentException(value),
    };
}

/// <summary>
/// The PKCS#8 structures OpenSSL 3 writes, whatever form a key was read in: crypto/ec/ec_ameth.c
/// eckey_priv_encode() (version 1, the private key padded to the order's size, no [0] parameters, [1] the public
/// point unless EC_PKEY_NO_PUBKEY), crypto/ec/ecx_meth.c ecx_priv_encode() (version 0, no public key).
/// </summary>
public static class KeyEncoding
{
    /// <summary>The key re-encoded as OpenSSL would write it; RSA keys stay as they were read.</summary>
    public static PrivateKey Canonical(PrivateKey key, EcFormat? format = null)
    {
        format ??= EcFormat.Default;
        return key.Private switch
        {
            ECPrivateKeyParameters ec => PrivateKey.FromInfo(EcInfo(key, ec, format)),
            Ed25519PrivateKeyParameters ed => Raw(EdECObjectIdentifiers.id_Ed25519, ed.GetEncoded()),
            Ed448PrivateKeyParameters ed => Raw(EdECObjectIdentifiers.id_Ed448, ed.GetEncoded()),
            X25519PrivateKeyParameters x => Raw(EdECObjectIdentifiers.id_X25519, x.GetEncoded()),
            X448PrivateKeyParameters x => Raw(EdECObjectIdentifiers.id_X448, x.GetEncoded()),
            _ => key,
        };
    }

    /// <summary>An EC key from its curve parameters and private value, in OpenSSL's PKCS#8 form.</summary>
    internal static PrivateKey Ec(Asn1Encodable curveParameters, ECPrivateKeyParameters ec, EcFormat format)
    {
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, curveParameters);
        var q = EcPoints.MultiplyG(ec.Parameters, ec.D);
        var publicKey = format.NoPublic ? null : new DerBitString(q.GetEncoded(format.Compressed == true));
        var inner = new ECPrivateKeyStructure(ec.Parameters.N.BitLength, ec.D, publicKey, null);
        return PrivateKey.FromInfo(new PrivateKeyInfo(algorithm, inner));
    }

    internal static PrivateKey Raw(DerObjectIdentifier oid, byte[] raw) =>
        PrivateKey.FromInfo(new PrivateKeyInfo(new AlgorithmIdentifier(oid), new DerOctetString(raw)));

    private static PrivateKeyInfo EcInfo(PrivateKey key, ECPrivateKeyParameters ec, EcFormat format)
    {
        var compressed = format.Compressed ?? IsCompressed(key.PublicInfo);
        var parameters = CurveParameters(key.Info.PrivateKeyAlgorithm.Parameters, format.Explicit, compressed);
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, parameters);
        var q = EcPoints.MultiplyG(ec.Parameters, ec.D);
        var publicKey = format.NoPublic ? null : new DerBitString(q.GetEncoded(compressed));
        return new PrivateKeyInfo(algorithm, new ECPrivateKeyStructure(ec.Parameters.N.BitLength, ec.D, publicKey, null));
    }

    /// <summary>A public key in another EC form; other key types are returned unchanged.</summary>
    public static SubjectPublicKeyInfo Public(SubjectPublicKeyInfo spki, EcFormat format)
    {
        if (!spki.Algorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey)) return spki;
        var compressed = format.Compressed ?? IsCompressed(spki);
        var parameters = CurveParameters(spki.Algorithm.Parameters, format.Explicit, compressed);
        var domain = Domain(parameters);
        var q = EcPoints.Normalize(domain.Curve.DecodePoint(spki.PublicKey.GetOctets()));
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, parameters), q.GetEncoded(compressed));
    }

    public static bool IsEc(SubjectPublicKeyInfo spki) => spki.Algorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey);

    private static bool IsCompressed(SubjectPublicKeyInfo spki) => spki.PublicKey.GetOctets() is { Length: > 0 } p && p[0] is 2 or 3;

    /// <summary>
    /// The named curve's OID, or its explicit ECParameters (crypto/ec/ec_asn1.c EC_GROUP_get_ecpkparameters():
    /// the seed included, the base point in the key's conversion form).
    /// </summary>
    internal static Asn1Encodable CurveParameters(Asn1Encodable? current, bool? explicitForm, bool compressed)
    {
        var x962 = X962Parameters.GetInstance(current);
        if (explicitForm != true)
        {
            if (x962.IsNamedCurve || explicitForm == null) return x962.Parameters;
            var match = Curves.All.FirstOrDefault(c => c.Parameters is { } p && SameCurve(p, X9ECParameters.GetInstance(x962.Parameters)));
            return match?.Oid is { } oid ? new DerObjectIdentifier(oid) : x962.Parameters;
        }
        var x9 = x962.IsNamedCurve
            ? ECNamedCurveTable.GetByOid((DerObjectIdentifier)x962.Parameters) ?? throw new CnfSignerException("unknown curve")
            : X9ECParameters.GetInstance(x962.Parameters);
        var seed = x962.IsNamedCurve && Curves.FindByOid(((DerObjectIdentifier)x962.Parameters).Id) is { } named
            ? named.ExplicitSeed(x9.GetSeed())
            : x9.GetSeed();
        return new X9ECParameters(x9.Curve, new X9ECPoint(x9.G, compressed), x9.N, x9.H, seed);
    }

    internal static ECDomainParameters Domain(Asn1Encodable parameters)
    {
        var x962 = X962Parameters.GetInstance(parameters);
        var x9 = x962.IsNamedCurve
            ? ECNamedCurveTable.GetByOid((DerObjectIdentifier)x962.Parameters) ?? throw new CnfSignerException("unknown curve")
            : X9ECParameters.GetInstance(x962.Parameters);
        return new ECDomainParameters(x9);
    }

    private static bool SameCurve(X9ECParameters a, X9ECParameters b) =>
        a.Curve.Equals(b.Curve) && a.G.Equals(b.G) && a.N.Equals(b.N);
}
