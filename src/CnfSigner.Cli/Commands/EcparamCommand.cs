using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl ecparam (apps/ecparam.c): EC curve parameters, and a SEC1 key with -genkey.</summary>
public static class EcparamCommand
{
    private const string App = "ecparam";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("list_curves", OptionKind.Flag, "Prints a list of all curve 'short names'"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        new OptionSpec("genkey", OptionKind.Flag, "Generate ec key"),
        new OptionSpec("in", OptionKind.InFile, "Input file  - default stdin"),
        new OptionSpec("inform", OptionKind.PemDer, "Input format - default PEM (DER or PEM)"),
        new OptionSpec("out", OptionKind.OutFile, "Output file - default stdout"),
        new OptionSpec("outform", OptionKind.PemDer, "Output format - default PEM"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("text", OptionKind.Flag, "Print the ec parameters in text form"),
        new OptionSpec("noout", OptionKind.Flag, "Do not print the ec parameter"),
        new OptionSpec("param_enc", OptionKind.Value, "Specifies the way the ec parameters are encoded"),
        OptionSpec.Section("Parameter options:"),
        new OptionSpec("check", OptionKind.Flag, "Validate the ec parameters"),
        new OptionSpec("check_named", OptionKind.Flag, "Check that named EC curve parameters have not been modified"),
        new OptionSpec("no_seed", OptionKind.Flag, "If 'explicit' parameters are chosen do not use the seed"),
        new OptionSpec("name", OptionKind.Value, "Use the ec parameters with specified 'short name'"),
        new OptionSpec("conv_form", OptionKind.Value, "Specifies the point conversion form "),
        OptionSpec.Section("Random state options:"),
        new OptionSpec("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new OptionSpec("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        CommonOptions.LoadRandomFiles(o);
        var format = KeyCommands.EcFormat(Table, o.Value("conv_form"), o.Value("param_enc"));
        var outFile = KeyCommands.OutFile(o);
        if (o.Has("list_curves"))
        {
            KeyCommands.Write(terminal, outFile, KeyCommands.Ascii(Curves.ListText()), secret: false);
            return 0;
        }

        var spec = new KeySpec("EC") { Format = format };
        if (o.Value("name") is { } name)
        {
            // apps/ecparam.c: secp192r1 and secp256r1 are X9.62's prime192v1 and prime256v1.
            if (name is "secp192r1" or "secp256r1")
            {
                var x962 = name == "secp192r1" ? "prime192v1" : "prime256v1";
                terminal.Err.Write($"using curve name {x962} instead of {name}\n");
                name = x962;
            }
            spec = spec with { Curve = Curves.Find(name), CurveName = name };
            if (spec.Curve?.IsSupported != true) throw new CnfSignerException("unable to generate key\ninvalid curve");
        }
        else
        {
            var data = KeyCommands.ReadInput(o.Value("in"), terminal, "parameters");
            spec = KeyFiles.SpecFromEcParameters(KeyFiles.ReadEcParameters(data, KeyCommands.Form(o, "inform"))) with { Format = format };
        }

        var parameters = KeyGenerator.EcParametersDer(spec);
        var der = KeyCommands.Form(o, "outform") == "DER";
        var output = new List<byte>();
        if (o.Has("text")) output.AddRange(KeyCommands.Ascii(KeyFiles.EcParametersText(parameters)));
        if (o.Has("check") || o.Has("check_named")) terminal.Err.Write("checking elliptic curve parameters: ok\n");
        if (!o.Has("noout")) output.AddRange(KeyFiles.EcParameters(parameters, der));
        var secret = false;
        if (o.Has("genkey"))
        {
            var key = KeyMaterial.Of(KeyGenerator.Generate(spec));
            output.AddRange(KeyFiles.Encode(key, new KeyOutputOptions { Der = der, Traditional = true }));
            secret = true;
        }
        KeyCommands.Write(terminal, outFile, output.ToArray(), secret);
        CommonOptions.WriteRandomFile(o);
        return 0;
    }
}
