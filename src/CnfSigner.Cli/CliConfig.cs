using CnfSigner.Config;
using CnfSigner.Pki.Signing;

namespace CnfSigner.Cli;

/// <summary>Steps every config-driven command shares: finding the config file and the digest option.</summary>
public static class CliConfig
{
    /// <summary>OpenSSL's default config: $OPENSSL_CONF, else OPENSSLDIR/openssl.cnf.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("OPENSSL_CONF") is { Length: > 0 } env ? env : "/usr/lib/ssl/openssl.cnf";

    /// <summary>
    /// Loads -config, or the default config. A missing default config gives an empty one (OpenSSL would fail;
    /// cnfsigner runs where no OpenSSL is installed, so no system openssl.cnf need exist).
    /// </summary>
    public static CnfDocument LoadOrDefault(string? path, bool required)
    {
        if (path != null) return CnfLoader.Load(path);
        var fallback = DefaultPath;
        if (!required && !File.Exists(fallback)) return CnfLoader.Parse("", fallback);
        return CnfLoader.Load(fallback);
    }

    /// <summary>
    /// The "-*" row: unknown options are digest names (apps/lib/opts.c opt_md); the last one wins. A name that is
    /// not a digest is "Unknown option or message digest".
    /// </summary>
    public static string? DigestFromOptions(OptionTable table, ParsedOptions options)
    {
        foreach (var name in options.UnknownNames.Where(n => !Digests.IsKnown(n)))
            throw table.UsageError($"Unknown option or message digest: {name}");
        return options.UnknownNames.Count > 0 ? options.UnknownNames[^1] : null;
    }
}
