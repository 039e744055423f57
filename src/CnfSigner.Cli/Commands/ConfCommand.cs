using System.Text;
using CnfSigner.Config;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner conf: prints a config file as OpenSSL's NCONF reader resolves it (no OpenSSL counterpart).
/// With names, prints just those values, looked up as the apps do (NCONF_get_string(): section, then default).
/// </summary>
public static class ConfCommand
{
    private static readonly OptionTable Options = new("conf", "[options] [names...]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.InFile, "Config file to read (required)"),
        OptionSpec.Parameter("names",
            "Values to print, one per line: section::name, or name for the default section (with fallback)"),
        OptionSpec.Parameter("",
            "Without names: every section as [ name ] and name = value lines in stored order,"),
        OptionSpec.Parameter("",
            "the default section first even when empty, a blank line between sections;"),
        OptionSpec.Parameter("", "variables are expanded and values are printed as stored, without re-quoting"));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Options.Parse(args);
        var path = options.Value("in") ?? throw Options.UsageError("No -in file given");
        var document = CnfLoader.Load(path);
        terminal.Write(options.Positionals.Count == 0
            ? FormatAll(document)
            : FormatValues(document, options.Positionals));
        return 0;
    }

    private static string FormatAll(CnfDocument document)
    {
        var text = new StringBuilder();
        foreach (var section in document.SectionNames)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append("[ ").Append(section).Append(" ]\n");
            foreach (var (name, value) in document.GetSection(section)!)
                text.Append(name).Append(" = ").Append(value).Append('\n');
        }
        return text.ToString();
    }

    private static string FormatValues(CnfDocument document, IEnumerable<string> names)
    {
        var text = new StringBuilder();
        foreach (var name in names)
        {
            var separator = name.IndexOf("::", StringComparison.Ordinal);
            var value = separator < 0
                ? document.GetString(null, name)
                : document.GetString(name[..separator], name[(separator + 2)..]);
            text.Append(value ?? throw new CnfSignerException($"no value for {name}")).Append('\n');
        }
        return text.ToString();
    }
}
