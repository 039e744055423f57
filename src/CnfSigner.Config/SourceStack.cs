namespace CnfSigner.Config;

/// <summary>
/// The files being read, as def_load_bio() keeps them: the current input, a stack of including files, and at most
/// one directory being read (crypto/conf/conf_def.c process_include(), get_next_file()). At the end of a file the
/// next file of the directory is read first; when the directory is done, the including file resumes. So a file
/// included from a directory-included file is followed by the rest of the directory before its includer resumes,
/// exactly as in OpenSSL.
/// </summary>
internal sealed class SourceStack(ConfSource top)
{
    /// <summary>
    /// OpenSSL has no include depth limit: a file including itself nests until fopen() fails for lack of file
    /// descriptors, and the failed include is ignored like a missing file. Under the common limit of 1024
    /// descriptors, with stdin, stdout and stderr open, that is 1021 open files; CnfSigner stops at the same point.
    /// </summary>
    internal const int MaxOpenFiles = 1021;

    private readonly Stack<ConfSource> _parents = new();
    private ConfSource _current = top;
    private DirectoryCursor? _directory;

    private int OpenFiles => 1 + _parents.Count + (_directory == null ? 0 : 1);

    public string ReadChunk() => _current.ReadChunk();

    /// <summary>The current file ended: go on with the next directory file or the includer; false when done.</summary>
    public bool NextAtEndOfFile()
    {
        if (_directory != null)
        {
            // get_next_file() opens the next file before the finished one is closed.
            if (_directory.Next(OpenFiles) is { } next) { _current = next; return true; }
            _directory = null;
        }
        if (_parents.Count == 0) return false;
        _current = _parents.Pop();
        return true;
    }

    /// <summary>process_include(): a missing or unreadable path is ignored, as OpenSSL ignores it.</summary>
    public void Include(string path)
    {
        ConfSource? next;
        if (Directory.Exists(path))
        {
            // A directory while another is being read is a "recursive directory include": ignored.
            if (_directory != null) return;
            var cursor = DirectoryCursor.Open(path, OpenFiles);
            next = cursor?.Next(OpenFiles + 1);
            if (next != null) _directory = cursor;
        }
        else
        {
            next = OpenFiles < MaxOpenFiles ? Open(path, allowDirectory: false) : null;
        }
        if (next == null) return;
        _parents.Push(_current);
        _current = next;
    }

    /// <summary>BIO_new_file(): null when the file cannot be opened. A directory opens but reads as empty.</summary>
    internal static ConfSource? Open(string path, bool allowDirectory)
    {
        try
        {
            if (allowDirectory && Directory.Exists(path)) return ConfSource.Empty;
            return new ConfSource(ByteText.FromBytes(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// get_next_file(): the files of an included directory whose names end in ".cnf" or ".conf", compared without
/// case. OpenSSL takes readdir() order, which the file system decides; CnfSigner sorts names ordinally so that
/// the result does not depend on the file system.
/// </summary>
internal sealed class DirectoryCursor
{
    private readonly string _path;
    private readonly Queue<string> _names;

    private DirectoryCursor(string path, IEnumerable<string> names)
    {
        _path = path;
        _names = new Queue<string>(names);
    }

    public static DirectoryCursor? Open(string path, int openFiles)
    {
        if (openFiles >= SourceStack.MaxOpenFiles) return null;
        try
        {
            var names = new DirectoryInfo(path).EnumerateFileSystemInfos()
                .Select(i => i.Name)
                .Where(IsConfigName)
                .Order(StringComparer.Ordinal);
            return new DirectoryCursor(path, names.ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The next file that opens, or null when the directory is done. Files that fail to open are skipped.</summary>
    public ConfSource? Next(int openFiles)
    {
        while (_names.TryDequeue(out var name))
        {
            if (openFiles >= SourceStack.MaxOpenFiles) continue;
            var file = SourceStack.Open(_path + "/" + name, allowDirectory: true);
            if (file != null) return file;
        }
        return null;
    }

    private static bool IsConfigName(string name) =>
        (name.Length > 5 && name.EndsWith(".conf", StringComparison.OrdinalIgnoreCase))
        || (name.Length > 4 && name.EndsWith(".cnf", StringComparison.OrdinalIgnoreCase));
}
