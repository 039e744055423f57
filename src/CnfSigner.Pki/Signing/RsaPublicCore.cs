using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.TeleTrust;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// BouncyCastle's RsaCoreEngine with the public-key operation (x^e mod n: verifying a request's, certificate's or
/// CRL's signature) on <see cref="Montgomery"/>'s 64-bit limbs (or, where 64-bit products are slow, as in the default
/// native file, <see cref="MontgomeryRadix"/>'s 28-bit ones) instead of BouncyCastle's 32-bit ModPow (5–6 M
/// instructions for e = 65537 at 2048 bits in the native file, about a fifth of that here). Everything else (input
/// checks, output conversion, padding, private keys, even moduli) stays BouncyCastle's, so results and failures are
/// the same. Public data only: <see cref="Montgomery.Pow"/> is not constant time.
/// </summary>
internal sealed class RsaPublicCore : RsaCoreEngine
{
    private RsaKeyParameters? _key;

    public override void Init(bool forEncryption, ICipherParameters parameters)
    {
        base.Init(forEncryption, parameters);
        _key = parameters as RsaKeyParameters;
    }

    public override BigInteger ProcessBlock(BigInteger input)
    {
        var key = _key;
        if (key == null || key.IsPrivate || !Usable(key.Modulus, key.Exponent) || input.SignValue < 0 || input.CompareTo(key.Modulus) >= 0)
            return base.ProcessBlock(input);
        return Montgomery.PublicPow(input, key.Exponent, key.Modulus);
    }

    /// <summary>Odd moduli above 1 and positive exponents; BouncyCastle's ModPow takes the rest.</summary>
    internal static bool Usable(BigInteger modulus, BigInteger exponent) =>
        modulus.SignValue > 0 && modulus.TestBit(0) && modulus.BitLength > 1 && exponent.SignValue > 0;

    // RsaDigestSigner's own table (BouncyCastle 2.7.0), so that the DigestInfo compared is the one it would build.
    private static readonly Dictionary<string, DerObjectIdentifier> DigestOids = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RIPEMD128"] = TeleTrusTObjectIdentifiers.RipeMD128,
        ["RIPEMD160"] = TeleTrusTObjectIdentifiers.RipeMD160,
        ["RIPEMD256"] = TeleTrusTObjectIdentifiers.RipeMD256,
        ["SHA-1"] = X509ObjectIdentifiers.IdSha1,
        ["SHA-224"] = NistObjectIdentifiers.IdSha224,
        ["SHA-256"] = NistObjectIdentifiers.IdSha256,
        ["SHA-384"] = NistObjectIdentifiers.IdSha384,
        ["SHA-512"] = NistObjectIdentifiers.IdSha512,
        ["SHA-512/224"] = NistObjectIdentifiers.IdSha512_224,
        ["SHA-512/256"] = NistObjectIdentifiers.IdSha512_256,
        ["SHA3-224"] = NistObjectIdentifiers.IdSha3_224,
        ["SHA3-256"] = NistObjectIdentifiers.IdSha3_256,
        ["SHA3-384"] = NistObjectIdentifiers.IdSha3_384,
        ["SHA3-512"] = NistObjectIdentifiers.IdSha3_512,
        ["MD2"] = PkcsObjectIdentifiers.MD2,
        ["MD4"] = PkcsObjectIdentifiers.MD4,
        ["MD5"] = PkcsObjectIdentifiers.MD5,
    };

    /// <summary>BouncyCastle's <c>new RsaDigestSigner(digest)</c> (PKCS#1 v1.5), its public-key operation on this core.</summary>
    public static RsaDigestSigner Pkcs1Signer(IDigest digest) =>
        new(new RsaBlindedEngine(new RsaPublicCore()), digest,
            DigestOids.TryGetValue(digest.AlgorithmName, out var oid) ? new AlgorithmIdentifier(oid, DerNull.Instance) : null);

    /// <summary>
    /// SignerUtilities.InitSigner for verification: the same signer, checks and exceptions, except that a PKCS#1 v1.5
    /// RSA verifier does its public-key operation on this core.
    /// </summary>
    public static ISigner InitVerifier(DerObjectIdentifier algorithm, AsymmetricKeyParameter key)
    {
        var signer = SignerUtilities.InitSigner(algorithm, false, key, OsRandom.Create());
        if (signer.GetType() != typeof(RsaDigestSigner) || !signer.AlgorithmName.EndsWith("withRSA", StringComparison.Ordinal)) return signer;
        var digestName = signer.AlgorithmName[..^"withRSA".Length];
        if (!DigestOids.ContainsKey(digestName)) return signer;
        var ours = Pkcs1Signer(DigestUtilities.GetDigest(digestName));
        ours.Init(false, key);
        return ours;
    }
}
