using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// OpenSSL's canonical name encoding (crypto/x509/x_name.c x509_name_canon()): each RDN as a DER SET OF
/// (type, value) pairs, concatenated without the outer SEQUENCE, with string values turned into lower-cased,
/// whitespace-collapsed UTF8Strings. X509_NAME_cmp() compares these bytes; X509_NAME_hash() hashes them.
/// </summary>
public static class CanonicalName
{
    // crypto/x509/x_name.c ASN1_MASK_CANON: the string types that are canonicalised; others are copied as they are.
    private static readonly HashSet<int> CanonTags = [12, 30, 28, 19, 20, 22, 26];

    public static byte[] Encode(X509Name name)
    {
        var output = new MemoryStream();
        var sequence = Asn1Sequence.GetInstance(name.ToAsn1Object());
        foreach (var rdn in sequence)
        {
            var set = Asn1Set.GetInstance(rdn);
            var entries = new Asn1EncodableVector();
            foreach (var element in set)
            {
                var entry = Asn1Sequence.GetInstance(element);
                entries.Add(new DerSequence(entry[0], CanonicalValue(entry[1])));
            }
            var der = new DerSet(entries).GetDerEncoded();
            output.Write(der, 0, der.Length);
        }
        return output.ToArray();
    }

    /// <summary>X509_NAME_hash_ex(): the first four bytes of SHA-1 over the canonical encoding, little-endian.</summary>
    public static uint Hash(X509Name name)
    {
        var canon = Encode(name);
        var sha1 = new Sha1Digest();
        sha1.BlockUpdate(canon, 0, canon.Length);
        var digest = new byte[sha1.GetDigestSize()];
        sha1.DoFinal(digest, 0);
        return digest[0] | ((uint)digest[1] << 8) | ((uint)digest[2] << 16) | ((uint)digest[3] << 24);
    }

    /// <summary>The "%08lx" file-name stem `openssl rehash` and `-CApath` use.</summary>
    public static string HashText(X509Name name) => Hash(name).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public static bool AreEqual(X509Name a, X509Name b) => Encode(a).AsSpan().SequenceEqual(Encode(b));

    private static Asn1Encodable CanonicalValue(Asn1Encodable value)
    {
        var obj = value.ToAsn1Object();
        if (obj is not DerStringBase || !CanonTags.Contains(TagOf(obj))) return obj;
        var utf8 = obj switch
        {
            DerUtf8String => ContentOf(obj),
            DerUniversalString => Encoding.UTF8.GetBytes(new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(ContentOf(obj))),
            _ => Encoding.UTF8.GetBytes(((IAsn1String)obj).GetString()),
        };
        return new DerUtf8String(Encoding.UTF8.GetString(Collapse(utf8)));
    }

    // crypto/x509/x_name.c asn1_string_canon(): strip leading/trailing spaces, collapse runs, lower-case ASCII.
    private static byte[] Collapse(byte[] from)
    {
        int start = 0, end = from.Length;
        while (start < end && IsSpace(from[start])) start++;
        while (end > start && IsSpace(from[end - 1])) end--;
        var to = new List<byte>(end - start);
        for (var i = start; i < end;)
        {
            var c = from[i];
            if (c >= 0x80) { to.Add(c); i++; }
            else if (IsSpace(c)) { to.Add((byte)' '); while (IsSpace(from[i])) i++; }
            else { to.Add(c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 32) : c); i++; }
        }
        return [.. to];
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static int TagOf(Asn1Object obj) => obj.GetDerEncoded()[0] & 0x1F;

    private static byte[] ContentOf(Asn1Object obj)
    {
        var der = obj.GetDerEncoded();
        var offset = 2;
        if ((der[1] & 0x80) != 0) offset += der[1] & 0x7F;
        return der[offset..];
    }
}
