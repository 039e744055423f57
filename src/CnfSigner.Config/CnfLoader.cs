namespace CnfSigner.Config;

/// <summary>Reads OpenSSL 3 config files (NCONF, the "OpenSSL default" method) with the same resulting values.</summary>
public static class CnfLoader
{
    /// <summary>
    /// NCONF_load() as the apps call it. A missing file fails as apps/lib/apps.c app_load_config() does;
    /// syntax errors fail with "Error on line N of config file "path"" and OpenSSL's reason.
    /// <paramref name="getEnv"/> answers <c>$ENV::NAME</c> and <c>OPENSSL_CONF_INCLUDE</c> (default: the process
    /// environment); relative <c>.include</c> paths resolve from the current directory, as in OpenSSL.
    /// </summary>
    public static CnfDocument Load(string path, Func<string, string?>? getEnv = null)
    {
        string bytes;
        try
        {
            // fopen() of a directory succeeds and reads nothing, so OpenSSL loads an empty config from it.
            bytes = Directory.Exists(path) ? "" : ByteText.FromBytes(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // apps/lib/apps.c bio_open_default(): "Can't open "%s" for reading, %s" with strerror(errno).
            throw new CnfSignerException($"Can't open \"{path}\" for reading, {Reason(e)}", inner: e);
        }
        return Read(new ConfSource(bytes), path, path, getEnv);
    }

    /// <summary>NCONF_load_bio() over text; <paramref name="fileNameForErrors"/> names it in error messages.</summary>
    public static CnfDocument Parse(string text, string fileNameForErrors, Func<string, string?>? getEnv = null) =>
        Read(new ConfSource(ByteText.FromText(text)), fileNameForErrors, null, getEnv);

    private static CnfDocument Read(ConfSource top, string fileName, string? sourcePath, Func<string, string?>? getEnv)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var reader = new ConfReader(top, getEnv);
        try
        {
            reader.ReadAll();
        }
        catch (CnfSyntaxException e)
        {
            // apps/lib/apps.c app_load_config_bio(): "<app>: Error on line %ld of config file "%s"", then the
            // library's reason (and data, such as "HERE-->rest of line").
            throw new CnfSignerException(
                $"Error on line {reader.PhysicalLine} of config file \"{fileName}\"\n{e.Message}", inner: e)
            {
                PrefixWithCommand = true,
            };
        }
        return reader.ToDocument(sourcePath);
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        ArgumentException => "No such file or directory",
        _ => "Input/output error",
    };
}
