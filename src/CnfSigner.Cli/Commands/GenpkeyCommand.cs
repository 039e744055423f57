using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl genpkey (apps/genpkey.c): a key (or EC parameters) of any type, PKCS#8 PEM by default.</summary>
public static class GenpkeyCommand
{
    private const string App = "genpkey";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        new OptionSpec("paramfile", OptionKind.InFile, "Parameters file"),
        new OptionSpec("algorithm", OptionKind.Value, "The public key algorithm"),
        new OptionSpec("quiet", OptionKind.Flag, "Do not output status while generating keys"),
        new OptionSpec("pkeyopt", OptionKind.Value, "Set the public key algorithm option as opt:value"),
        new OptionSpec("config", OptionKind.InFile, "Load a configuration file (this may load modules)"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("outform", OptionKind.PemDer, "output format (DER or PEM)"),
        new OptionSpec("pass", OptionKind.Value, "Output file pass phrase source"),
        new OptionSpec("genparam", OptionKind.Flag, "Generate parameters, not key"),
        new OptionSpec("text", OptionKind.Flag, "Print the in text"),
        OptionSpec.Any("Cipher to use to encrypt the key"),
        OptionSpec.Group(CommonOptions.ProviderRows)) { HelpFooter = "Order of options may be important!  See the documentation." };

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        var cipher = KeyCommands.ChooseCipher(App, o.UnknownNames);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        var spec = Spec(o);
        var der = KeyCommands.Form(o, "outform") == "DER";
        var passphrase = PassphraseSource.Resolve(o.Value("pass"), terminal.In);
        var outFile = KeyCommands.OutFile(o);

        if (o.Has("genparam"))
        {
            if (spec.Algorithm != "EC") throw new CnfSignerException($"{App}: Error generating parameters\nparameters are not supported for {spec.Algorithm}");
            var parameters = Generate(spec, () => KeyGenerator.EcParametersDer(spec), "parameters");
            var bytes = new List<byte>(KeyFiles.EcParameters(parameters, der));
            if (o.Has("text")) bytes.AddRange(KeyCommands.Ascii(KeyFiles.EcParametersText(parameters)));
            KeyCommands.Write(terminal, outFile, bytes.ToArray(), secret: false);
            return 0;
        }

        // cnfsigner refuses a cipher with DER output: OpenSSL 3.0 silently writes the key unencrypted then.
        if (cipher != null && der) throw new CnfSignerException("Error: Cipher options are supported only for PEM output");
        var key = KeyMaterial.Of(Generate(spec, () => KeyGenerator.Generate(spec, Progress(o, terminal)), $"{spec.Algorithm} key"));
        if (cipher != null) passphrase = KeyCommands.PassOut(passphrase, terminal);
        // apps/genpkey.c: PEM is PKCS#8 (PEM_write_bio_PrivateKey), DER is i2d_PrivateKey_bio (traditional form).
        var output = new List<byte>(KeyFiles.Encode(key, new KeyOutputOptions
        {
            Der = der, Traditional = der && KeyFiles.HasTraditionalForm(key), Cipher = cipher, Passphrase = passphrase,
        }));
        if (o.Has("text")) output.AddRange(KeyCommands.Ascii(key.Text(publicOnly: false)));
        KeyCommands.Write(terminal, outFile, output.ToArray(), secret: true);
        return 0;
    }

    /// <summary>apps/lib/apps.c progress_cb: the characters go to stderr unless -quiet.</summary>
    private static Action<char>? Progress(ParsedOptions o, Terminal terminal) => o.Has("quiet") ? null : terminal.Err.Write;

    /// <summary>-algorithm or -paramfile, then every -pkeyopt in order (apps/genpkey.c: order matters).</summary>
    private static KeySpec Spec(ParsedOptions o)
    {
        KeySpec? spec = null;
        foreach (var (name, value) in o.Occurrences)
        {
            switch (name)
            {
                case "algorithm" or "paramfile" when spec != null:
                    throw new CnfSignerException($"{App}: Algorithm already set!\n{App}: Use -help for summary.");
                case "algorithm":
                    spec = KeySpec.ForAlgorithm(value!) ?? throw new CnfSignerException($"Error initializing {value} context");
                    break;
                case "paramfile":
                    var data = KeyFiles.Read(value, () => [], "parameters");
                    spec = KeyFiles.SpecFromEcParameters(KeyFiles.ReadEcParameters(data, null));
                    break;
                case "pkeyopt":
                    if (spec == null) throw new CnfSignerException($"{App}: No keytype specified.\n{App}: Use -help for summary.");
                    spec = spec.With(value!, out var reason)
                           ?? throw new CnfSignerException($"{App}: Error setting {value} parameter:" + (reason == null ? "" : "\n" + reason));
                    break;
            }
        }
        return spec ?? throw new CnfSignerException($"{App}: Use -help for summary.");
    }

    private static T Generate<T>(KeySpec spec, Func<T> generate, string what)
    {
        try { return generate(); }
        catch (CnfSignerException e)
        {
            var reason = e.Message.Length == 0 ? "" : "\n" + e.Message;
            throw new CnfSignerException($"{App}: Error generating {what}{reason}", 1, e);
        }
    }
}
