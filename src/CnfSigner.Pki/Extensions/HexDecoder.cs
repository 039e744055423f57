namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/o_str.c OPENSSL_hexstr2buf(): hex digit pairs, ':' allowed between bytes.</summary>
internal static class HexDecoder
{
    public static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length / 2);
        for (var i = 0; i < text.Length;)
        {
            var high = text[i++];
            if (high == ':') continue;
            if (i >= text.Length) throw new X509V3Exception("odd number of digits");
            var low = text[i++];
            if (!char.IsAsciiHexDigit(high) || !char.IsAsciiHexDigit(low)) throw new X509V3Exception("illegal hex digit");
            bytes.Add((byte)(Convert.ToInt32(high.ToString(), 16) << 4 | Convert.ToInt32(low.ToString(), 16)));
        }
        return [.. bytes];
    }
}
