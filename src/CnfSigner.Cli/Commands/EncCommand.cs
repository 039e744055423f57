using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl enc (apps/enc.c): base64 (-a, -A) and symmetric ciphers with OpenSSL's salt header and key derivation.</summary>
public static class EncCommand
{
    private const string App = "enc";

    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        Flag("list", "List ciphers"),
        Flag("ciphers", "Alias for -list"),
        Flag("e", "Encrypt"),
        Flag("d", "Decrypt"),
        Flag("p", "Print the iv/key"),
        Flag("P", "Print the iv/key and exit"),
        new("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Section("Input options:"),
        new("in", OptionKind.InFile, "Input file"),
        new("k", OptionKind.Value, "Passphrase"),
        new("kfile", OptionKind.InFile, "Read passphrase from file"),
        OptionSpec.Section("Output options:"),
        new("out", OptionKind.OutFile, "Output file"),
        new("pass", OptionKind.Value, "Passphrase source"),
        Flag("v", "Verbose output"),
        Flag("a", "Base64 encode/decode, depending on encryption flag"),
        Flag("base64", "Same as option -a"),
        Flag("A", "Used with -[base64|a] to specify base64 buffer as a single line"),
        OptionSpec.Section("Encryption options:"),
        Flag("nopad", "Disable standard block padding"),
        Flag("salt", "Use salt in the KDF (default)"),
        Flag("nosalt", "Do not use salt in the KDF"),
        new("bufsize", OptionKind.Value, "Buffer size"),
        new("K", OptionKind.Value, "Raw key, in hex"),
        new("S", OptionKind.Value, "Salt, in hex"),
        new("iv", OptionKind.Value, "IV in hex"),
        new("md", OptionKind.Value, "Use specified digest to create a key from the passphrase"),
        new("iter", OptionKind.PositiveInt, "Specify the iteration count and force the use of PBKDF2"),
        OptionSpec.More("Default: 10000"),
        Flag("pbkdf2", "Use password-based key derivation function 2 (PBKDF2)"),
        OptionSpec.More("Use -iter to change the iteration count from 10000"),
        Flag("none", "Don't encrypt"),
        OptionSpec.Any("Any supported cipher"),
        OptionSpec.Section("Random state options:"),
        new("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        if (options.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        if (options.Has("list") || options.Has("ciphers")) { terminal.Write(ListText()); return 0; }
        var cipher = ChooseCipher(options);
        var digest = options.Value("md") is { } md
            ? MessageDigests.Find(md) ?? throw Table.UsageError($"Unknown option or message digest: {md}")
            : MessageDigests.Find("sha256")!;
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);
        CommonOptions.LoadRandomFiles(options);

        var encrypt = options.Occurrences.LastOrDefault(o => o.Name is "e" or "d").Name != "d";
        var base64 = options.Has("a") || options.Has("base64");
        var verbose = options.Has("v");
        // apps/enc.c: a base64 buffer holds at least a line (80 bytes); -v reports the size first.
        if (verbose) terminal.Err.Write($"bufsize={Math.Max(BufferSize(options.Value("bufsize")), base64 ? 80 : 0)}\n");
        var input = BinaryInput.Read(options.Value("in"), terminal);
        var password = Password(options, terminal);
        if (password == null && cipher != null && options.Value("K") == null)
            // apps/enc.c prompts "enter <cipher> <encryption|decryption> password:"; cnfsigner does not prompt.
            throw new CnfSignerException($"enter {cipher.Name} {(encrypt ? "encryption" : "decryption")} password:\nunable to get passphrase: use -pass or -k");
        var outPath = options.Value("out") is { } o && o != "-" ? o : null;
        if (outPath != null) SafeFile.CheckWritable(outPath, secret: false);

        var last = options.Occurrences.LastOrDefault(o => o.Name is "pbkdf2" or "iter");
        var settings = new EncSettings(encrypt, cipher, base64, options.Has("A"),
            password, options.Value("K"), options.Value("S"), options.Value("iv"),
            options.Has("nosalt") && !(options.Occurrences.LastOrDefault(o => o.Name is "salt" or "nosalt").Name == "salt"),
            options.Has("nopad"), digest, last.Name != null, (int)(options.Long("iter") ?? (last.Name != null ? 10000 : 1)),
            options.Has("P") ? 2 : options.Has("p") ? 1 : 0);
        var result = EncRun.Run(settings, input, terminal.Err);

        terminal.Write(result.KeyLines);
        if (settings.PrintKey == 2) return 0;
        if (outPath != null) SafeFile.Write(outPath, result.Output, secret: false);
        else terminal.WriteBytes(result.Output);
        if (verbose) terminal.Err.Write($"bytes read   : {input.Length,8}\nbytes written: {result.Output.Length,8}\n");
        CommonOptions.WriteRandomFile(options);
        return 0;
    }

    /// <summary>apps/enc.c -bufsize: a number, "k" for kilobytes; 8192 by default.</summary>
    private static int BufferSize(string? value)
    {
        if (value == null) return 8192;
        var kilo = value.EndsWith('k') || value.EndsWith('K');
        if (!OptionTable.TryParseLong(kilo ? value[..^1] : value, out var n) || n <= 0 || n > int.MaxValue / 1024)
            throw Table.UsageError($"Can't parse \"{value}\" as a number");
        return (int)(kilo ? n * 1024 : n);
    }

    /// <summary>apps/enc.c: "-aes-256-cbc" style options name the cipher (the last wins); -none clears it.</summary>
    private static EncCipher? ChooseCipher(ParsedOptions options)
    {
        EncCipher? cipher = null;
        foreach (var name in options.UnknownNames)
        {
            if (KeyCipher.IsAead(name)) throw new CnfSignerException($"{App}: AEAD ciphers not supported\n{App}: Use -help for summary.");
            if (KeyCipher.IsXts(name)) throw new CnfSignerException($"{App} XTS ciphers not supported");
            cipher = EncCipher.Find(name) ?? throw Table.UsageError($"Unknown cipher: {name}");
        }
        return options.Has("none") ? null : cipher;
    }

    private static string? Password(ParsedOptions options, Terminal terminal)
    {
        if (options.Value("k") is { } k) return k;
        if (options.Value("kfile") is { } file)
        {
            var line = SafeFile.ReadAllBytes(file, "passphrase file");
            var text = Encoding.UTF8.GetString(line).Split('\n')[0].TrimEnd('\r');
            if (text.Length == 0) throw new CnfSignerException($"{App}: zero length password\n{App}: Use -help for summary.");
            return text;
        }
        return PassphraseSource.Resolve(options.Value("pass"), terminal.In);
    }

    /// <summary>apps/enc.c show_ciphers(): "Supported ciphers:" and "-%-25s", three to a line.</summary>
    private static string ListText()
    {
        var text = new StringBuilder("Supported ciphers:\n");
        var n = 0;
        foreach (var name in EncCipher.ListNames)
            text.Append('-').Append(name.PadRight(25)).Append(++n % 3 == 0 ? "\n" : " ");
        if (n % 3 != 0) text.Append('\n');
        return text.ToString();
    }
}
