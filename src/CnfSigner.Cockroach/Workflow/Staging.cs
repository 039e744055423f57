namespace CnfSigner.Cockroach.Workflow;

/// <summary>
/// One step's scratch directory: every key, request, filled .cnf and certificate of a step is made here first and
/// moved into place only when the whole step has succeeded. On failure (or a crash: the next step removes
/// leftovers) nothing of it reaches the certs directory or the CA directory, so a retry starts clean.
/// </summary>
internal sealed class Staging : IDisposable
{
    private const string Prefix = ".cnfsigner-step-";
    private readonly List<(string From, string To)> _moves = [];
    private readonly List<(string Path, byte[]? Contents)> _guarded = [];
    private readonly List<(string Dir, HashSet<string> Files)> _guardedDirs = [];
    private bool _committed;
    private readonly Action<string> _say;

    public Staging(Action<string> say)
    {
        _say = say;
        foreach (var old in Directory.GetDirectories(".", Prefix + "*")) Directory.Delete(old, recursive: true);
        Dir = Prefix + Guid.NewGuid().ToString("N")[..8];
        CertWorkflow.CreatePrivateDirectory(Dir);
    }

    public string Dir { get; }

    public string Path(string name) => $"{Dir}/{name}";

    /// <summary>The staged file <paramref name="name"/> goes to <paramref name="target"/> on <see cref="Commit"/>.</summary>
    public string Deliver(string name, string target)
    {
        _moves.Add((Path(name), target));
        return Path(name);
    }

    /// <summary>
    /// Files a tool changes in place during the step (`ca`'s index.txt, its .attr, serial and .old copies): unless
    /// the step commits, they are put back as they were (or removed when they were not there).
    /// </summary>
    public void Guard(params string[] paths)
    {
        foreach (var p in paths)
            if (!_guarded.Any(g => g.Path == p)) _guarded.Add((p, File.Exists(p) ? File.ReadAllBytes(p) : null));
    }

    /// <summary>A directory a tool adds files to (`ca -outdir`): files it did not hold are removed unless the step commits.</summary>
    public void GuardDirectory(string dir) =>
        _guardedDirs.Add((dir, Directory.Exists(dir) ? [.. Directory.GetFiles(dir)] : []));

    /// <summary>Moves every delivered file into place, in the order given (keys before certificates).</summary>
    public void Commit()
    {
        _committed = true;
        foreach (var (from, to) in _moves)
        {
            if (!File.Exists(from)) continue;
            _say($"$ mv {from} {to}");
            var dir = System.IO.Path.GetDirectoryName(to);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.Move(from, to, overwrite: true);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
        if (_committed) return;
        foreach (var (path, contents) in _guarded)
        {
            if (contents != null) File.WriteAllBytes(path, contents);
            else if (File.Exists(path)) File.Delete(path);
        }
        foreach (var (dir, files) in _guardedDirs)
        {
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.GetFiles(dir).Where(f => !files.Contains(f))) File.Delete(f);
        }
    }
}
