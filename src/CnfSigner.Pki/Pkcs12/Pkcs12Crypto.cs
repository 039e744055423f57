using System.Text;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Tools;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>
/// A pass phrase as PKCS#12 uses it: the UTF-8 bytes for PBES2 (PKCS5_v2_PBE_keyivgen takes them as they are) and
/// the BMPString form with its two-byte terminator for the PKCS#12 KDF (crypto/pkcs12/p12_key.c
/// PKCS12_key_gen_utf8_ex). Null is OpenSSL's NULL password: no bytes at all in either form.
/// </summary>
internal sealed record Pkcs12Password(byte[]? Utf8)
{
    public static Pkcs12Password Of(string? text) => new(text == null ? null : Encoding.UTF8.GetBytes(text));

    public byte[] Raw => Utf8 ?? [];

    /// <summary>crypto/pkcs12/p12_utl.c OPENSSL_utf82uni(): UTF-16BE and a 0x0000 terminator; NULL gives nothing.</summary>
    public byte[] Bmp
    {
        get
        {
            if (Utf8 == null) return [];
            var text = Encoding.UTF8.GetString(Utf8);
            return [.. Encoding.BigEndianUnicode.GetBytes(text), 0, 0];
        }
    }

    public bool IsEmpty => Utf8 is not { Length: > 0 };
}

/// <summary>
/// The encryption and integrity of PKCS#12 files: the PKCS#12 PBE schemes (pbeWithSHA1And3-KeyTripleDES-CBC,
/// ...-RC2-CBC, ...) and PBES2 for bags and safes, and the HMAC over the authenticated safe keyed by the PKCS#12 KDF.
/// </summary>
internal static class Pkcs12Crypto
{
    public const int DefaultIterations = 2048; // include/openssl/pkcs12.h PKCS12_DEFAULT_ITER
    private const int SaltBytes = 8;           // PKCS12_SALT_LEN and PKCS5_SALT_LEN

    /// <summary>A PKCS#12 PBE scheme (PKCS#12 v1.0 appendix C): cipher, key and IV lengths, legacy provider or not.</summary>
    private sealed record PbeScheme(string Oid, string Cipher, int KeyBytes, int IvBytes, bool Legacy);

    private static readonly PbeScheme[] Schemes =
    [
        new("1.2.840.113549.1.12.1.1", "RC4", 16, 0, true),
        new("1.2.840.113549.1.12.1.2", "RC4", 5, 0, true),
        new("1.2.840.113549.1.12.1.3", "DESede", 24, 8, false),
        new("1.2.840.113549.1.12.1.4", "DESede", 16, 8, false),
        new("1.2.840.113549.1.12.1.5", "RC2", 16, 8, true),
        new("1.2.840.113549.1.12.1.6", "RC2", 5, 8, true),
    ];

    public static bool IsPbeScheme(string oid) => Schemes.Any(s => s.Oid == oid);

    /// <summary>Whether OpenSSL 3.0 needs its legacy provider (-legacy) for this scheme: RC2 and RC4.</summary>
    public static bool NeedsLegacy(AlgorithmIdentifier algorithm) =>
        Schemes.FirstOrDefault(s => s.Oid == algorithm.Algorithm.Id) is { Legacy: true };

    /// <summary>
    /// crypto/pkcs12/p12_add.c PKCS12_pack_p7encdata_ex() / p12_p8e.c: a PKCS#12 PBE scheme by its OID, else PBES2
    /// with the cipher of that OID (PBKDF2, hmacWithSHA256, 8-byte salt).
    /// </summary>
    public static (AlgorithmIdentifier Algorithm, byte[] Data) Encrypt(string schemeOid, Pkcs12Password password, int iterations, byte[] plain, bool legacy)
    {
        if (Schemes.FirstOrDefault(s => s.Oid == schemeOid) is { } scheme)
        {
            if (scheme.Legacy && !legacy) throw new EncryptException(Unsupported(scheme));
            var salt = SecureRandom.GetNextBytes(OsRandom.Create(), SaltBytes);
            var algorithm = new AlgorithmIdentifier(new DerObjectIdentifier(schemeOid), new Pkcs12PbeParams(salt, iterations));
            return (algorithm, RunPbe(scheme, true, password, salt, iterations, plain));
        }
        var cipher = KeyCipher.FindByOid(schemeOid) ?? throw new EncryptException($"unknown pbe algorithm: TYPE={ObjectNames.Text(schemeOid)}");
        var encrypted = Pbes2.Encrypt(plain, new Pkcs8Protection(cipher, iterations), password.Raw);
        return (encrypted.EncryptionAlgorithm, encrypted.GetEncryptedData());
    }

    /// <summary>crypto/pkcs12/p12_decr.c PKCS12_pbe_crypt_ex(): the plain bytes, or OpenSSL's reasons.</summary>
    public static byte[] Decrypt(AlgorithmIdentifier algorithm, Pkcs12Password password, byte[] data, bool legacy)
    {
        var oid = algorithm.Algorithm.Id;
        if (Schemes.FirstOrDefault(s => s.Oid == oid) is { } scheme)
        {
            if (scheme.Legacy && !legacy)
                throw new CnfSignerException(Unsupported(scheme));
            var p = Pkcs12PbeParams.GetInstance(algorithm.Parameters);
            var iterations = p.Iterations.IntValueExact;
            try
            {
                return RunPbe(scheme, false, password, p.GetIV(), iterations, data);
            }
            catch (InvalidCipherTextException)
            {
                throw new CnfSignerException("bad decrypt\npkcs12 cipherfinal error: maybe wrong password");
            }
        }
        if (oid != PkcsObjectIdentifiers.IdPbeS2.Id) throw new CnfSignerException($"unknown pbe algorithm: TYPE={ObjectNames.Text(oid)}");
        try
        {
            return Pbes2.DecryptData(algorithm, data, password.Raw);
        }
        catch (UnreadableKeyException e)
        {
            throw new CnfSignerException(e.Message.Replace("unsupported\n", "", StringComparison.Ordinal));
        }
    }

    /// <summary>PKCS12_pack_p7encdata_ex() or the shrouding of the key failed; apps/pkcs12.c names the output file.</summary>
    public sealed class EncryptException(string reason) : Exception(reason);

    // OpenSSL 3.0 without its legacy provider: the fetch of RC2/RC4 fails.
    private static string Unsupported(PbeScheme scheme) =>
        $"unsupported: Global default library context, Algorithm ({LegacyName(scheme)} : 0), Properties ()";

    private static string LegacyName(PbeScheme scheme) => scheme.Cipher switch
    {
        "RC2" => scheme.KeyBytes == 5 ? "RC2-40-CBC" : "RC2-CBC",
        _ => scheme.KeyBytes == 5 ? "RC4-40" : "RC4",
    };

    // crypto/pkcs12/p12_crpt.c PKCS12_PBE_keyivgen_ex(): key (ID 1) and IV (ID 2) from the PKCS#12 KDF with SHA-1.
    private static byte[] RunPbe(PbeScheme scheme, bool encrypt, Pkcs12Password password, byte[] salt, int iterations, byte[] data)
    {
        var key = Kdf(new Sha1Digest(), 1, password.Bmp, salt, iterations, scheme.KeyBytes);
        if (scheme.Cipher == "RC4")
        {
            var rc4 = new RC4Engine();
            rc4.Init(encrypt, new KeyParameter(key));
            var output = new byte[data.Length];
            rc4.ProcessBytes(data, 0, data.Length, output, 0);
            return output;
        }
        var iv = Kdf(new Sha1Digest(), 2, password.Bmp, salt, iterations, scheme.IvBytes);
        IBlockCipher engine = scheme.Cipher == "RC2" ? new RC2Engine() : new DesEdeEngine();
        ICipherParameters keyParameter = scheme.Cipher == "RC2" ? new RC2Parameters(key, scheme.KeyBytes * 8) : new DesEdeParameters(Expand2Des(key));
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(engine), new Pkcs7Padding());
        cipher.Init(encrypt, new ParametersWithIV(keyParameter, iv));
        return cipher.DoFinal(data);
    }

    // Two-key triple DES (DES-EDE-CBC): K1, K2, K1.
    private static byte[] Expand2Des(byte[] key) => key.Length == 16 ? [.. key, .. key.AsSpan(0, 8)] : key;

    /// <summary>
    /// RFC 7292 appendix B.2 (crypto/pkcs12/p12_key.c PKCS12_key_gen_uni()): <paramref name="id"/> 1 key, 2 IV,
    /// 3 MAC key; D, then I = salt and password each repeated to whole blocks, A = H^c(D || I), I_j += A-filled B + 1.
    /// </summary>
    private static byte[] Kdf(IDigest digest, int id, byte[] bmpPassword, byte[] salt, int iterations, int bytes)
    {
        var u = digest.GetDigestSize();
        var v = digest.GetByteLength();
        var d = Enumerable.Repeat((byte)id, v).ToArray();
        static byte[] Fill(byte[] source, int v)
        {
            if (source.Length == 0) return [];
            var length = v * ((source.Length + v - 1) / v);
            var result = new byte[length];
            for (var i = 0; i < length; i++) result[i] = source[i % source.Length];
            return result;
        }
        var i = Fill(salt, v).Concat(Fill(bmpPassword, v)).ToArray();
        var output = new byte[bytes];
        var a = new byte[u];
        var b = new byte[v];
        for (var offset = 0; offset < bytes; offset += u)
        {
            digest.BlockUpdate(d, 0, v);
            digest.BlockUpdate(i, 0, i.Length);
            digest.DoFinal(a, 0);
            for (var round = 1; round < iterations; round++)
            {
                digest.BlockUpdate(a, 0, u);
                digest.DoFinal(a, 0);
            }
            Array.Copy(a, 0, output, offset, Math.Min(u, bytes - offset));
            if (offset + u >= bytes) break;
            for (var k = 0; k < v; k++) b[k] = a[k % u];
            for (var block = 0; block < i.Length; block += v)
            {
                var carry = 1;
                for (var k = v - 1; k >= 0; k--)
                {
                    carry += i[block + k] + b[k];
                    i[block + k] = (byte)carry;
                    carry >>= 8;
                }
            }
        }
        return output;
    }

    /// <summary>A MAC digest: the name -macalg takes, its OID and a BouncyCastle digest.</summary>
    public sealed record MacDigest(string Oid, Func<IDigest> Create);

    // The digests with an OID that OpenSSL 3.0's default provider runs (apps/lib/opts.c opt_md()).
    private static readonly Dictionary<string, string> MacOids = new()
    {
        ["MD5"] = "1.2.840.113549.2.5", ["SHA1"] = "1.3.14.3.2.26",
        ["SHA2-224"] = "2.16.840.1.101.3.4.2.4", ["SHA2-256"] = "2.16.840.1.101.3.4.2.1",
        ["SHA2-384"] = "2.16.840.1.101.3.4.2.2", ["SHA2-512"] = "2.16.840.1.101.3.4.2.3",
        ["SHA2-512/224"] = "2.16.840.1.101.3.4.2.5", ["SHA2-512/256"] = "2.16.840.1.101.3.4.2.6",
        ["SHA3-224"] = "2.16.840.1.101.3.4.2.7", ["SHA3-256"] = "2.16.840.1.101.3.4.2.8",
        ["SHA3-384"] = "2.16.840.1.101.3.4.2.9", ["SHA3-512"] = "2.16.840.1.101.3.4.2.10",
        ["SM3"] = "1.2.156.10197.1.401", ["RIPEMD-160"] = "1.3.36.3.2.1",
    };

    public static MacDigest? FindMacDigest(string name) =>
        MessageDigests.Find(name) is { IsXof: false } d && MacOids.TryGetValue(d.Name == "SHA256" ? "SHA2-256" : d.Name, out var oid)
            ? new MacDigest(oid, d.Create) : null;

    public static MacDigest? MacDigestByOid(string oid) =>
        MacOids.FirstOrDefault(m => m.Value == oid).Key is { } name ? FindMacDigest(name) : null;

    /// <summary>crypto/pkcs12/p12_mutl.c pkcs12_gen_mac(): HMAC keyed by the PKCS#12 KDF (ID 3, the digest's size).</summary>
    public static byte[] Mac(MacDigest digest, Pkcs12Password password, byte[] salt, int iterations, byte[] data)
    {
        var size = digest.Create().GetDigestSize();
        var key = Kdf(digest.Create(), 3, password.Bmp, salt, iterations, size);
        var hmac = new HMac(digest.Create());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(data, 0, data.Length);
        var result = new byte[size];
        hmac.DoFinal(result, 0);
        return result;
    }

    public static byte[] NewSalt() => SecureRandom.GetNextBytes(OsRandom.Create(), SaltBytes);
}
