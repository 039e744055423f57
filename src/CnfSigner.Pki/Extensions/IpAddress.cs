using System.Globalization;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_utl.c a2i_IPADDRESS() / a2i_IPADDRESS_NC() as in OpenSSL 3.0.</summary>
internal static class IpAddress
{
    /// <summary>"a.b.c.d" or an IPv6 text form (anything with ':'); null when OpenSSL would reject it.</summary>
    public static byte[]? Parse(string text) => text.Contains(':') ? ParseV6(text) : ParseV4(text);

    /// <summary>nameConstraints form "address/mask": both halves of the same family.</summary>
    public static byte[]? ParseWithMask(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return null;
        var address = Parse(text[..slash]);
        var mask = address is null ? null : Parse(text[(slash + 1)..]);
        return mask is null || mask.Length != address!.Length ? null : [.. address, .. mask];
    }

    // 3.0's ipv4_from_asc() is sscanf("%d.%d.%d.%d%n") with each part 0..255 and only end of string or
    // whitespace after the last: leading zeros are decimal ("010" = 10), and %d skips leading whitespace.
    private static byte[]? ParseV4(string text)
    {
        var bytes = new byte[4];
        var pos = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0 && (pos >= text.Length || text[pos++] != '.')) return null;
            if (ScanInt(text, ref pos) is not { } value || value is < 0 or > 255) return null;
            bytes[i] = (byte)value;
        }
        return pos == text.Length || ValueList.IsSpace(text[pos]) ? bytes : null;
    }

    // One "%d": optional whitespace, optional sign, at least one digit.
    private static long? ScanInt(string text, ref int pos)
    {
        while (pos < text.Length && ValueList.IsSpace(text[pos])) pos++;
        var negative = pos < text.Length && text[pos] == '-';
        if (pos < text.Length && text[pos] is '+' or '-') pos++;
        var start = pos;
        long value = 0;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            value = Math.Min(value * 10 + (text[pos++] - '0'), int.MaxValue);
        return pos == start ? null : negative ? -value : value;
    }

    // ipv6_from_asc(): CONF_parse_list over ':' where empty elements mark "::"; a final element longer than 4
    // characters may be a dotted IPv4 tail.
    private static byte[]? ParseV6(string text)
    {
        var elements = text.Split(':');
        var head = new List<byte>();
        int zeroPos = -1, zeroCount = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            var e = elements[i];
            if (head.Count == 16) return null;
            if (e.Length == 0)
            {
                if (zeroPos == -1) zeroPos = head.Count;
                else if (zeroPos != head.Count) return null;
                zeroCount++;
            }
            else if (e.Length > 4)
            {
                if (head.Count > 12 || i != elements.Length - 1 || ParseV4(e) is not { } v4) return null;
                head.AddRange(v4);
            }
            else
            {
                if (!ushort.TryParse(e, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var word))
                    return null;
                head.Add((byte)(word >> 8));
                head.Add((byte)word);
            }
        }
        return Assemble(head, zeroPos, zeroCount);
    }

    private static byte[]? Assemble(List<byte> head, int zeroPos, int zeroCount)
    {
        if (zeroPos == -1) return head.Count == 16 ? [.. head] : null;
        if (head.Count == 16 || zeroCount > 3) return null;
        if (zeroCount == 3 && head.Count > 0) return null;
        if (zeroCount == 2 && zeroPos != 0 && zeroPos != head.Count) return null;
        if (zeroCount == 1 && (zeroPos == 0 || zeroPos == head.Count)) return null;
        var result = new byte[16];
        head.CopyTo(0, result, 0, zeroPos);
        head.CopyTo(zeroPos, result, 16 - (head.Count - zeroPos), head.Count - zeroPos);
        return result;
    }
}
