namespace CnfSigner.Pki.Ca;

/// <summary>
/// The rows a new certificate must not clash with (apps/ca.c do_body()'s TXT_DB_get_by_index look-ups): the
/// database's, in file order, then those issued earlier in the same run.
/// </summary>
public sealed class KnownRows(IReadOnlyList<IndexEntry> database, IReadOnlyList<IndexEntry> issued)
{
    /// <summary>The first row with this serial, leading zeros aside (index_serial_cmp()).</summary>
    public IndexEntry? WithSerial(string serial) =>
        (database is IndexRows rows ? At(rows, rows.IndexOfSerial(serial)) : database.FirstOrDefault(r => IndexFile.SameSerial(r.Serial, serial)))
        ?? issued.FirstOrDefault(r => IndexFile.SameSerial(r.Serial, serial));

    /// <summary>The first valid row with this subject (index_name_qual(): the type starts with V).</summary>
    public IndexEntry? ValidWithSubject(string subject) =>
        (database is IndexRows rows
            ? At(rows, rows.IndexOfValidSubject(subject))
            : database.FirstOrDefault(r => r.Status.StartsWith('V') && r.Subject == subject))
        ?? issued.FirstOrDefault(r => r.Status.StartsWith('V') && r.Subject == subject);

    private static IndexEntry? At(IndexRows rows, int row) => row < 0 ? null : rows[row];
}
