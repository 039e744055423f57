using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// The CA database (index.txt, index.txt.attr, the serial file), held under an OS lock from open to dispose so
/// that concurrent cnfsigner processes serialise their read–check–sign–commit. The lock is an flock on
/// "&lt;database&gt;.lock", released by the kernel when the process dies, so it cannot go stale.
/// Commit stages every file first and then replaces each atomically (rename), serial first and certificates last,
/// so a full disk changes nothing and a crash at any instant never leaves a row without its serial having advanced
/// nor a certificate without its row. One flush per commit (the index), see <see cref="Write"/>.
/// </summary>
public sealed class CaDatabase : IDisposable
{
    private readonly FileStream? _lock;
    private byte[][] _indexParts; // the index file's bytes, in one or more parts (see IndexBytes)
    private byte[]? _attrBytes;
    private IReadOnlyList<IndexEntry>? _entries;

    private CaDatabase(string indexPath, FileStream? lockStream, byte[] indexBytes, byte[]? attrBytes)
    {
        IndexPath = indexPath;
        _lock = lockStream;
        _indexParts = [indexBytes];
        _attrBytes = attrBytes;
        _entries = IndexFile.Parse(indexBytes, indexPath);
        AttrUniqueSubject = attrBytes == null ? null : ReadUniqueSubject(attrBytes);
    }

    public string IndexPath { get; }
    public string AttrPath => IndexPath + ".attr";
    /// <summary>The rows as last loaded or committed.</summary>
    public IReadOnlyList<IndexEntry> Entries => _entries ??= IndexFile.Parse(IndexBytes(), IndexPath);

    // After a commit the index is held in the parts it was written from, joined (and parsed) only if asked for again.
    private byte[] IndexBytes()
    {
        if (_indexParts.Length == 1) return _indexParts[0];
        var joined = new byte[_indexParts.Sum(part => part.Length)];
        var at = 0;
        foreach (var part in _indexParts)
        {
            part.CopyTo(joined, at);
            at += part.Length;
        }
        _indexParts = [joined];
        return joined;
    }

    /// <summary>The unique_subject value of index.txt.attr, if that file sets it (it wins over the config).</summary>
    public bool? AttrUniqueSubject { get; }

    /// <summary>Opens and loads the database; with <paramref name="forUpdate"/> it first takes the lock.</summary>
    public static CaDatabase Open(string indexPath, bool forUpdate, TimeSpan? lockTimeout = null)
    {
        // No database, no lock file: the index is read once before the lock is made, so that a missing one fails
        // without leaving "index.txt.lock" behind.
        if (forUpdate && !File.Exists(indexPath)) ReadIndex(indexPath);
        var lockStream = forUpdate ? AcquireLock(indexPath + ".lock", lockTimeout ?? TimeSpan.FromMinutes(2)) : null;
        try
        {
            var index = ReadIndex(indexPath);
            var attr = File.Exists(indexPath + ".attr") ? File.ReadAllBytes(indexPath + ".attr") : null;
            return new CaDatabase(indexPath, lockStream, index, attr);
        }
        catch
        {
            lockStream?.Dispose();
            throw;
        }
    }

    private static byte[] ReadIndex(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnfSignerException(
                $"{SafeFile.Reason(e)}: calling fopen({path}, r)\nProblem with index file: {path} (could not load/parse file)");
        }
    }

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = 5;
        while (true)
        {
            try
            {
                // On Unix, FileShare.None is an flock(LOCK_EX | LOCK_NB) on the open file.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path))
            {
                Thread.Sleep(Random.Shared.Next(delay, delay * 2));
                delay = Math.Min(delay * 2, 100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CnfSignerException($"unable to lock the CA database \"{path}\": {SafeFile.Reason(e)}", 1, e);
            }
        }
    }

    /// <summary>
    /// apps/ca.c after load_index(): the row checks, then index_index() with unique_subject as index.txt.attr says,
    /// else as the config says.
    /// </summary>
    /// <returns>the unique_subject rule in force</returns>
    public bool CheckForSigning(bool configUniqueSubject)
    {
        var uniqueSubject = AttrUniqueSubject ?? configUniqueSubject;
        IndexFile.Check(Entries);
        CheckIndexes(uniqueSubject);
        return uniqueSubject;
    }

    /// <summary>
    /// apps/lib/apps.c index_index(): the serial index refuses two rows with one serial (leading zeros ignored);
    /// with unique_subject, the name index refuses two rows of type V with one subject. The numbers are
    /// TXT_DB's (error 2, first row, second row; 0-based).
    /// </summary>
    public void CheckIndexes(bool uniqueSubject)
    {
        if (FindClash(false) is { } s)
            throw new CnfSignerException($"Error creating serial number index:(2,{s.First},{s.Second})");
        if (uniqueSubject && FindClash(true) is { } n)
            throw new CnfSignerException($"Error creating name index:(2,{n.First},{n.Second})");
    }

    private (int First, int Second)? FindClash(bool bySubject) => Entries is IndexRows rows
        ? rows.FindClash(bySubject)
        : bySubject
            ? FindClash(e => e.Subject, e => e.Status.StartsWith('V'))
            : FindClash(e => e.Serial.TrimStart('0'), _ => true);

    private (int First, int Second)? FindClash(Func<IndexEntry, string> key, Func<IndexEntry, bool> qualifies)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Entries.Count; i++)
        {
            if (!qualifies(Entries[i])) continue;
            if (seen.TryGetValue(key(Entries[i]), out var first)) return (first, i);
            seen[key(Entries[i])] = i;
        }
        return null;
    }

    /// <summary>apps/lib/apps.c parse_yes_or_no on the attr file's unique_subject.</summary>
    private static bool? ReadUniqueSubject(byte[] attr)
    {
        foreach (var line in Encoding.Latin1.GetString(attr).Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq < 0 || line[..eq].Trim() != "unique_subject") continue;
            return ParseYesOrNo(line[(eq + 1)..].Trim(), true);
        }
        return null;
    }

    /// <summary>apps/lib/apps.c parse_yes_or_no: the first letter decides; anything else is the default.</summary>
    public static bool ParseYesOrNo(string? value, bool byDefault) => value is { Length: > 0 }
        ? value[0] switch { 'y' or 'Y' or 't' or 'T' or '1' => true, 'n' or 'N' or 'f' or 'F' or '0' => false, _ => byDefault }
        : byDefault;

    /// <summary>
    /// Writes the new state: the ".old" copies (as OpenSSL rotates them), the serial file, the attr file, the index
    /// and last <paramref name="outputs"/> (the new certificates, already staged), each replaced atomically.
    /// </summary>
    public void Commit(IEnumerable<IndexEntry> entries, bool uniqueSubject, string? serialPath, BigInteger? nextSerial,
        FileBatch? outputs = null) =>
        Write([IndexFile.Format(entries)], uniqueSubject, serialPath, nextSerial, outputs);

    /// <summary>
    /// <see cref="Commit"/> with the loaded rows followed by <paramref name="added"/>. When formatting the loaded rows
    /// would give back the file as read, the new rows are appended to its bytes instead: the same file, without
    /// turning every row of a large database into text and back.
    /// </summary>
    public void CommitAdded(IReadOnlyList<IndexEntry> added, bool uniqueSubject, string? serialPath, BigInteger? nextSerial,
        FileBatch? outputs = null)
    {
        byte[][] index = Entries is IndexRows { Canonical: true }
            ? [.. _indexParts, IndexFile.Format(added)]
            : [IndexFile.Format(Entries.Concat(added))];
        Write(index, uniqueSubject, serialPath, nextSerial, outputs);
    }

    // Every file is staged before any is renamed (FileBatch): a full disk or an unwritable directory changes
    // nothing. Only the index is flushed to disk, once, before its rename: a flush costs most on a shared disk (a
    // journal commit that waits for every process's data), and OpenSSL makes none. The serial file is renamed into
    // place just before the index, unflushed: ext4 (data=ordered with auto_da_alloc, the default) writes a file that
    // replaces another by rename before it commits that rename, and commits renames in order, so after a power loss
    // the serial is old or new, and new whenever the index's rename survived. (Neither rename is flushed, as before:
    // that would take a flush of the directory.) The ".old" copies are backups of a state
    // that stays on disk until the flushed index has replaced it, the attr file only restates unique_subject, and
    // the certificates are recorded by the index (a thousand flushes would cost more than the signing).
    private void Write(byte[][] index, bool uniqueSubject, string? serialPath, BigInteger? nextSerial, FileBatch? outputs)
    {
        var attr = Encoding.ASCII.GetBytes($"unique_subject = {(uniqueSubject ? "yes" : "no")}\n");
        // We hold the lock, so temporary files of the database files are leftovers of a killed run.
        string[] written = serialPath == null ? [IndexPath, AttrPath] : [IndexPath, AttrPath, serialPath];
        foreach (var path in written.SelectMany(p => new[] { p, p + ".old" })) SafeFile.DeleteStaleTemps(path);
        using var batch = new FileBatch();
        batch.Add(IndexPath + ".old", _indexParts, durable: false);
        if (_attrBytes != null) batch.Add(AttrPath + ".old", _attrBytes, durable: false);
        if (serialPath != null && nextSerial != null)
        {
            // save_serial() then rotate_serial(): the previous bytes become "PATH.old" unchanged.
            if (File.Exists(serialPath)) batch.Add(serialPath + ".old", SafeFile.ReadAllBytes(serialPath), durable: false);
            batch.Add(serialPath, SerialFile.Format(nextSerial), durable: false);
        }
        batch.Add(AttrPath, attr, durable: false);
        batch.Add(IndexPath, index);
        batch.Publish();
        outputs?.Publish();
        (_entries, _indexParts, _attrBytes) = (null, index, attr);
    }

    public void Dispose() => _lock?.Dispose();
}
