using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// -auth_level: x509_vfy.c check_key_level(), check_sig_level() and check_auth_level(). A level of 0 or less checks
/// nothing; levels above 5 count as 5.
/// </summary>
internal static class SecurityLevel
{
    // x509_vfy.c minbits_table[]: the security bits each level asks for
    private static readonly int[] MinBits = [80, 112, 128, 192, 256];

    private static int Required(int level) => MinBits[Math.Min(level, MinBits.Length) - 1];

    /// <summary>check_key_level(): whether the certificate's key is strong enough (a key that cannot be read is not).</summary>
    public static bool KeyStrongEnough(CertificateFacts x, int level) =>
        level <= 0 || (x.PublicKey is { } key && KeyBits(key) >= Required(level));

    /// <summary>check_sig_level(): whether the signature's digest is strong enough (an unknown algorithm is not).</summary>
    public static bool SignatureStrongEnough(CertificateFacts x, int level) =>
        level <= 0 || SignatureBits(x.Certificate.SigAlgOid, x.Certificate.GetSigAlgParams()) >= Required(level);

    /// <summary>
    /// check_auth_level(): the issuers' keys (the leaf's was checked before the chain was built) and the
    /// signatures of all but the trust anchor.
    /// </summary>
    public static bool Check(VerificationContext ctx)
    {
        var level = ctx.Options.AuthLevel;
        if (level <= 0) return true;
        var num = ctx.Chain.Count;
        for (var i = 0; i < num; i++)
        {
            var x = ctx.Chain[i];
            if (i > 0 && !KeyStrongEnough(x, level) && !ctx.Report(VerifyErrors.CaKeyTooSmall, i)) return false;
            if (i < num - 1 && !SignatureStrongEnough(x, level) && !ctx.Report(VerifyErrors.CaMdTooWeak, i)) return false;
        }
        return true;
    }

    /// <summary>EVP_PKEY_get_security_bits() of the key types a certificate carries.</summary>
    internal static int KeyBits(AsymmetricKeyParameter key) => key switch
    {
        RsaKeyParameters rsa => IfcFfcBits(rsa.Modulus.BitLength),
        ECPublicKeyParameters ec => ec.Parameters.N.BitLength / 2,
        DsaPublicKeyParameters { Parameters: { } p } => DsaBits(p.P.BitLength, p.Q.BitLength),
        Ed25519PublicKeyParameters or X25519PublicKeyParameters => 128,
        Ed448PublicKeyParameters or X448PublicKeyParameters => 224,
        _ => 0,
    };

    /// <summary>
    /// crypto/rsa/rsa_lib.c ossl_ifc_ffc_compute_security_bits(): SP 800-56B's canonical values, else its formula
    /// rounded to a multiple of 8 and capped so that the result never decreases with the size.
    /// </summary>
    internal static int IfcFfcBits(int n)
    {
        switch (n)
        {
            case 2048: return 112;
            case 3072: return 128;
            case 4096: return 152;
            case 6144: return 176;
            case 7680: return 192;
            case 8192: return 200;
            case 15360: return 256;
        }
        if (n >= 687737) return 1200;
        if (n < 8) return 0;
        var cap = n <= 7680 ? 192 : n <= 15360 ? 256 : 1200;
        var x = n * Math.Log(2);
        var lx = Math.Log(x);
        var y = (int)((1.923 * Math.Cbrt(x * lx * lx) - 4.690) / Math.Log(2));
        return Math.Min((y + 4) & ~7, cap);
    }

    // crypto/bn/bn_lib.c BN_security_bits() as DSA_security_bits() calls it
    private static int DsaBits(int l, int n)
    {
        var secbits = l >= 15360 ? 256 : l >= 7680 ? 192 : l >= 3072 ? 128 : l >= 2048 ? 112 : l >= 1024 ? 80 : 0;
        if (secbits == 0 || n / 2 < 80) return 0;
        return Math.Min(secbits, n / 2);
    }

    /// <summary>
    /// x509_set.c x509_sig_info_init(): half the digest's bits, 63 for SHA-1 and 39 for MD5; RSA-PSS by its hash;
    /// EdDSA as its key. -1 when the algorithm is unknown (X509_get_signature_info() fails).
    /// </summary>
    internal static int SignatureBits(string oid, byte[]? parameters)
    {
        if (oid == PkcsObjectIdentifiers.IdRsassaPss.Id)
        {
            if (parameters == null) return -1;
            try
            {
                var pss = RsassaPssParameters.GetInstance(Asn1Object.FromByteArray(parameters));
                return DigestBits(pss.HashAlgorithm.Algorithm.Id);
            }
            catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
            {
                return -1;
            }
        }
        return SignatureDigests.TryGetValue(oid, out var digest) ? DigestBits(digest) : -1;
    }

    private static int DigestBits(string digestOid) => digestOid switch
    {
        "1.2.840.113549.2.5" => 39, // MD5
        "1.3.14.3.2.26" => 63, // SHA-1
        "1.2.840.113549.2.2" or "1.2.840.113549.2.4" => 64, // MD2, MD4
        "2.16.840.1.101.3.4.2.4" or "2.16.840.1.101.3.4.2.7" => 112, // SHA-224, SHA3-224
        "2.16.840.1.101.3.4.2.1" or "2.16.840.1.101.3.4.2.8" or "1.2.156.10197.1.401" => 128, // SHA-256, SHA3-256, SM3
        "2.16.840.1.101.3.4.2.2" or "2.16.840.1.101.3.4.2.9" => 192, // SHA-384, SHA3-384
        "2.16.840.1.101.3.4.2.3" or "2.16.840.1.101.3.4.2.10" => 256, // SHA-512, SHA3-512
        "2.16.840.1.101.3.4.2.5" => 112, // SHA-512/224
        "2.16.840.1.101.3.4.2.6" => 128, // SHA-512/256
        "1.3.36.3.2.1" => 80, // RIPEMD-160
        "ed25519" => 128,
        "ed448" => 224,
        _ => -1,
    };

    // signature algorithm -> digest (OBJ_find_sigid_algs(); OpenSSL 3.0 lacks ecdsa-with-SHA3-*)
    private static readonly Dictionary<string, string> SignatureDigests = new()
    {
        ["1.2.840.113549.1.1.2"] = "1.2.840.113549.2.2", ["1.2.840.113549.1.1.3"] = "1.2.840.113549.2.4",
        ["1.2.840.113549.1.1.4"] = "1.2.840.113549.2.5",
        ["1.2.840.113549.1.1.5"] = "1.3.14.3.2.26", ["1.2.840.10045.4.1"] = "1.3.14.3.2.26",
        ["1.2.840.10040.4.3"] = "1.3.14.3.2.26", ["1.3.14.3.2.29"] = "1.3.14.3.2.26",
        ["1.2.840.113549.1.1.14"] = "2.16.840.1.101.3.4.2.4", ["1.2.840.10045.4.3.1"] = "2.16.840.1.101.3.4.2.4",
        ["2.16.840.1.101.3.4.3.1"] = "2.16.840.1.101.3.4.2.4",
        ["1.2.840.113549.1.1.11"] = "2.16.840.1.101.3.4.2.1", ["1.2.840.10045.4.3.2"] = "2.16.840.1.101.3.4.2.1",
        ["2.16.840.1.101.3.4.3.2"] = "2.16.840.1.101.3.4.2.1",
        ["1.2.840.113549.1.1.12"] = "2.16.840.1.101.3.4.2.2", ["1.2.840.10045.4.3.3"] = "2.16.840.1.101.3.4.2.2",
        ["1.2.840.113549.1.1.13"] = "2.16.840.1.101.3.4.2.3", ["1.2.840.10045.4.3.4"] = "2.16.840.1.101.3.4.2.3",
        ["1.2.840.113549.1.1.15"] = "2.16.840.1.101.3.4.2.5", ["1.2.840.113549.1.1.16"] = "2.16.840.1.101.3.4.2.6",
        ["2.16.840.1.101.3.4.3.13"] = "2.16.840.1.101.3.4.2.7",
        ["2.16.840.1.101.3.4.3.14"] = "2.16.840.1.101.3.4.2.8",
        ["2.16.840.1.101.3.4.3.15"] = "2.16.840.1.101.3.4.2.9",
        ["2.16.840.1.101.3.4.3.16"] = "2.16.840.1.101.3.4.2.10",
        ["1.3.36.3.3.1.2"] = "1.3.36.3.2.1", ["1.2.156.10197.1.501"] = "1.2.156.10197.1.401",
        ["1.3.101.112"] = "ed25519", ["1.3.101.113"] = "ed448",
    };
}
