using System.Text;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Names;

/// <summary>
/// OpenSSL's canonical name encoding (crypto/x509/x_name.c x509_name_canon()): each RDN as a DER SET OF
/// (type, value) pairs, concatenated without the outer SEQUENCE, with string values turned into lower-cased,
/// whitespace-collapsed UTF8Strings. X509_NAME_cmp() compares these bytes; X509_NAME_hash() hashes them.
/// </summary>
public static class CanonicalName
{
    // x_name.c ASN1_MASK_CANON: the string types that are canonicalised (UTF8, BMP, Universal, Printable, T61, IA5, Visible).
    private static readonly HashSet<int> CanonTypes = [12, 30, 28, 19, 20, 22, 26];

    /// <summary>The canonical encoding of a name BouncyCastle has parsed (or built).</summary>
    public static byte[] Encode(X509Name name) => Encode(Der.Parse(name.GetEncoded()));

    /// <summary>X509_NAME_cmp() == 0.</summary>
    public static bool AreEqual(X509Name a, X509Name b) => Encode(a).AsSpan().SequenceEqual(Encode(b));

    /// <summary>Each RDN as a DER SET of canonical entries, concatenated without the outer SEQUENCE header.</summary>
    internal static byte[] Encode(Der name)
    {
        var output = new List<byte>();
        foreach (var rdn in name.Children())
        {
            var entries = rdn.Children().Select(CanonicalEntry).ToList();
            // DER SET OF: elements ordered by their encodings.
            entries.Sort(CompareDer);
            output.AddRange(Tlv(0x31, entries.SelectMany(e => e).ToArray()));
        }
        return output.ToArray();
    }

    private static byte[] CanonicalEntry(Der entry)
    {
        var parts = entry.Children();
        var value = parts[1];
        var canon = value.Class == Der.Universal && CanonTypes.Contains(value.Tag)
            ? Tlv(12, CanonicalText(value))
            : value.Encoded.ToArray();
        return Tlv(0x30, [.. parts[0].Encoded.Span, .. canon]);
    }

    /// <summary>x_name.c asn1_string_canon(): UTF-8, trimmed, runs of spaces collapsed, ASCII lower-cased.</summary>
    private static byte[] CanonicalText(Der value)
    {
        var utf8 = ToUtf8(value);
        int start = 0, end = utf8.Length;
        while (start < end && IsSpace(utf8[start])) start++;
        while (end > start && IsSpace(utf8[end - 1])) end--;
        var output = new List<byte>(end - start);
        for (var i = start; i < end;)
        {
            var c = utf8[i];
            if (c >= 0x80) { output.Add(c); i++; }
            else if (IsSpace(c))
            {
                output.Add((byte)' ');
                while (i < end && IsSpace(utf8[i])) i++;
            }
            else { output.Add(c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 32) : c); i++; }
        }
        return output.ToArray();
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r';

    /// <summary>ASN1_STRING_to_UTF8(): one-byte types are Latin-1, BMP and Universal are UCS-2/UCS-4.</summary>
    private static byte[] ToUtf8(Der value)
    {
        var bytes = value.Bytes;
        return value.Tag switch
        {
            12 => bytes.ToArray(),
            30 => Encoding.UTF8.GetBytes(Encoding.BigEndianUnicode.GetString(bytes)),
            28 => Encoding.UTF8.GetBytes(new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(bytes)),
            _ => Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(bytes)),
        };
    }

    private static int CompareDer(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++) if (a[i] != b[i]) return a[i] - b[i];
        return a.Length - b.Length;
    }

    private static byte[] Tlv(byte tag, byte[] content)
    {
        var length = content.Length;
        byte[] header = length < 0x80 ? [tag, (byte)length]
            : length < 0x100 ? [tag, 0x81, (byte)length]
            : length < 0x10000 ? [tag, 0x82, (byte)(length >> 8), (byte)length]
            : [tag, 0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        return [.. header, .. content];
    }
}
