using CnfSigner.Pki;
using CnfSigner.Pki.Io;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// The engine, provider and random-state options every OpenSSL app takes (apps/include/opt.h OPT_R_OPTIONS,
/// OPT_PROV_OPTIONS). cnfsigner has no engines or providers beyond the built-in default; the RNG is the
/// operating system's, so -rand files are only checked for readability.
/// </summary>
internal static class CommonOptions
{
    /// <summary>OPT_PROV_OPTIONS: the provider rows every app's -help shows.</summary>
    public static readonly OptionSpec[] ProviderRows =
    [
        OptionSpec.Section("Provider options:"),
        new("provider-path", OptionKind.Value, "Provider load path (must be before 'provider' argument if required)"),
        new("provider", OptionKind.Value, "Provider to load (can be specified multiple times)"),
        new("propquery", OptionKind.Value, "Property query used when fetching algorithms"),
    ];

    private const int RandomFileBytes = 1024; // crypto/rand/randfile.c RAND_write_file(): RAND_FILE_SIZE

    /// <param name="allowLegacy">pkcs12: "-provider legacy" is how OpenSSL 3.0 users read RC2-encrypted files.</param>
    /// <returns>false when an engine was asked for (and reported as not loadable)</returns>
    public static bool CheckEngineAndProviders(string app, ParsedOptions options, TextWriter err, bool allowLegacy = false)
    {
        // apps/lib/engine.c setup_engine_methods(): an engine that cannot be loaded is reported and the app goes on
        // without it (OpenSSL 3.0.19 exits 0 from "genrsa -engine foo"); cnfsigner has no engines to load.
        // apps/req.c -keygen_engine ID: the same setup_engine() without the fall-back; it cannot be loaded either, so
        // the option loop stops there with its own line and the usage hint (engines after it are never reached).
        foreach (var (name, engine) in options.Occurrences.Where(o => o.Name is "engine" or "keygen_engine"))
        {
            err.WriteLine($"Invalid engine \"{engine}\"");
            err.WriteLine($"no such engine: id={engine}");
            if (name == "keygen_engine") throw new CnfSignerException($"Can't find keygen engine {app}\n{app}: Use -help for summary.");
        }
        foreach (var provider in options.Values("provider"))
            if (provider is not ("default" or "base") && !(allowLegacy && provider == "legacy"))
                throw new CnfSignerException(
                    $"{app}: unable to load provider {provider}\nHint: use -provider-path option or OPENSSL_MODULES environment variable.");
        return !options.Has("engine");
    }

    /// <summary>apps/lib/app_rand.c loadfiles(): a ':'-separated list; an unreadable file is an error.</summary>
    public static void LoadRandomFiles(ParsedOptions options)
    {
        foreach (var list in options.Values("rand"))
            foreach (var file in list.Split(':', StringSplitOptions.RemoveEmptyEntries))
                if (!File.Exists(file))
                    throw new CnfSignerException($"Can't load {file} into RNG");
    }

    /// <summary>apps/lib/app_rand.c app_RAND_write(): 1024 random bytes, mode 0600.</summary>
    public static void WriteRandomFile(ParsedOptions options)
    {
        if (options.Value("writerand") is { } file)
            SafeFile.Write(file, OsRandom.Bytes(RandomFileBytes), secret: true);
    }
}
