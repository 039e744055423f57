using CnfSigner.Pki.Ec;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// A key as the key commands (pkey, rsa, ec, pkcs8) hold it: a private key, or only a public one (-pubin).
/// The BouncyCastle structures stay inside the engine.
/// </summary>
public sealed class KeyMaterial
{
    private KeyMaterial(PrivateKey? privateKey, SubjectPublicKeyInfo publicKey)
    {
        Private = privateKey;
        Public = publicKey;
    }

    public PrivateKey? Private { get; }
    internal SubjectPublicKeyInfo Public { get; }
    public bool IsPrivate => Private != null;

    /// <summary>"RSA", "RSA-PSS", "EC", "ED25519", "ED448", "X25519", "X448".</summary>
    public string Type => Public.Algorithm.Algorithm.Id switch
    {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        var oid => oid,
    };

    public bool IsRsa => Type is "RSA" or "RSA-PSS";

    public static KeyMaterial Of(PrivateKey key)
    {
        var canonical = KeyEncoding.Canonical(key);
        return new KeyMaterial(canonical, canonical.PublicInfo);
    }

    internal static KeyMaterial OfPublic(SubjectPublicKeyInfo spki) => new(null, spki);

    /// <summary>The same key written with other EC choices (conversion form, parameter encoding, no public key).</summary>
    public KeyMaterial WithEcFormat(EcFormat format)
    {
        if (Type != "EC") return this;
        if (Private == null) return OfPublic(KeyEncoding.Public(Public, format));
        var key = KeyEncoding.Canonical(Private, format);
        return new KeyMaterial(key, key.PublicInfo);
    }

    /// <summary>pkey/rsa/ec -text: the private dump, or the public one for a public key.</summary>
    public string Text(bool publicOnly) => Private != null && !publicOnly ? KeyText.Private(Private) : KeyText.Public(Public);

    /// <summary>ec -param_out: the curve as the key names it.</summary>
    public byte[] EcParametersDer() => Public.Algorithm.Parameters.GetEncoded(Asn1Encodable.Der);

    /// <summary>rsa -modulus.</summary>
    public string ModulusLine() => KeyText.Modulus((RsaKeyParameters)PublicKeyFactory.CreateKey(Public));

    /// <summary>
    /// crypto/rsa/rsa_chk.c RSA_check_key() / EVP_PKEY_check(): the private parts agree with each other and with
    /// the public key; for EC the point lies on the curve and equals d·G. Null when the key is valid, else the reason.
    /// </summary>
    public string? Check(bool publicOnly)
    {
        try
        {
            var pub = PublicKeyFactory.CreateKey(Public);
            if (pub is ECPublicKeyParameters ecPub && !ecPub.Q.IsValid()) return "point is not on curve";
            if (publicOnly || Private == null) return null;
            return Private.Private switch
            {
                RsaPrivateCrtKeyParameters rsa => RsaCheck(rsa),
                ECPrivateKeyParameters ec => EcPoints.MultiplyG(ec.Parameters, ec.D).Equals(EcPoints.Normalize(((ECPublicKeyParameters)pub).Q))
                    ? null : "invalid private key",
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return "invalid key";
        }
    }

    /// <summary>Miller–Rabin with the kernel's randomness: BigInteger.IsProbablePrime draws its bases from a
    /// parameterless SecureRandom, i.e. .NET's RandomNumberGenerator, i.e. libcrypto (the native file aborted).</summary>
    private static bool IsPrime(Org.BouncyCastle.Math.BigInteger n) =>
        n.SignValue > 0 && (n.BitLength <= 2 ? n.IntValue >= 2 : n.TestBit(0) && PrimeSearch.IsProbablePrime(n, 64, OsRandom.Create()));

    private static string? RsaCheck(RsaPrivateCrtKeyParameters k)
    {
        var one = Org.BouncyCastle.Math.BigInteger.One;
        if (!IsPrime(k.P)) return "p not prime";
        if (!IsPrime(k.Q)) return "q not prime";
        if (!k.P.Multiply(k.Q).Equals(k.Modulus)) return "n does not equal p q";
        var p1 = k.P.Subtract(one);
        var q1 = k.Q.Subtract(one);
        var lcm = p1.Divide(p1.Gcd(q1)).Multiply(q1);
        if (!k.Exponent.Multiply(k.PublicExponent).Mod(lcm).Equals(one)) return "d e not congruent to 1";
        if (!k.DP.Equals(k.Exponent.Mod(p1))) return "dmp1 not congruent to d";
        if (!k.DQ.Equals(k.Exponent.Mod(q1))) return "dmq1 not congruent to d";
        if (!k.QInv.Multiply(k.Q).Mod(k.P).Equals(one)) return "iqmp not inverse of q";
        return null;
    }

    internal static bool IsKnownAlgorithm(DerObjectIdentifier oid) =>
        oid.Equals(PkcsObjectIdentifiers.RsaEncryption) || oid.Equals(PkcsObjectIdentifiers.IdRsassaPss)
        || oid.Equals(X9ObjectIdentifiers.IdECPublicKey) || oid.Equals(EdECObjectIdentifiers.id_Ed25519)
        || oid.Equals(EdECObjectIdentifiers.id_Ed448) || oid.Equals(EdECObjectIdentifiers.id_X25519)
        || oid.Equals(EdECObjectIdentifiers.id_X448);
}
