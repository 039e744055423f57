using CnfSigner.Pki.Io;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// Output files gathered while a command runs and written at its end, so a failing step leaves no file created
/// or truncated. Parts for the same path are joined in order (req -keyout and -out naming one file append, as
/// OpenSSL's 'a' mode does); a null path is standard output.
/// </summary>
internal sealed class PendingOutput
{
    private readonly List<(string? Path, byte[] Bytes, bool Secret)> _parts = [];

    public void Add(string? path, byte[] bytes, bool secret) => _parts.Add((path, bytes, secret));

    public void Commit(Terminal terminal)
    {
        var files = _parts.Where(p => p.Path != null)
            .GroupBy(p => p.Path!, StringComparer.Ordinal)
            .Select(g => (Path: g.Key, Bytes: g.SelectMany(p => p.Bytes).ToArray(), Secret: g.Any(p => p.Secret)))
            .ToList();
        foreach (var f in files) SafeFile.CheckWritable(f.Path, f.Secret);
        foreach (var part in _parts.Where(p => p.Path == null)) terminal.WriteBytes(part.Bytes);
        foreach (var f in files) SafeFile.Write(f.Path, f.Bytes, f.Secret);
    }
}
