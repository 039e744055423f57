using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// PKCS#5 v2 password-based encryption of PKCS#8 keys (RFC 8018), as crypto/asn1/p5_pbev2.c writes it in
/// OpenSSL 3.0: PBKDF2 with hmacWithSHA256, 2048 iterations, an 8-byte salt, no keyLength field.
/// Reading also takes the other PRFs and scrypt (openssl pkcs8 -scrypt).
/// </summary>
internal static class Pbes2
{
    public const int DefaultIterations = 2048; // include/openssl/evp.h PKCS5_DEFAULT_ITER
    private const int SaltBytes = 8;           // include/openssl/evp.h PKCS5_SALT_LEN (3.0)
    private static readonly DerObjectIdentifier HmacWithSha1 = new("1.2.840.113549.2.7");
    private static readonly DerObjectIdentifier HmacWithSha256 = new("1.2.840.113549.2.9");
    private static readonly DerObjectIdentifier Scrypt = new("1.3.6.1.4.1.11591.4.11");
    // crypto/evp/pbe_scrypt.c SCRYPT_MAX_MEM: p5_scrypt.c passes maxmem 0, so this is the limit OpenSSL reads with.
    private const ulong ScryptMaxMemory = 32UL << 20;
    // Not an OpenSSL limit (it has none): a key file naming 2^31 PBKDF2 rounds would hold us for most of an hour.
    // OpenSSL writes 2048; ten million is about ten seconds here.
    private const int MaxIterations = 10_000_000;

    public static EncryptedPrivateKeyInfo Encrypt(byte[] plain, KeyCipher cipher, byte[] password, int iterations) =>
        Encrypt(plain, new Pkcs8Protection(cipher, iterations), password);

    /// <summary>
    /// crypto/asn1/p5_pbev2.c PKCS5_pbe2_set_iv_ex() / p5_scrypt.c PKCS5_pbe2_set_scrypt(): PBKDF2 (the PRF left
    /// out when it is hmacWithSHA1, the default) or scrypt (salt, N, r, p; no keyLength).
    /// </summary>
    public static EncryptedPrivateKeyInfo Encrypt(byte[] plain, Pkcs8Protection protection, byte[] password)
    {
        var cipher = protection.Cipher;
        var random = OsRandom.Create();
        var salt = SecureRandom.GetNextBytes(random, SaltBytes);
        var iv = SecureRandom.GetNextBytes(random, cipher.BlockBytes);
        KeyDerivationFunc kdf;
        byte[] key;
        if (protection.Scrypt is { } s)
        {
            kdf = new KeyDerivationFunc(Scrypt, new DerSequence(new DerOctetString(salt), DerInteger.ValueOf(s.N), DerInteger.ValueOf(s.R), DerInteger.ValueOf(s.P)));
            key = SCrypt.Generate(password, salt, (int)s.N, (int)s.R, (int)s.P, cipher.KeyBytes);
        }
        else
        {
            var prfOid = new DerObjectIdentifier(protection.PrfOid);
            var prf = prfOid.Equals(HmacWithSha1) ? null : new AlgorithmIdentifier(prfOid, DerNull.Instance);
            kdf = new KeyDerivationFunc(PkcsObjectIdentifiers.IdPbkdf2, new Pbkdf2Params(salt, protection.Iterations, prf));
            key = Pbkdf2(Prf(prfOid), password, salt, protection.Iterations, cipher.KeyBytes);
        }
        var scheme = new EncryptionScheme(new DerObjectIdentifier(cipher.Oid), new DerOctetString(iv));
        var algorithm = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdPbeS2, new PbeS2Parameters(kdf, scheme));
        return new EncryptedPrivateKeyInfo(algorithm, cipher.Encrypt(key, iv, plain));
    }

    /// <summary>pkcs8 -v1: a PKCS#12 PBE scheme (pbeWithSHA1And3-KeyTripleDES-CBC, ...), 8-byte salt.</summary>
    public static EncryptedPrivateKeyInfo EncryptV1(PrivateKeyInfo info, string schemeOid, byte[] password, int iterations)
    {
        var salt = SecureRandom.GetNextBytes(OsRandom.Create(), SaltBytes);
        var oid = new DerObjectIdentifier(schemeOid);
        var parameters = new Pkcs12PbeParams(salt, iterations);
        var cipher = PbeUtilities.CreateEngine(oid);
        var key = PbeUtilities.GenerateCipherParameters(oid, System.Text.Encoding.UTF8.GetString(password).ToCharArray(), parameters);
        ((IBufferedCipher)cipher).Init(true, key);
        var encrypted = ((IBufferedCipher)cipher).DoFinal(info.GetEncoded(Asn1Encodable.Der));
        return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(oid, parameters), encrypted);
    }

    /// <summary>Decrypts PBES2; other schemes (PKCS#12 PBE from pkcs8 -v1) go to BouncyCastle.</summary>
    public static PrivateKeyInfo Decrypt(EncryptedPrivateKeyInfo info, byte[] password)
    {
        if (!info.EncryptionAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdPbeS2))
            return Org.BouncyCastle.Pkcs.PrivateKeyInfoFactory.CreatePrivateKeyInfo(
                System.Text.Encoding.UTF8.GetString(password).ToCharArray(), info);

        return PrivateKeyInfo.GetInstance(DecryptData(info.EncryptionAlgorithm, info.GetEncryptedData(), password));
    }

    /// <summary>PBES2-encrypted bytes (a PKCS#8 key, or a PKCS#12 EncryptedData's content).</summary>
    internal static byte[] DecryptData(AlgorithmIdentifier algorithm, byte[] data, byte[] password)
    {
        var parameters = PbeS2Parameters.GetInstance(algorithm.Parameters);
        var cipher = KeyCipher.FindByOid(parameters.EncryptionScheme.Algorithm.Id)
                     ?? throw new UnreadableKeyException("unsupported cipher " + parameters.EncryptionScheme.Algorithm.Id);
        var iv = Asn1OctetString.GetInstance(parameters.EncryptionScheme.Parameters).GetOctets();
        var key = DeriveKey(parameters.KeyDerivationFunc, password, cipher.KeyBytes);
        try
        {
            return cipher.Decrypt(key, iv, data);
        }
        catch (InvalidCipherTextException)
        {
            throw new UnreadableKeyException(password.Length == 0 ? UnreadableKeyException.EmptyPassword : UnreadableKeyException.WrongPassword);
        }
    }

    private static byte[] DeriveKey(KeyDerivationFunc kdf, byte[] password, int keyBytes)
    {
        if (kdf.Algorithm.Equals(Scrypt))
        {
            var p = Asn1Sequence.GetInstance(kdf.Parameters);
            var salt = Asn1OctetString.GetInstance(p[0]).GetOctets();
            int Int(int i) => DerInteger.GetInstance(p[i]).IntValueExact;
            CheckScrypt(DerInteger.GetInstance(p[1]).Value, DerInteger.GetInstance(p[2]).Value, DerInteger.GetInstance(p[3]).Value);
            return SCrypt.Generate(password, salt, Int(1), Int(2), Int(3), keyBytes);
        }
        if (!kdf.Algorithm.Equals(PkcsObjectIdentifiers.IdPbkdf2))
            throw new UnreadableKeyException("unsupported key derivation " + kdf.Algorithm.Id);
        var pbkdf2 = Pbkdf2Params.GetInstance(kdf.Parameters);
        var prf = pbkdf2.Prf?.Algorithm ?? HmacWithSha1;
        if (pbkdf2.IterationCount.SignValue <= 0 || pbkdf2.IterationCount.BitLength > 31 || pbkdf2.IterationCount.IntValue > MaxIterations)
            throw new UnreadableKeyException($"iteration count {pbkdf2.IterationCount} out of range (1 to {MaxIterations})");
        return Pbkdf2(Prf(prf), password, pbkdf2.GetSalt(), pbkdf2.IterationCount.IntValueExact, keyBytes);
    }

    /// <summary>
    /// providers/implementations/kdfs/scrypt.c scrypt_alg()'s checks: N a power of two from 2, r and p non-zero,
    /// and the buffers (128·r·p + 128·r·(N+2) bytes) within SCRYPT_MAX_MEM. A key file cannot make us allocate more.
    /// </summary>
    private static void CheckScrypt(Org.BouncyCastle.Math.BigInteger n, Org.BouncyCastle.Math.BigInteger r, Org.BouncyCastle.Math.BigInteger p)
    {
        const string limit = "memory limit exceeded";
        if (n.SignValue <= 0 || r.SignValue <= 0 || p.SignValue <= 0 || n.BitLength > 40 || r.BitLength > 30 || p.BitLength > 30)
            throw new UnreadableKeyException(limit);
        ulong bigN = (ulong)n.LongValue, bigR = (ulong)r.LongValue, bigP = (ulong)p.LongValue;
        if (bigN < 2 || (bigN & (bigN - 1)) != 0) throw new UnreadableKeyException("illegal scrypt parameters");
        if (bigP > ((1UL << 30) - 1) / bigR) throw new UnreadableKeyException(limit);
        var blen = bigP * 128 * bigR;
        if (bigN + 2 > ulong.MaxValue / 128 / bigR) throw new UnreadableKeyException(limit);
        var vlen = 128 * bigR * (bigN + 2);
        if (blen > ScryptMaxMemory || vlen > ScryptMaxMemory || blen + vlen > ScryptMaxMemory)
            throw new UnreadableKeyException(limit);
    }

    private static IDigest Prf(DerObjectIdentifier oid) => oid.Id switch
    {
        "1.2.840.113549.2.7" => new Sha1Digest(),
        "1.2.840.113549.2.8" => new Sha224Digest(),
        "1.2.840.113549.2.9" => new Sha256Digest(),
        "1.2.840.113549.2.10" => new Sha384Digest(),
        "1.2.840.113549.2.11" => new Sha512Digest(),
        _ => throw new UnreadableKeyException("unsupported PRF " + oid.Id),
    };

    private static byte[] Pbkdf2(IDigest digest, byte[] password, byte[] salt, int iterations, int keyBytes)
    {
        var generator = new Pkcs5S2ParametersGenerator(digest);
        generator.Init(password, salt, iterations);
        return ((KeyParameter)generator.GenerateDerivedMacParameters(keyBytes * 8)).GetKey();
    }
}

/// <summary>Why a key could not be read; the reader turns it into "Could not read private key from X".</summary>
internal sealed class UnreadableKeyException(string reason) : Exception(reason)
{
    // The OSSL_STORE loader's "unsupported", the cipher's "bad decrypt" and crypto/pkcs12/p12_decr.c
    // PKCS12_pbe_crypt_ex()'s line, in the short form ("reason: data"); "empty password" for an empty pass phrase.
    public const string WrongPassword = "unsupported\nbad decrypt\npkcs12 cipherfinal error: maybe wrong password";
    public const string EmptyPassword = "unsupported\nbad decrypt\npkcs12 cipherfinal error: empty password";
    // providers/implementations/encode_decode/decode_epki2pki.c: "unable to get passphrase"
    public const string NoPassword = "unable to get passphrase";
    // crypto/encode_decode/decoder_lib.c OSSL_DECODER_from_bio(): "No supported data to decode."
    public const string NotAKey = "No supported data to decode";
}

/// <summary>How pkcs8 -topk8 (and every PKCS#8 writer) encrypts: PBES2 with a cipher and PBKDF2 or scrypt.</summary>
public sealed record Pkcs8Protection(KeyCipher Cipher, int Iterations = Pbes2.DefaultIterations)
{
    /// <summary>hmacWithSHA256, OpenSSL 3.0's default PRF.</summary>
    public string PrfOid { get; init; } = "1.2.840.113549.2.9";
    public ScryptParameters? Scrypt { get; init; }
    /// <summary>pkcs8 -v1: the PKCS#12 PBE scheme's OID instead of PBES2.</summary>
    public string? V1SchemeOid { get; init; }

    /// <summary>apps/pkcs8.c -v2prf: OBJ_txt2nid() of a PRF name.</summary>
    public static string? PrfByName(string name) => name.ToLowerInvariant() switch
    {
        "hmacwithsha1" => "1.2.840.113549.2.7",
        "hmacwithsha224" => "1.2.840.113549.2.8",
        "hmacwithsha256" => "1.2.840.113549.2.9",
        "hmacwithsha384" => "1.2.840.113549.2.10",
        "hmacwithsha512" => "1.2.840.113549.2.11",
        _ => null,
    };

    /// <summary>pkcs8 -v1 names (crypto/objects): the PKCS#12 schemes OpenSSL 3.0's default provider can run.</summary>
    public static string? V1SchemeByName(string name) => name.ToUpperInvariant() switch
    {
        "PBE-SHA1-3DES" or "PBEWITHSHA1AND3-KEYTRIPLEDES-CBC" => "1.2.840.113549.1.12.1.3",
        "PBE-SHA1-2DES" or "PBEWITHSHA1AND2-KEYTRIPLEDES-CBC" => "1.2.840.113549.1.12.1.4",
        _ => null,
    };
}

/// <summary>pkcs8 -scrypt_N/-scrypt_r/-scrypt_p; apps/pkcs8.c defaults N=16384, r=8, p=1.</summary>
public sealed record ScryptParameters(long N = 16384, long R = 8, long P = 1);
