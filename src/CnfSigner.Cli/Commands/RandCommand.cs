using System.Text;
using CnfSigner.Pki;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl rand (apps/rand.c): num bytes from the operating system, raw, -hex or -base64.</summary>
public static class RandCommand
{
    private const string App = "rand";

    private static readonly OptionTable Table = new(App, "[options] num", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("base64", OptionKind.Flag, "Base64 encode output"),
        new OptionSpec("hex", OptionKind.Flag, "Hex encode output"),
        OptionSpec.Section("Random state options:"),
        new OptionSpec("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new OptionSpec("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Parameter("num", "Number of bytes to generate"));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);
        CommonOptions.LoadRandomFiles(options);
        if (options.Positionals.Count != 1) throw new CnfSignerException($"{App}: Use -help for summary.");
        var count = ParseCount(options.Positionals[0]);

        var bytes = OsRandom.Bytes(count);
        // apps/rand.c: the last of -hex / -base64 wins.
        var format = options.Occurrences.LastOrDefault(o => o.Name is "hex" or "base64").Name;
        var output = format switch
        {
            "hex" => Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bytes) + "\n"),
            "base64" => Encoding.ASCII.GetBytes(OpenSslBase64.Encode(bytes, singleLine: false)),
            _ => bytes,
        };
        if (options.Value("out") is { } path) SafeFile.Write(path, output, secret: false);
        else terminal.WriteBytes(output);
        CommonOptions.WriteRandomFile(options);
        return 0;
    }

    /// <summary>apps/rand.c: opt_long() then "num <= 0" is a usage error (3.0 has no "10K" suffixes).</summary>
    private static int ParseCount(string value)
    {
        if (!OptionTable.TryParseLong(value, out var n))
            throw new CnfSignerException($"{App}: Can't parse \"{value}\" as a number\n{App}: Use -help for summary.");
        if (n <= 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        if (n > int.MaxValue) throw new CnfSignerException($"{App}: cnfsigner writes at most {int.MaxValue} bytes");
        return (int)n;
    }
}
