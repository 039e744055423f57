namespace CnfSigner.Pki.Io;

/// <summary>
/// Several outputs replaced as one step: every file is first written under its temporary name (so a full disk or
/// an unwritable directory fails before anything is replaced), then all are renamed into place in the order they
/// were added. Each rename is atomic; a crash between two of them leaves the earlier ones new and the later ones
/// old, which is why callers add the serial file before the index, and the index before certificates.
/// Temporary files of a batch that is never published are deleted on dispose.
/// </summary>
public sealed class FileBatch : IDisposable
{
    private readonly List<SafeFile.Staged> _staged = [];

    public void Add(string path, byte[] contents, bool durable = true) => Add(path, [contents], durable);

    /// <summary>Stages one file (see <see cref="SafeFile.Stage"/>); not a secret, since no batch writes keys.</summary>
    public void Add(string path, IReadOnlyList<byte[]> contents, bool durable = true) =>
        _staged.Add(SafeFile.Stage(path, contents, secret: false, durable));

    /// <summary>Stages an empty file that grows with <see cref="SafeFile.Staged.Append"/> (see <see cref="SafeFile.StageAppendable"/>).</summary>
    public SafeFile.Staged AddAppendable(string path)
    {
        var staged = SafeFile.StageAppendable(path);
        _staged.Add(staged);
        return staged;
    }

    public int Count => _staged.Count;

    public void Publish()
    {
        foreach (var file in _staged) file.Publish();
    }

    public void Dispose()
    {
        foreach (var file in _staged) file.Dispose();
    }
}
