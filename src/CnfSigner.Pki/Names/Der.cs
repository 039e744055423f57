namespace CnfSigner.Pki.Names;

/// <summary>
/// One DER element read straight from the encoded bytes, so printing never depends on a re-encoding
/// (a name keeps its string types and bytes exactly as signed).
/// </summary>
internal readonly record struct Der(int Tag, bool Constructed, int Class, ReadOnlyMemory<byte> Content, ReadOnlyMemory<byte> Encoded)
{
    public const int Universal = 0, ContextSpecific = 2;

    public ReadOnlySpan<byte> Bytes => Content.Span;
    public bool Is(int universalTag) => Class == Universal && Tag == universalTag;
    public bool IsContext(int tag) => Class == ContextSpecific && Tag == tag;

    public static Der Parse(ReadOnlyMemory<byte> data)
    {
        var offset = 0;
        var node = Read(data, ref offset);
        return node;
    }

    /// <summary>Reads one element at <paramref name="offset"/>; throws <see cref="FormatException"/> on bad DER.</summary>
    public static Der Read(ReadOnlyMemory<byte> data, ref int offset)
    {
        var span = data.Span;
        var start = offset;
        if (offset >= span.Length) throw new FormatException("truncated DER");
        var first = span[offset++];
        int tag = first & 0x1F;
        if (tag == 0x1F)
        {
            tag = 0;
            byte b;
            do
            {
                if (offset >= span.Length || tag > 0xFFFFFF) throw new FormatException("bad DER tag");
                b = span[offset++];
                tag = (tag << 7) | (b & 0x7F);
            } while ((b & 0x80) != 0);
        }
        if (offset >= span.Length) throw new FormatException("truncated DER");
        int length = span[offset++];
        if (length >= 0x80)
        {
            var count = length & 0x7F;
            if (count == 0 || count > 3) throw new FormatException("unsupported DER length");
            length = 0;
            for (var i = 0; i < count; i++)
            {
                if (offset >= span.Length) throw new FormatException("truncated DER");
                length = (length << 8) | span[offset++];
            }
        }
        if (length > span.Length - offset) throw new FormatException("truncated DER");
        var content = data.Slice(offset, length);
        offset += length;
        return new Der(tag, (first & 0x20) != 0, first >> 6, content, data[start..offset]);
    }

    /// <summary>One element with the given identifier octet around the concatenated parts (lengths up to 2^24).</summary>
    public static byte[] Tagged(byte tag, params IEnumerable<byte[]> parts)
    {
        var content = parts.SelectMany(p => p).ToArray();
        var n = content.Length;
        byte[] length = n < 0x80 ? [(byte)n]
            : n < 0x100 ? [0x81, (byte)n]
            : n < 0x10000 ? [0x82, (byte)(n >> 8), (byte)n]
            : [0x83, (byte)(n >> 16), (byte)(n >> 8), (byte)n];
        return [tag, .. length, .. content];
    }

    public List<Der> Children()
    {
        var list = new List<Der>();
        var offset = 0;
        while (offset < Content.Length) list.Add(Read(Content, ref offset));
        return list;
    }

    public string Oid() => ObjectNames.Dotted(Bytes);

    /// <summary>Big-endian two's complement content of an INTEGER or ENUMERATED.</summary>
    public System.Numerics.BigInteger Integer() =>
        Content.Length == 0 ? 0 : new System.Numerics.BigInteger(Bytes, isUnsigned: false, isBigEndian: true);
}
