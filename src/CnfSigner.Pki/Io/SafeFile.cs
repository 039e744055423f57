using System.Text.RegularExpressions;

namespace CnfSigner.Pki.Io;

/// <summary>
/// The one way the product reads input files and writes output files. Writes go to a temporary file in the
/// target's directory, are flushed to disk and then renamed over the target, so a failure leaves neither a new
/// file nor a half-written one (OpenSSL truncates the target first and leaves an empty file behind).
/// </summary>
public static partial class SafeFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/>. A secret file (a private key) is created
    /// 0600 from its first byte whatever the umask, also when it replaces an existing file (OpenSSL keeps the old
    /// file's mode there). Other files get 0666 &amp; ~umask, or keep the mode of the file they replace.
    /// A target that exists and is not a regular file (/dev/stdout, a FIFO) is written directly.
    /// A <paramref name="durable"/> file is flushed to disk before the rename, so that after a power loss the
    /// target holds the old or the new contents; without it (certificates, backups) the rename is still atomic for
    /// every process, and the kernel writes the data back in its own time, as for everything OpenSSL writes.
    /// </summary>
    public static void Write(string path, byte[] contents, bool secret, bool durable = true) =>
        Write(path, [contents], secret, durable);

    /// <summary><see cref="Write(string, byte[], bool, bool)"/> with the contents in parts, written one after the other.</summary>
    public static void Write(string path, IReadOnlyList<byte[]> contents, bool secret, bool durable = true)
    {
        using var staged = Stage(path, contents, secret, durable);
        staged.Publish();
    }

    /// <summary>
    /// The first half of <see cref="Write(string, IReadOnlyList{byte[]}, bool, bool)"/>: the contents written (and,
    /// if <paramref name="durable"/>, flushed) to a temporary file beside the target, which
    /// <see cref="Staged.Publish"/> renames into place and disposing deletes if never published. Full disks and
    /// permission problems therefore fail here, before anything is replaced. A device cannot be staged: it is
    /// written at <see cref="Staged.Publish"/>; an existing FIFO is written at once.
    /// </summary>
    public static Staged Stage(string path, IReadOnlyList<byte[]> contents, bool secret, bool durable = true) =>
        Stage(path, contents, secret, durable, appendable: false);

    /// <summary>
    /// <see cref="Stage"/> of an empty file that grows with <see cref="Staged.Append"/> until it is published, so
    /// that a long output (`ca -out` of a thousand certificates) is not held in memory. A device or FIFO target is
    /// held and written at <see cref="Staged.Publish"/>. Never flushed to disk; never a secret.
    /// </summary>
    public static Staged StageAppendable(string path) => Stage(path, [], secret: false, durable: false, appendable: true);

    private static Staged Stage(string path, IReadOnlyList<byte[]> contents, bool secret, bool durable, bool appendable)
    {
        try
        {
            if (IsDeviceOrProcPath(path) && File.Exists(path)) return new Staged(path, path, null, [.. contents], secret);
            var target = ResolveLinks(path);
            if (Directory.Exists(target)) throw CannotWrite(path, "Is a directory", secret);
            return StageAt(path, target, contents, secret, durable, appendable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, Reason(e), secret, e);
        }
    }

    /// <summary>
    /// Fails as <see cref="Write"/> would, without writing anything: OpenSSL opens its output before slow work
    /// (genrsa opens -out before generating), so its "Can't open" error comes first; so does ours.
    /// </summary>
    public static void CheckWritable(string path, bool secret)
    {
        try
        {
            if (IsDeviceOrProcPath(path) && File.Exists(path)) return;
            var target = ResolveLinks(path);
            if (Directory.Exists(target)) throw CannotWrite(path, "Is a directory", secret);
            // An existing file is not opened here: opening a FIFO would hand its reader an early end of file.
            // Write() opens it once, so a read-only file still fails there, after the slow work.
            if (File.Exists(target)) return;
            var probe = TempName(target);
            // Even an empty probe beside a key is created 0600: no file named after a key is ever wider.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            new FileStream(probe, options).Dispose();
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, Reason(e), secret, e);
        }
    }

    /// <summary>
    /// Reads a whole file. Without <paramref name="what"/> a missing file gives apps/lib/apps.c
    /// bio_open_default()'s <c>Can't open "PATH" for reading, No such file or directory</c>; with it, the
    /// OSSL_STORE loaders' <c>Could not open file or uri for loading WHAT from PATH</c> (load_key_cert_crl()).
    /// A directory reads as empty: fopen() succeeds on it in OpenSSL and the caller's parse error follows.
    /// </summary>
    public static byte[] ReadAllBytes(string path, string? what = null)
    {
        try
        {
            if (Directory.Exists(path)) return [];
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = what == null
                ? $"Can't open \"{path}\" for reading, {Reason(e)}"
                : $"Could not open file or uri for loading {what} from {path}\n{Reason(e)}";
            throw new CnfSignerException(message, 1, e);
        }
    }

    private static Staged StageAt(string path, string target, IReadOnlyList<byte[]> contents, bool secret, bool durable,
        bool appendable)
    {
        var existing = File.Exists(target);
        if (existing)
        {
            // Opening the existing file for writing fails where OpenSSL's fopen() fails (a 0400 key as non-root),
            // rather than replacing it through the directory's write permission. A FIFO or a terminal cannot
            // seek: it is written directly, as OpenSSL does.
            var stream = new FileStream(target, FileMode.Open, FileAccess.Write);
            if (!stream.CanSeek && appendable)
            {
                // Held open (a FIFO's reader sees its end when the writer closes) and written at Publish.
                return new Staged(path, target, null, [], secret) { Device = stream };
            }
            using (stream)
            {
                if (!stream.CanSeek)
                {
                    foreach (var part in contents) stream.Write(part);
                    stream.Flush();
                    return new Staged(path, target, null, null, secret);
                }
            }
        }

        var temp = TempName(target);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                foreach (var part in contents) stream.Write(part);
                stream.Flush(flushToDisk: durable);
            }
            // apps/lib/apps.c bio_open_default(): an existing non-secret file is truncated and keeps its mode.
            if (existing && !secret && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            return new Staged(path, target, temp, null, secret);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>A file written under its temporary name (or, for a device, held), waiting to be published.</summary>
    public sealed class Staged : IDisposable
    {
        private readonly string _path, _target;
        private readonly List<byte[]>? _direct;
        private readonly bool _secret;
        private string? _temp;
        private FileStream? _appending;

        /// <summary>A device or FIFO opened when staged, written and closed at <see cref="Publish"/>.</summary>
        internal FileStream? Device { private get; init; }

        internal Staged(string path, string target, string? temp, List<byte[]>? direct, bool secret) =>
            (_path, _target, _temp, _direct, _secret) = (path, target, temp, direct, secret);

        /// <summary>Adds <paramref name="part"/> to the end of the staged contents (written to the temporary file now).</summary>
        public void Append(byte[] part)
        {
            if (_direct != null)
            {
                _direct.Add(part);
                return;
            }
            if (_temp == null) throw new InvalidOperationException("only a staged file that is not yet published grows");
            try
            {
                // Unbuffered: a full disk fails here, before the commit, not when the file is closed after it.
                _appending ??= new FileStream(_temp, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
                _appending.Write(part);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(_path, Reason(e), _secret, e);
            }
        }

        /// <summary>Renames the temporary file over the target (atomic), or writes the device.</summary>
        public void Publish()
        {
            try
            {
                CloseAppending();
                if (_direct != null && Device != null) WriteTo(Device, _direct);
                else if (_direct != null) WriteDirectly(_target, _direct);
                if (_temp != null) File.Move(_temp, _target, overwrite: true);
                _temp = null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(_path, Reason(e), _secret, e);
            }
        }

        private void CloseAppending()
        {
            if (_appending == null) return;
            var stream = _appending;
            _appending = null;
            stream.Dispose();
        }

        public void Dispose()
        {
            Device?.Dispose();
            try { CloseAppending(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (_temp == null) return;
            try { File.Delete(_temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            _temp = null;
        }
    }

    /// <summary>
    /// Deletes temporary files that a killed writer left beside <paramref name="path"/> (".NAME.&lt;guid&gt;.tmp").
    /// Only for files written under a lock the caller holds: then no live writer can own one.
    /// </summary>
    public static void DeleteStaleTemps(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        try
        {
            foreach (var stale in Directory.EnumerateFiles(dir, $".{name}.*.tmp").Where(f => StaleName().IsMatch(Path.GetFileName(f)[(name.Length + 2)..])))
                File.Delete(stale);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.tmp$")]
    private static partial Regex StaleName();

    private static string TempName(string target) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    private static void WriteDirectly(string target, IReadOnlyList<byte[]> contents) =>
        WriteTo(new FileStream(target, FileMode.Open, FileAccess.Write), contents);

    private static void WriteTo(FileStream stream, IReadOnlyList<byte[]> contents)
    {
        using (stream)
        {
            foreach (var part in contents) stream.Write(part);
            stream.Flush();
        }
    }

    // /dev/stdout, /dev/null, /proc/self/fd/N: never replaced, and their links may point at "pipe:[N]".
    private static bool IsDeviceOrProcPath(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal);
    }

    // OpenSSL's fopen() writes through a symbolic link; renaming over the link would replace the link itself.
    private static string ResolveLinks(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget == null) return path;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static CnfSignerException CannotWrite(string path, string reason, bool secret, Exception? inner = null) =>
        // apps/lib/apps.c bio_open_owner() prefixes the program name, bio_open_default() does not.
        new($"Can't open \"{path}\" for writing, {reason}", 1, inner) { PrefixWithCommand = secret };

    /// <summary>strerror()'s words for an I/O failure, as OpenSSL prints them after "Can't open ...".</summary>
    internal static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        _ => PathSuffix().Replace(e.Message, ""),
    };

    // .NET appends " : 'path'" to strerror's text for other errno values.
    [GeneratedRegex(" : '.*'$")]
    private static partial Regex PathSuffix();
}
