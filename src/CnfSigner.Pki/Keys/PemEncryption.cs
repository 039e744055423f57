using CnfSigner.Pki.Io;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// "Proc-Type: 4,ENCRYPTED" / "DEK-Info: CIPHER,IV" PEM encryption (crypto/pem/pem_lib.c PEM_ASN1_write_bio()):
/// the key is EVP_BytesToKey(cipher, MD5, salt = first 8 bytes of the IV, pass phrase, 1 iteration).
/// </summary>
internal static class PemEncryption
{
    public static PemBlock Encrypt(string label, byte[] der, KeyCipher cipher, byte[] password)
    {
        var iv = SecureRandom.GetNextBytes(OsRandom.Create(), cipher.BlockBytes);
        var key = BytesToKey(password, iv, cipher.KeyBytes);
        return new PemBlock(label,
            [new("Proc-Type", "4,ENCRYPTED"), new("DEK-Info", cipher.Name + "," + Convert.ToHexString(iv))],
            cipher.Encrypt(key, iv, der));
    }

    public static bool IsEncrypted(PemBlock block) =>
        block.Header("Proc-Type") is { } procType && procType.EndsWith("ENCRYPTED", StringComparison.Ordinal);

    public static byte[] Decrypt(PemBlock block, byte[]? password)
    {
        var dekInfo = block.Header("DEK-Info") ?? throw new UnreadableKeyException("not proc type");
        var comma = dekInfo.IndexOf(',');
        var cipher = (comma < 0 ? null : KeyCipher.Find(dekInfo[..comma]))
                     ?? throw new UnreadableKeyException("unsupported encryption");
        // crypto/pem/pem_lib.c PEM_do_header(): "bad password read" when no pass phrase can be had.
        if (password == null) throw new UnreadableKeyException("bad password read");
        byte[] iv;
        try { iv = Convert.FromHexString(dekInfo[(comma + 1)..]); }
        catch (FormatException) { throw new UnreadableKeyException("bad iv chars"); }
        if (iv.Length != cipher.BlockBytes) throw new UnreadableKeyException("bad iv chars");
        try
        {
            return cipher.Decrypt(BytesToKey(password, iv, cipher.KeyBytes), iv, block.Contents);
        }
        catch (InvalidCipherTextException)
        {
            throw new UnreadableKeyException("bad decrypt");
        }
    }

    /// <summary>crypto/evp/evp_key.c EVP_BytesToKey() with MD5 and count 1: D_i = MD5(D_{i-1} || pass || salt).</summary>
    internal static byte[] BytesToKey(byte[] password, byte[] iv, int keyBytes)
    {
        var md5 = new MD5Digest();
        var key = new List<byte>();
        var previous = Array.Empty<byte>();
        while (key.Count < keyBytes)
        {
            md5.BlockUpdate(previous, 0, previous.Length);
            md5.BlockUpdate(password, 0, password.Length);
            md5.BlockUpdate(iv, 0, 8);
            previous = new byte[md5.GetDigestSize()];
            md5.DoFinal(previous, 0);
            key.AddRange(previous);
        }
        return key.Take(keyBytes).ToArray();
    }
}
