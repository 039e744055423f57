using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl pkcs8 (apps/pkcs8.c): to PKCS#8 (-topk8, encrypted unless -nocrypt) and back.</summary>
public static class Pkcs8Command
{
    private const string App = "pkcs8";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        new OptionSpec("v1", OptionKind.Value, "Use PKCS#5 v1.5 and cipher"),
        new OptionSpec("v2", OptionKind.Value, "Use PKCS#5 v2.0 and cipher"),
        new OptionSpec("v2prf", OptionKind.Value, "Set the PRF algorithm to use with PKCS#5 v2.0"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.InFile, "Input file"),
        new OptionSpec("inform", OptionKind.PemDer, "Input format (DER or PEM)"),
        new OptionSpec("passin", OptionKind.Value, "Input file pass phrase source"),
        new OptionSpec("nocrypt", OptionKind.Flag, "Use or expect unencrypted private key"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("outform", OptionKind.PemDer, "Output format (DER or PEM)"),
        new OptionSpec("topk8", OptionKind.Flag, "Output PKCS8 file"),
        new OptionSpec("passout", OptionKind.Value, "Output file pass phrase source"),
        new OptionSpec("traditional", OptionKind.Flag, "use traditional format private key"),
        new OptionSpec("iter", OptionKind.PositiveInt, "Specify the iteration count"),
        new OptionSpec("noiter", OptionKind.Flag, "Use 1 as iteration count"),
        OptionSpec.Section("Scrypt options:"),
        new OptionSpec("scrypt", OptionKind.Flag, "Use scrypt algorithm"),
        new OptionSpec("scrypt_N", OptionKind.Value, "Set scrypt N parameter"),
        new OptionSpec("scrypt_r", OptionKind.Value, "Set scrypt r parameter"),
        new OptionSpec("scrypt_p", OptionKind.Value, "Set scrypt p parameter"),
        OptionSpec.Section("Random state options:"),
        new OptionSpec("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new OptionSpec("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        var protection = Protection(o);
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        CommonOptions.LoadRandomFiles(o);
        var (passIn, passOut) = KeyCommands.Passwords(o, terminal);
        var inform = KeyCommands.Form(o, "inform");
        var der = KeyCommands.Form(o, "outform") == "DER";
        var nocrypt = o.Has("nocrypt");
        var data = KeyCommands.ReadInput(o.Value("in"), terminal, "key");

        byte[] output;
        if (o.Has("topk8"))
        {
            var source = KeyCommands.SourceName(o.Value("in"));
            var key = KeyFiles.Load(data, source, inform, KeyCommands.PassIn(passIn, data, source, "key", terminal), publicOnly: false, "key");
            if (!nocrypt) passOut = KeyCommands.PassOut(passOut, terminal, "Enter Encryption Password:");
            output = KeyFiles.Encode(key, new KeyOutputOptions { Der = der, Protection = nocrypt ? null : protection, Passphrase = passOut });
        }
        else
        {
            // apps/pkcs8.c: the encrypted key is read first, then EVP_read_pw_string(..., "Enter Password:", 0), once.
            if (!nocrypt && passIn == null && KeyReader.IsEncrypted(data))
                passIn = terminal.Prompts.ReadHidden("Enter Password:") ?? throw new CnfSignerException("Can't read Password");
            var key = KeyFiles.LoadPkcs8(data, inform, nocrypt, passIn);
            // apps/pkcs8.c: DER out is i2d_PrivateKey() (the traditional form); PEM is PKCS#8 unless -traditional.
            var traditional = (der || o.Has("traditional")) && KeyFiles.HasTraditionalForm(key);
            output = KeyFiles.Encode(key, new KeyOutputOptions { Der = der, Traditional = traditional });
        }
        KeyCommands.Write(terminal, KeyCommands.OutFile(o), output, secret: true);
        CommonOptions.WriteRandomFile(o);
        return 0;
    }

    /// <summary>apps/pkcs8.c: -v2 cipher (AES-256-CBC by default), -v2prf, -v1, -iter/-noiter, -scrypt.</summary>
    private static Pkcs8Protection Protection(ParsedOptions o)
    {
        var cipher = KeyCipher.Aes256Cbc;
        if (o.Value("v2") is { } v2)
            cipher = KeyCipher.Find(v2) ?? throw Table.UsageError($"Unknown cipher: {v2}");
        var iterations = o.Has("noiter") ? 1 : (int)Math.Min(o.Long("iter") ?? Pbes2Iterations, int.MaxValue);
        var protection = new Pkcs8Protection(cipher, iterations);
        if (o.Value("v2prf") is { } prf)
            protection = protection with { PrfOid = Pkcs8Protection.PrfByName(prf) ?? throw Table.UsageError($"Unknown PRF algorithm {prf}") };
        if (o.Value("v1") is { } v1)
            protection = protection with { V1SchemeOid = Pkcs8Protection.V1SchemeByName(v1) ?? throw Table.UsageError($"Unknown PBE algorithm {v1}") };
        if (o.Has("scrypt"))
            protection = protection with { Scrypt = new ScryptParameters(Number(o, "scrypt_N", 16384), Number(o, "scrypt_r", 8), Number(o, "scrypt_p", 1)) };
        return protection;
    }

    private const int Pbes2Iterations = 2048; // PKCS5_DEFAULT_ITER

    private static long Number(ParsedOptions o, string name, long fallback)
    {
        if (o.Value(name) is not { } v) return fallback;
        if (!OptionTable.TryParseLong(v, out var n) || n <= 0) throw Table.UsageError($"Can't parse \"{v}\" as a number");
        return n;
    }
}
