namespace CnfSigner.Cli.Commands;

/// <summary>
/// Writes an output file whole: a temporary file beside it, then a rename, so a failure leaves no partial file.
/// A stand-in until the shared SafeFile (src/CnfSigner.Pki/Io) is merged.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, byte[] contents, string app)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            if (Directory.Exists(full)) throw new IOException("Is a directory");
            File.WriteAllBytes(temp, contents);
            // Keep the mode of a file we replace, as opening it for writing would.
            if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            var reason = e switch
            {
                DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => e.Message,
            };
            // apps/lib/apps.c bio_open_default(): "x509: Can't open "path" for writing, <strerror>".
            throw new CnfSignerException($"{app}: Can't open \"{path}\" for writing, {reason}", 1, e);
        }
    }
}
