using System.Text;
using CnfSigner.Pki.Issuance;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// index.txt as crypto/txt_db/txt_db.c reads it: one row per line, six tab-separated fields; '#' lines are
/// skipped. Unlike OpenSSL, a last line without its newline is kept (OpenSSL drops it on the next rewrite).
/// Bytes are kept as Latin-1 so subjects with any byte round-trip unchanged.
/// </summary>
public static class IndexFile
{
    public static readonly Encoding Bytes = Encoding.Latin1;

    /// <summary>Parses the whole file (every row is checked for six fields now); rows are kept as offsets.</summary>
    public static IndexRows Parse(byte[] content, string path) => IndexRows.Parse(content, path);

    public static byte[] Format(IEnumerable<IndexEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var e in entries) e.AppendTo(text);
        return Bytes.GetBytes(text.ToString());
    }

    /// <summary>
    /// apps/ca.c after load_index(): a revocation date only on a row whose type starts with R, a readable
    /// revocation field (make_revoked()), a valid expiry, and a serial of whole hex bytes.
    /// </summary>
    public static void Check(IReadOnlyList<IndexEntry> entries)
    {
        if (entries is IndexRows rows)
        {
            rows.Check();
            return;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            CheckRow(i + 1, e.Status.StartsWith('R'), Bytes.GetBytes(e.Revocation), Bytes.GetBytes(e.Expiry), Bytes.GetBytes(e.Serial));
        }
    }

    /// <summary>One row's checks, in apps/ca.c's order, on the raw fields.</summary>
    internal static void CheckRow(int n, bool revoked, ReadOnlySpan<byte> revocation, ReadOnlySpan<byte> expiry, ReadOnlySpan<byte> serial)
    {
        if (!revoked && revocation.Length > 0)
            throw new CnfSignerException($"entry {n}: not revoked yet, but has a revocation date");
        if (revoked) CheckRevocation(Bytes.GetString(revocation), n);
        if (!Timestamps.IsValidIndexTime(expiry))
            throw new CnfSignerException($"entry {n}: invalid expiry date");
        if (serial.Length > 0 && serial[0] == '-') serial = serial[1..];
        if (serial.Length % 2 == 1 || serial.Length < 2)
            throw new CnfSignerException($"entry {n}: bad serial number length ({serial.Length})");
        foreach (var b in serial)
            if (!char.IsAsciiHexDigit((char)b))
                throw new CnfSignerException($"entry {n}: bad char 0{Convert.ToString(b, 8)} '{(char)b}' in serial number");
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

/// <summary>
/// The rows of a parsed index.txt, held as offsets into the file's bytes (a 100,000-row database costs its bytes
/// plus 28 bytes a row, as OpenSSL's TXT_DB holds its rows in one buffer); a row becomes an
/// <see cref="IndexEntry"/> only when one is asked for. Look-ups by serial or subject compare bytes in place.
/// </summary>
public sealed class IndexRows : IReadOnlyList<IndexEntry>
{
    private const int Stride = 7; // per row: the starts of the six fields, then the end of the sixth
    private readonly byte[] _bytes;
    private readonly int[] _offsets;

    private IndexRows(byte[] bytes, int[] offsets, int count, bool canonical) =>
        (_bytes, _offsets, Count, Canonical) = (bytes, offsets, count, canonical);

    public int Count { get; }

    /// <summary>
    /// Formatting the rows gives back exactly the bytes read: every line ends in a newline and there are no
    /// comment lines or trailing tabs. New rows can then be appended to the bytes instead of rewriting each row.
    /// </summary>
    public bool Canonical { get; }

    /// <summary>The file's bytes as read.</summary>
    public ReadOnlyMemory<byte> Content => _bytes;

    public IndexEntry this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
            return new IndexEntry(Status(row), Text(row, 1), Text(row, 2), Text(row, 3), FileName(row), Text(row, 5));
        }
    }

    public static IndexRows Parse(byte[] content, string path)
    {
        var offsets = new int[Stride * Math.Max(16, content.Length / 48)];
        var count = 0;
        var canonical = content.Length == 0 || content[^1] == '\n';
        for (var start = 0; start < content.Length;)
        {
            var newline = content.AsSpan(start).IndexOf((byte)'\n');
            var end = newline < 0 ? content.Length : start + newline;
            if (content[start] == '#') canonical = false;
            else
            {
                if (Stride * (count + 1) > offsets.Length) Array.Resize(ref offsets, offsets.Length * 2);
                if (!SplitRow(content, start, end, offsets.AsSpan(Stride * count, Stride), ref canonical))
                    throw new CnfSignerException($"Problem with index file: {path} (could not load/parse file)");
                count++;
            }
            start = end + 1;
        }
        return new IndexRows(content, offsets, count, canonical);
    }

    /// <summary>txt_db.c: exactly six fields; trailing empty fields (trailing tabs) are tolerated as OpenSSL does.</summary>
    private static bool SplitRow(byte[] content, int start, int end, Span<int> fields, ref bool canonical)
    {
        fields[0] = start;
        var position = start;
        for (var f = 1; f < 6; f++)
        {
            var tab = content.AsSpan(position, end - position).IndexOf((byte)'\t');
            if (tab < 0) return false;
            position += tab + 1;
            fields[f] = position;
        }
        var last = content.AsSpan(position, end - position).IndexOf((byte)'\t');
        fields[6] = last < 0 ? end : position + last;
        if (last < 0) return true;
        canonical = false;
        return content.AsSpan(fields[6], end - fields[6]).IndexOfAnyExcept((byte)'\t') < 0;
    }

    private ReadOnlySpan<byte> Field(int row, int field)
    {
        var o = Stride * row;
        var start = _offsets[o + field];
        var end = field == 5 ? _offsets[o + 6] : _offsets[o + field + 1] - 1;
        return _bytes.AsSpan(start, end - start);
    }

    private string Text(int row, int field) => Field(row, field) is { Length: 0 } ? "" : IndexFile.Bytes.GetString(Field(row, field));

    private string Status(int row) => Field(row, 0) switch
    {
        [(byte)'V'] => IndexEntry.Valid,
        [(byte)'R'] => IndexEntry.Revoked,
        [(byte)'E'] => IndexEntry.Expired,
        _ => Text(row, 0),
    };

    private string FileName(int row) => Field(row, 4).SequenceEqual("unknown"u8) ? "unknown" : Text(row, 4);

    /// <summary>The first row with this serial, or -1.</summary>
    public int IndexOfSerial(string serial)
    {
        // apps/ca.c index_serial_cmp(): compared after leading zeros.
        var wanted = IndexFile.Bytes.GetBytes(serial.TrimStart('0'));
        for (var row = 0; row < Count; row++)
            if (SerialKey(row).SequenceEqual(wanted)) return row;
        return -1;
    }

    /// <summary>The serial field without its leading zeros, as index_serial_hash()/index_serial_cmp() see it.</summary>
    private ReadOnlySpan<byte> SerialKey(int row)
    {
        var serial = Field(row, 3);
        var first = serial.IndexOfAnyExcept((byte)'0');
        return first < 0 ? [] : serial[first..];
    }

    /// <summary>
    /// apps/lib/apps.c index_index() on the bytes: the first two rows (0-based) with one serial (leading zeros
    /// aside) or, with <paramref name="bySubject"/>, two valid (V) rows with one subject; null if none clash.
    /// </summary>
    internal (int First, int Second)? FindClash(bool bySubject)
    {
        var seen = new Dictionary<int, int>(Count, new FieldComparer(this, bySubject));
        for (var row = 0; row < Count; row++)
        {
            if (bySubject && Field(row, 0) is not [(byte)'V', ..]) continue;
            if (!seen.TryAdd(row, row)) return (seen[row], row);
        }
        return null;
    }

    /// <summary>Rows compared by one field's bytes (the serial key or the subject), without making strings.</summary>
    private sealed class FieldComparer(IndexRows rows, bool bySubject) : IEqualityComparer<int>
    {
        private ReadOnlySpan<byte> Key(int row) => bySubject ? rows.Field(row, 5) : rows.SerialKey(row);

        public bool Equals(int x, int y) => Key(x).SequenceEqual(Key(y));

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            hash.AddBytes(Key(row));
            return hash.ToHashCode();
        }
    }

    /// <summary>The first valid (V) row with this subject, or -1.</summary>
    public int IndexOfValidSubject(string subject) => IndexOf(5, subject, validOnly: true);

    private int IndexOf(int field, string value, bool validOnly)
    {
        var wanted = IndexFile.Bytes.GetBytes(value);
        for (var row = 0; row < Count; row++)
            if ((!validOnly || Field(row, 0) is [(byte)'V', ..]) && Field(row, field).SequenceEqual(wanted)) return row;
        return -1;
    }

    /// <summary><see cref="IndexFile.Check"/> on the bytes, without making an entry per row.</summary>
    internal void Check()
    {
        for (var row = 0; row < Count; row++)
            IndexFile.CheckRow(row + 1, Field(row, 0) is [(byte)'R', ..], Field(row, 2), Field(row, 1), Field(row, 3));
    }

    public IEnumerator<IndexEntry> GetEnumerator()
    {
        for (var row = 0; row < Count; row++) yield return this[row];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
