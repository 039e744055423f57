using System.Globalization;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;

namespace CnfSigner.Pki.Names;

/// <summary>
/// X509_NAME_hash_ex (crypto/x509/x509_cmp.c) over <see cref="CanonicalName"/>: the value hashed for "-hash",
/// "c_rehash" links, -CApath lookups and CRL lookups.
/// </summary>
public static class NameHash
{
    /// <summary>First four bytes of SHA-1 over the canonical name, little-endian, as "%08lx" prints it.</summary>
    public static uint Hash(ReadOnlyMemory<byte> nameDer) => Hash(CanonicalName.Encode(Der.Parse(nameDer)));

    /// <summary>The "%08lx" file-name stem `openssl rehash` and `-CApath` use.</summary>
    public static string HashText(X509Name name) =>
        Hash(CanonicalName.Encode(name)).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>X509_NAME_hash_old(): MD5 over the name's DER.</summary>
    public static uint OldHash(ReadOnlyMemory<byte> nameDer)
    {
        var digest = new MD5Digest();
        var bytes = nameDer.ToArray();
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var md = new byte[16];
        digest.DoFinal(md, 0);
        return (uint)(md[0] | md[1] << 8 | md[2] << 16 | md[3] << 24);
    }

    private static uint Hash(byte[] canon)
    {
        var digest = new Sha1Digest();
        digest.BlockUpdate(canon, 0, canon.Length);
        var md = new byte[20];
        digest.DoFinal(md, 0);
        return (uint)(md[0] | md[1] << 8 | md[2] << 16 | md[3] << 24);
    }
}
