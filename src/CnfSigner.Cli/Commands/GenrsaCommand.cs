using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl genrsa (apps/genrsa.c): an RSA key, PKCS#8 PEM by default, on stdout or in a 0600 file.</summary>
public static class GenrsaCommand
{
    private const string App = "genrsa";
    private const int DefaultBits = 2048; // apps/genrsa.c DEFBITS

    private static readonly OptionTable Table = new(App, "[options] numbits", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("3", OptionKind.Flag, "(deprecated) Use 3 for the E value"),
        new OptionSpec("F4", OptionKind.Flag, "Use the Fermat number F4 (0x10001) for the E value"),
        new OptionSpec("f4", OptionKind.Flag, "Use the Fermat number F4 (0x10001) for the E value"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output the key to specified file"),
        new OptionSpec("passout", OptionKind.Value, "Output file pass phrase source"),
        new OptionSpec("primes", OptionKind.PositiveInt, "Specify number of primes"),
        new OptionSpec("verbose", OptionKind.Flag, "Verbose output"),
        new OptionSpec("traditional", OptionKind.Flag, "Use traditional format for private keys"),
        new OptionSpec("*", OptionKind.Flag, "Encrypt the output with any supported cipher"),
        OptionSpec.Section("Random state options:"),
        new OptionSpec("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new OptionSpec("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Parameter("numbits", "Size of key in bits"));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        var cipher = ChooseCipher(options.UnknownNames);
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);
        CommonOptions.LoadRandomFiles(options);

        var bits = DefaultBits;
        if (options.Positionals.Count > 1)
            throw new CnfSignerException($"Extra arguments given.\n{App}: Use -help for summary.");
        if (options.Positionals.Count == 1)
        {
            bits = ParseBits(options.Positionals[0]);
            if (bits <= 0) return 1; // apps/genrsa.c: "num <= 0" fails without a word
            if (bits > RsaKeyGenerator.RecommendedMaximumBits)
                terminal.Err.Write(
                    $"Warning: It is not recommended to use more than {RsaKeyGenerator.RecommendedMaximumBits} bit for RSA keys.\n" +
                    $"         Your key size is {bits}! Larger key size may behave not as expected.\n");
        }

        var passphrase = PassphraseSource.Resolve(options.Value("passout"), terminal.In);
        var outFile = options.Value("out") is { } o && o != "-" ? o : null;
        if (outFile != null) SafeFile.CheckWritable(outFile, secret: true);

        var key = Generate(options, bits, terminal);
        // crypto/pem/pem_lib.c PEM_def_callback(): asked after the key is made, before anything is written.
        if (cipher != null) passphrase ??= PassphrasePrompt.ForNewKey(terminal.Prompts);
        var pem = KeyWriter.PrivateKeyPem(key, cipher, passphrase, options.Has("traditional"));
        var bytes = Encoding.ASCII.GetBytes(pem);
        if (outFile == null) terminal.WriteBytes(bytes);
        else SafeFile.Write(outFile, bytes, secret: true);
        CommonOptions.WriteRandomFile(options);
        return 0;
    }

    private static PrivateKey Generate(ParsedOptions options, int bits, Terminal terminal)
    {
        // apps/genrsa.c: the last of -3 / -F4 / -f4 wins.
        var exponent = options.Occurrences.LastOrDefault(o => o.Name is "3" or "F4" or "f4").Name == "3"
            ? 3L
            : 65537L; // RSA_F4
        if (bits < RsaKeyGenerator.MinimumBits)
            throw new CnfSignerException("Error setting RSA length\nkey size too small");
        CheckPrimes(options.Long("primes") ?? 2, bits);

        var verbose = options.Has("verbose");
        if (verbose) terminal.Err.Write($"Generating RSA key with {bits} bits\n");
        // apps/genrsa.c genrsa_cb: the progress characters only with -verbose (3.0 has no -quiet).
        var key = RsaKeyGenerator.GenerateWithExponent(bits, exponent, verbose ? terminal.Err.Write : null);
        if (verbose) terminal.Err.Write($"e is {exponent} (0x{HexOf(exponent)})\n");
        return key;
    }

    // crypto/rsa/rsa_gen.c rsa_multiprime_keygen(): 2 primes, or up to ossl_rsa_multip_cap(bits).
    private static void CheckPrimes(long primes, int bits)
    {
        var cap = bits < 1024 ? 2 : bits < 4096 ? 3 : bits < 8192 ? 4 : 5;
        if (primes < 2 || primes > cap)
            throw new CnfSignerException($"{App}: Error generating RSA key\nkey prime num invalid");
        if (primes > 2)
            throw new CnfSignerException($"{App}: Error generating RSA key\nmulti-prime RSA keys are not supported by cnfsigner");
    }

    /// <summary>apps/lib/opts.c opt_cipher(): every "-xxx" genrsa does not know names a cipher; the last wins.</summary>
    private static KeyCipher? ChooseCipher(IReadOnlyList<string> names)
    {
        KeyCipher? cipher = null;
        foreach (var name in names)
        {
            if (KeyCipher.IsAead(name)) throw new CnfSignerException($"{App}: AEAD ciphers not supported");
            if (KeyCipher.IsXts(name)) throw new CnfSignerException($"{App} XTS ciphers not supported");
            cipher = KeyCipher.Find(name) ?? throw new CnfSignerException($"{App}: Unknown cipher: {name}");
        }
        return cipher;
    }

    /// <summary>apps/lib/opts.c opt_int(): strtol base 0, then the int range check.</summary>
    private static int ParseBits(string value)
    {
        if (!OptionTable.TryParseLong(value, out var number))
            throw new CnfSignerException($"{App}: Can't parse \"{value}\" as a number");
        if (number is > int.MaxValue or < int.MinValue)
            throw new CnfSignerException($"{App}: Value \"{value}\" outside integer range");
        return (int)number;
    }

    // crypto/bn/bn_conv.c BN_bn2hex(): upper case, whole bytes ("010001", "03").
    private static string HexOf(long value)
    {
        var hex = value.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        return hex.Length % 2 == 1 ? "0" + hex : hex;
    }
}
