namespace CnfSigner.Cli.Commands;

/// <summary>Input bytes for dgst, enc, crl2pkcs7 and dhparam, which read arbitrary binary data.</summary>
internal static class BinaryInput
{
    public static byte[] ReadStdin(Terminal terminal) => terminal.ReadAllInputBytes();

    /// <summary>A file, or standard input when <paramref name="path"/> is null; apps/lib/apps.c bio_open_default()'s words.</summary>
    public static byte[] Read(string? path, Terminal terminal)
    {
        if (path == null || path == "-") return ReadStdin(terminal);
        // fopen() succeeds on a directory and fread() fails (OpenSSL's enc then exits 0 having written nothing).
        if (Directory.Exists(path)) throw new CnfSignerException($"Read error in {path}");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnfSignerException($"Can't open \"{path}\" for reading, {Reason(e)}", 1, e);
        }
    }

    /// <summary>strerror() for the usual failures.</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "Permission denied",
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        _ => e.Message,
    };
}
