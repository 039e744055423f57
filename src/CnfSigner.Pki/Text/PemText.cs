using System.Text;

namespace CnfSigner.Pki.Text;

/// <summary>
/// PEM blocks as OpenSSL reads and writes them: any text may precede or follow a block (the "ca" output file
/// starts with its text dump), and the base64 body is written 64 characters a line.
/// </summary>
public static class PemText
{
    /// <summary>The DER of the first "-----BEGIN label-----" block, or null when there is none or it is not base64.</summary>
    public static byte[]? Find(string text, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        while (start >= 0)
        {
            // The marker must start a line.
            if (start == 0 || text[start - 1] == '\n') break;
            start = text.IndexOf(begin, start + 1, StringComparison.Ordinal);
        }
        if (start < 0) return null;
        var bodyStart = start + begin.Length;
        var stop = text.IndexOf(end, bodyStart, StringComparison.Ordinal);
        if (stop < 0) return null;
        var body = new StringBuilder();
        foreach (var c in text.AsSpan(bodyStart, stop - bodyStart))
            if (!char.IsWhiteSpace(c)) body.Append(c);
        try { return Convert.FromBase64String(body.ToString()); }
        catch (FormatException) { return null; }
    }

    /// <summary>PEM_write: header, base64 at 64 columns, footer, each line ending "\n".</summary>
    public static string Encode(string label, ReadOnlySpan<byte> der)
    {
        var base64 = Convert.ToBase64String(der);
        var text = new StringBuilder().Append("-----BEGIN ").Append(label).Append("-----\n");
        for (var i = 0; i < base64.Length; i += 64) text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        return text.Append("-----END ").Append(label).Append("-----\n").ToString();
    }
}
