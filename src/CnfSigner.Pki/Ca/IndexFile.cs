using System.Text;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// index.txt as crypto/txt_db/txt_db.c reads it: one row per line, six tab-separated fields; '#' lines are
/// skipped. Unlike OpenSSL, a last line without its newline is kept (OpenSSL drops it on the next rewrite).
/// Bytes are kept as Latin-1 so subjects with any byte round-trip unchanged.
/// </summary>
public static class IndexFile
{
    public static readonly Encoding Bytes = Encoding.Latin1;

    public static IReadOnlyList<IndexEntry> Parse(byte[] content, string path)
    {
        var text = Bytes.GetString(content);
        var lines = text.Split('\n');
        var count = text.Length == 0 || text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var entries = new List<IndexEntry>();
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#')) continue;
            var f = line.Split('\t');
            // txt_db.c: exactly six fields; a trailing empty seventh (a trailing tab) is tolerated as OpenSSL does.
            if (f.Length < 6 || f.Skip(6).Any(x => x.Length > 0))
                throw new CnfSignerException($"Problem with index file: {path} (could not load/parse file)");
            entries.Add(new IndexEntry(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return entries;
    }

    public static byte[] Format(IEnumerable<IndexEntry> entries) =>
        Bytes.GetBytes(string.Concat(entries.Select(e => e.Format())));

    /// <summary>
    /// apps/ca.c after load_index(): a revocation date only on a row whose type starts with R, a readable
    /// revocation field (make_revoked()), a valid expiry, and a serial of whole hex bytes.
    /// </summary>
    public static void Check(IReadOnlyList<IndexEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var n = i + 1;
            var revoked = e.Status.StartsWith('R');
            if (!revoked && e.Revocation.Length > 0)
                throw new CnfSignerException($"entry {n}: not revoked yet, but has a revocation date");
            if (revoked) CheckRevocation(e.Revocation, n);
            if (!Timestamps.IsValidIndexTime(e.Expiry))
                throw new CnfSignerException($"entry {n}: invalid expiry date");
            var serial = e.Serial.StartsWith('-') ? e.Serial[1..] : e.Serial;
            if (serial.Length % 2 == 1 || serial.Length < 2)
                throw new CnfSignerException($"entry {n}: bad serial number length ({serial.Length})");
            foreach (var c in serial.Where(c => !char.IsAsciiHexDigit(c)))
                throw new CnfSignerException($"entry {n}: bad char 0{Convert.ToString(c, 8)} '{c}' in serial number");
        }
    }

    private static void CheckRevocation(string text, int n)
    {
        try
        {
            RevocationInfo.Parse(text);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{e.Message}\n in entry {n}");
        }
    }

    /// <summary>apps/ca.c index_serial_cmp(): serials are compared after their leading zeros.</summary>
    public static bool SameSerial(string a, string b) => a.TrimStart('0') == b.TrimStart('0');
}
