using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl dhparam (apps/dhparam.c): generate, read, check and print PKCS#3 DH parameters.</summary>
public static class DhparamCommand
{
    private const string App = "dhparam";
    private const int DefaultBits = 2048; // apps/dhparam.c DEFBITS

    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);

    private static readonly OptionTable Table = new(App, "[options] [numbits]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        Flag("check", "Check the DH parameters"),
        new("engine", OptionKind.Value, "Use engine e, possibly a hardware device"),
        OptionSpec.Section("Input options:"),
        new("in", OptionKind.InFile, "Input file"),
        new("inform", OptionKind.PemDer, "Input format, DER or PEM"),
        OptionSpec.Section("Output options:"),
        new("out", OptionKind.OutFile, "Output file"),
        new("outform", OptionKind.PemDer, "Output format, DER or PEM"),
        Flag("text", "Print a text form of the DH parameters"),
        Flag("noout", "Don't output any DH parameters"),
        Flag("2", "Generate parameters using 2 as the generator value"),
        Flag("3", "Generate parameters using 3 as the generator value"),
        Flag("5", "Generate parameters using 5 as the generator value"),
        OptionSpec.Section("Random state options:"),
        new("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Parameter("numbits", "Number of bits if generating parameters (optional)"));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);
        CommonOptions.LoadRandomFiles(options);
        if (options.Positionals.Count > 1) throw new CnfSignerException($"{App}: Use -help for summary.");
        var generator = options.Occurrences.LastOrDefault(o => o.Name is "2" or "3" or "5").Name is { } g ? int.Parse(g) : 0;
        var bits = options.Positionals.Count == 1 ? ParseBits(options.Positionals[0]) : 0;
        var outPath = options.Value("out") is { } o && o != "-" ? o : null;
        if (outPath != null) SafeFile.CheckWritable(outPath, secret: false);

        var parameters = Obtain(options, generator, bits, terminal);
        if (options.Has("check")) Check(parameters, terminal);

        var output = new MemoryStream();
        if (options.Has("text")) output.Write(Encoding.ASCII.GetBytes(parameters.Text()));
        if (!options.Has("noout"))
            output.Write(IsDer(options.Value("outform")) ? parameters.Der() : Encoding.ASCII.GetBytes(parameters.Pem()));
        if (outPath != null) SafeFile.Write(outPath, output.ToArray(), secret: false);
        else terminal.WriteBytes(output.ToArray());
        CommonOptions.WriteRandomFile(options);
        return 0;
    }

    /// <summary>apps/dhparam.c: numbits or a generator flag means generate (an -in file is then ignored with a warning).</summary>
    private static DhParameters Obtain(ParsedOptions options, int generator, int bits, Terminal terminal)
    {
        var inPath = options.Value("in");
        if (generator == 0 && bits == 0)
        {
            var data = BinaryInput.Read(inPath, terminal);
            try { return DhParameters.Read(data, IsDer(options.Value("inform"))); }
            catch (CnfSignerException e) { throw new CnfSignerException("Error, unable to load parameters", 1, e); }
        }
        if (inPath != null) terminal.Err.Write($"Warning, input file {inPath} ignored\n");
        bits = bits == 0 ? DefaultBits : bits;
        generator = generator == 0 ? 2 : generator;
        terminal.Err.Write($"Generating DH parameters, {bits} bit long safe prime\n");
        if (bits < 512) throw new CnfSignerException($"{App}: Generating DH key parameters failed\nmodulus too small");
        if (bits > 10000) throw new CnfSignerException($"{App}: Generating DH key parameters failed\nmodulus too large");
        // apps/dhparam.c gendh_cb: the progress characters on stderr (3.0's dhparam has no -quiet).
        return DhParameters.Generate(bits, generator, terminal.Err.Write);
    }

    /// <summary>apps/dhparam.c: EVP_PKEY_param_check(); 3.0 says "generated" even for parameters read from a file.</summary>
    private static void Check(DhParameters parameters, Terminal terminal)
    {
        var problems = parameters.Problems();
        if (problems.Count > 0)
            throw new CnfSignerException("Error, invalid parameters generated\n" + string.Join("\n", problems));
        terminal.Err.Write("DH parameters appear to be ok.\n");
    }

    private static bool IsDer(string? format) => format != null && OptionTable.ParseFormat(format) == "DER";

    private static int ParseBits(string value)
    {
        if (!OptionTable.TryParseLong(value, out var n) || n is > int.MaxValue or < int.MinValue)
            throw new CnfSignerException($"{App}: Can't parse \"{value}\" as a number\n{App}: Use -help for summary.");
        if (n <= 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        return (int)n;
    }
}
