using System.Text;

namespace CnfSigner.Pki.Io;

/// <summary>One "-----BEGIN LABEL-----" block: its label, RFC 1421 headers (Proc-Type, DEK-Info) and contents.</summary>
public sealed record PemBlock(string Label, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Contents)
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";
    private static readonly char[] TrailingWhitespace = Enumerable.Range(0, 33).Select(c => (char)c).ToArray();

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>crypto/pem/pem_lib.c PEM_write_bio(): headers, a blank line, base64 in 64-character lines.</summary>
    public string Encode()
    {
        var text = new StringBuilder();
        text.Append(Begin).Append(Label).Append(Dashes).Append('\n');
        foreach (var (name, value) in Headers) text.Append(name).Append(": ").Append(value).Append('\n');
        if (Headers.Count > 0) text.Append('\n');
        var base64 = Convert.ToBase64String(Contents);
        for (var i = 0; i < base64.Length; i += 64)
            text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        text.Append(End).Append(Label).Append(Dashes).Append('\n');
        return text.ToString();
    }

    public static PemBlock Of(string label, byte[] contents) => new(label, [], contents);

    /// <summary>The contents of the first well-formed block with this label, or null.</summary>
    public static byte[]? Find(string text, string label) =>
        ReadAll(Encoding.Latin1.GetBytes(text)).FirstOrDefault(b => b.Label == label)?.Contents;

    /// <summary>PEM_write: header, base64 at 64 columns, footer, each line ending "\n".</summary>
    public static string Encode(string label, ReadOnlySpan<byte> der) => Of(label, der.ToArray()).Encode();

    /// <summary>True when the bytes hold a PEM begin line anywhere (text before it is allowed, as in OpenSSL).</summary>
    public static bool LooksLikePem(byte[] data) => Encoding.Latin1.GetString(data).Contains(Begin, StringComparison.Ordinal);

    /// <summary>
    /// Every well-formed block in the text, in order. A block whose base64 does not decode is skipped,
    /// as crypto/pem/pem_lib.c PEM_read_bio_ex() gives up on it and the store loader moves on.
    /// </summary>
    public static IEnumerable<PemBlock> ReadAll(byte[] data)
    {
        // A UTF-8 byte order mark before the first line is skipped, and so is whitespace ending a line
        // (crypto/pem/pem_lib.c sanitize_line(): PEM_FLAG_EAY_COMPATIBLE strips every character up to ' ').
        var start = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var lines = Encoding.Latin1.GetString(data, start, data.Length - start).Split('\n')
            .Select(l => l.TrimEnd(TrailingWhitespace)).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Begin, StringComparison.Ordinal) || !lines[i].EndsWith(Dashes, StringComparison.Ordinal)
                || lines[i].Length < Begin.Length + Dashes.Length) continue;
            var label = lines[i][Begin.Length..^Dashes.Length];
            var end = Array.FindIndex(lines, i + 1, l => l == End + label + Dashes);
            if (end < 0) yield break;
            var block = Parse(label, lines[(i + 1)..end]);
            if (block != null) yield return block;
            i = end;
        }
    }

    private static PemBlock? Parse(string label, string[] body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var start = 0;
        if (body.Length > 0 && body[0].Contains(':'))
        {
            for (; start < body.Length && body[start].Trim().Length > 0; start++)
            {
                var colon = body[start].IndexOf(':');
                if (colon < 0) return null;
                headers.Add(new(body[start][..colon].Trim(), body[start][(colon + 1)..].Trim()));
            }
        }
        var base64 = string.Concat(body[start..].Select(l => l.Trim()));
        var contents = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, contents, out var length)
            ? new PemBlock(label, headers, contents[..length])
            : null;
    }
}
