using System.Globalization;
using System.Text;

namespace CnfSigner.Cli;

/// <summary>What an option takes, as OpenSSL's apps/lib/opts.c value types.</summary>
public enum OptionKind
{
    Flag,        // '-'
    Value,       // 's'  "val"
    InFile,      // '<'  "infile"
    OutFile,     // '>'  "outfile"
    Dir,         // '/'  "dir": must be an existing directory, checked at parse time
    PositiveInt, // 'p'  "+int"
    Int,         // 'n'  "int"
    IntMax,      // 'M'  "intmax"
    PemDer,      // 'F'  "PEM|DER"
    Format,      // 'f'  "format"
}

/// <summary>One row of a command's option table; also section headings and parameters for -help.</summary>
public sealed record OptionSpec(string Name, OptionKind Kind, string Help, string? ParamName = null)
{
    internal bool IsSection { get; init; }
    internal bool IsParameter { get; init; }
    internal bool IsMore { get; init; }
    internal bool IsAny { get; init; }
    internal IReadOnlyList<OptionSpec>? Expands { get; init; }
    internal bool IsOption => !IsSection && !IsParameter && !IsMore && !IsAny;

    public static OptionSpec Section(string title) => new("", OptionKind.Flag, title) { IsSection = true };
    public static OptionSpec Parameter(string name, string help) => new(name, OptionKind.Flag, help) { IsParameter = true };
    /// <summary>OPT_MORE_STR: a help line continuing the previous row.</summary>
    public static OptionSpec More(string help) => new("", OptionKind.Flag, help) { IsMore = true };
    /// <summary>Rows several tables share (CommonOptions), spliced in where the group stands.</summary>
    public static OptionSpec Group(IReadOnlyList<OptionSpec> rows) => new("", OptionKind.Flag, "") { Expands = rows };

    /// <summary>The "-*" row of apps that take digest or cipher names as options.</summary>
    public static OptionSpec Any(string help) => new("", OptionKind.Flag, help) { IsAny = true };

    internal string Param => ParamName ?? Kind switch
    {
        OptionKind.Value => "val",
        OptionKind.InFile => "infile",
        OptionKind.OutFile => "outfile",
        OptionKind.Dir => "dir",
        OptionKind.PositiveInt => "+int",
        OptionKind.Int => "int",
        OptionKind.IntMax => "intmax",
        OptionKind.PemDer => "PEM|DER",
        OptionKind.Format => "format",
        _ => "",
    };
}

/// <summary>How a command treats an unknown "-xxx": OpenSSL's apps differ (section H of the behaviour notes).</summary>
public enum UnknownOptions
{
    /// <summary>"app: Unknown option: -bogus" (ca, verify, conf).</summary>
    Error,
    /// <summary>Kept for the command to judge as a digest or cipher name (req, x509, genrsa: the "-*" row).</summary>
    Collect,
}

/// <summary>
/// OpenSSL's option syntax: "-name" or "--name", "-name value" or "-name=value", parsing stops at the first
/// non-option argument or after "--". Errors are OpenSSL's words followed by "app: Use -help for summary.".
/// "-help" raises a <see cref="CnfSignerException"/> with exit code 0 whose message is the help text.
/// </summary>
public sealed class OptionTable
{
    private const int MaxHelpWidth = 30; // apps/lib/opts.c MAX_OPT_HELP_WIDTH
    private readonly Dictionary<string, OptionSpec> _byName;

    public OptionTable(string app, string usage, UnknownOptions unknown, params OptionSpec[] rows)
    {
        App = app;
        Usage = usage;
        Unknown = unknown;
        Rows = rows.SelectMany(r => r.Expands ?? [r]).ToArray();
        _byName = Rows.Where(r => r.IsOption).ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public string App { get; }
    public string Usage { get; }
    public UnknownOptions Unknown { get; }
    public IReadOnlyList<OptionSpec> Rows { get; }

    /// <summary>
    /// Options OpenSSL has that cnfsigner refuses with a message: parsed (so the refusal is clear) but left out of
    /// -help, whose column width stays OpenSSL's.
    /// </summary>
    public IReadOnlyCollection<string> Hidden { get; init; } = [];

    /// <summary>Lines some apps print after the option list (verify: the purposes and policy names).</summary>
    public string? HelpFooter { get; init; }

    public CnfSignerException UsageError(string message) =>
        new($"{App}: {message}\n{App}: Use -help for summary.");

    public ParsedOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = new ParsedOptions();
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") { i++; break; }
            if (arg.Length < 2 || arg[0] != '-') break;

            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            string? inlineValue = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { inlineValue = name[(eq + 1)..]; name = name[..eq]; }

            if (name == "help") throw new CnfSignerException(HelpText(), exitCode: 0);
            if (!_byName.TryGetValue(name, out var spec))
            {
                if (Unknown == UnknownOptions.Error) throw UsageError($"Unknown option: -{name}");
                parsed.AddUnknown(name);
                continue;
            }

            if (spec.Kind == OptionKind.Flag)
            {
                if (inlineValue != null) throw UsageError($"Option -{name} does not take a value");
                parsed.Add(name, null);
                continue;
            }

            var value = inlineValue;
            if (value == null)
            {
                if (i + 1 >= args.Count) throw UsageError($"Option -{name} needs a value");
                value = args[++i];
            }
            Check(spec, value);
            parsed.Add(name, value);
        }

        for (; i < args.Count; i++) parsed.AddPositional(args[i]);
        return parsed;
    }

    private void Check(OptionSpec spec, string value)
    {
        switch (spec.Kind)
        {
            case OptionKind.PositiveInt:
                if (!TryParseLong(value, out var p)) throw UsageError($"Can't parse \"{value}\" as a number");
                if (p <= 0) throw UsageError($"Non-positive number \"{value}\" for option -{spec.Name}");
                break;
            case OptionKind.Int:
            case OptionKind.IntMax:
                if (!TryParseLong(value, out _)) throw UsageError($"Can't parse \"{value}\" as a number");
                break;
            case OptionKind.PemDer:
            case OptionKind.Format:
                if (ParseFormat(value) == null)
                    throw new CnfSignerException(
                        $"{App}: Bad format \"{value}\"\n{App}: Invalid format \"{value}\" for option -{spec.Name}\n{App}: Use -help for summary.");
                break;
            case OptionKind.Dir:
                if (!Directory.Exists(value)) throw UsageError($"Not a directory: {value}");
                break;
        }
    }

    /// <summary>apps/lib/opts.c opt_format(): the first letter decides; "PEM", "DER", "P12"-like names.</summary>
    public static string? ParseFormat(string value) => value.Length == 0 ? null : char.ToUpperInvariant(value[0]) switch
    {
        'P' => value.Equals("P12", StringComparison.OrdinalIgnoreCase) || value.Equals("PKCS12", StringComparison.OrdinalIgnoreCase) ? null : "PEM",
        'D' => "DER",
        'E' => "ENGINE",
        _ => null,
    };

    /// <summary>strtol-like with base 0 as OpenSSL's opt_long: decimal, 0x hex, leading 0 octal.</summary>
    internal static bool TryParseLong(string s, out long value)
    {
        value = 0;
        var t = s.TrimStart(); // strtol() skips leading blanks only: "512 " is not a number
        var negative = t.StartsWith('-');
        if (negative || t.StartsWith('+')) t = t[1..];
        bool ok;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            ok = long.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (t.Length > 1 && t[0] == '0')
            ok = TryParseOctal(t[1..], out value);
        else
            ok = t.Length > 0 && t.All(char.IsAsciiDigit) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }

    private static bool TryParseOctal(string s, out long value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '7') return false;
            value = checked(value * 8 + (c - '0'));
        }
        return true;
    }

    /// <summary>apps/lib/opts.c opt_help(): the same columns as OpenSSL's -help.</summary>
    public string HelpText()
    {
        var width = 5;
        foreach (var row in Rows.Where(r => !r.IsSection && !r.IsMore))
        {
            var w = 2 + row.Name.Length + (row.Kind == OptionKind.Flag || row.IsParameter ? 0 : 1 + row.Param.Length);
            if (w < MaxHelpWidth && w > width) width = w;
        }

        var text = new StringBuilder();
        text.Append("Usage: ").Append(App).Append(' ').Append(Usage).Append('\n');
        var parametersStarted = false;
        foreach (var row in Rows)
        {
            if (row.IsSection) { text.Append('\n').Append(row.Help).Append('\n'); continue; }
            if (row.IsMore) { text.Append(new string(' ', width)).Append("  ").Append(row.Help).Append('\n'); continue; }
            if (row.IsOption && Hidden.Contains(row.Name)) continue;
            if (row.IsParameter && !parametersStarted) { text.Append("\nParameters:\n"); parametersStarted = true; }
            var start = " " + (row.IsParameter ? "" : "-") + (row.IsAny ? "*" : row.Name)
                        + (row.Kind == OptionKind.Flag || row.IsParameter ? "" : " " + row.Param);
            if (start.Length >= MaxHelpWidth) { text.Append(start).Append('\n'); start = ""; }
            text.Append(start.PadRight(width)).Append("  ").Append(row.Help).Append('\n');
        }
        if (HelpFooter != null) text.Append(HelpFooter);
        return text.ToString().TrimEnd('\n');
    }
}

/// <summary>The result of parsing: every occurrence in order, the positionals, and unknown names.</summary>
public sealed class ParsedOptions
{
    private readonly List<(string Name, string? Value)> _occurrences = [];
    private readonly List<string> _positionals = [];
    private readonly List<string> _unknown = [];
    private readonly List<int> _unknownAt = [];

    public IReadOnlyList<(string Name, string? Value)> Occurrences => _occurrences;
    public IReadOnlyList<string> Positionals => _positionals;
    /// <summary>Unknown option names without the dash, in order (digest or cipher names for some apps).</summary>
    public IReadOnlyList<string> UnknownNames => _unknown;

    internal void Add(string name, string? value) => _occurrences.Add((name, value));
    internal void AddPositional(string value) => _positionals.Add(value);
    internal void AddUnknown(string name)
    {
        _unknown.Add(name);
        _unknownAt.Add(_occurrences.Count);
    }

    /// <summary>
    /// For each of <see cref="UnknownNames"/>, how many known options came before it (ocsp's digests must come
    /// before the -cert they apply to).
    /// </summary>
    public IReadOnlyList<int> UnknownPositions => _unknownAt;

    public bool Has(string name) => _occurrences.Any(o => o.Name == name);

    /// <summary>The last value given (OpenSSL keeps the last of a repeated option).</summary>
    public string? Value(string name)
    {
        for (var i = _occurrences.Count - 1; i >= 0; i--)
            if (_occurrences[i].Name == name) return _occurrences[i].Value;
        return null;
    }

    public IEnumerable<string> Values(string name) =>
        _occurrences.Where(o => o.Name == name && o.Value != null).Select(o => o.Value!);

    public long? Long(string name) =>
        Value(name) is { } v && OptionTable.TryParseLong(v, out var n) ? n : null;
}
