using Sprache;

namespace CnfSigner.Config;

/// <summary>
/// crypto/conf/conf_def.c def_load_bio(): one logical line at a time, in order, so that a variable sees only what
/// is stored above it. Section headers, "name = value", ".pragma" and ".include".
/// </summary>
internal sealed class ConfReader(ConfSource top, Func<string, string?> getEnv)
{
    private readonly ConfStore _store = new(getEnv);
    private readonly SourceStack _sources = new(top);
    private LogicalLines? _lines;
    private string _section = ConfStore.DefaultSection;
    private bool _dollarId;
    private bool _absPath;
    private string? _includeDir;

    public long PhysicalLine => _lines?.PhysicalLine ?? 0;

    private CnfGrammar Grammar => _dollarId ? CnfGrammar.DollarId : CnfGrammar.Default;

    public void ReadAll()
    {
        _lines = new LogicalLines(_sources);
        while (_lines.Next() is { } line)
        {
            var text = CnfGrammar.ClearComments(line).TrimStart(' ', '\t', '\r', '\n');
            if (text.Length == 0) continue;
            if (text[0] == '[') ReadSectionHeader(text);
            else ReadKeyLine(Grammar.SplitKeyLine(text));
        }
    }

    /// <summary>
    /// The finished document in real text. Bytes that are not UTF-8 become U+FFFD; should two section names become
    /// the same text that way, the first one is kept.
    /// </summary>
    public CnfDocument ToDocument(string? sourcePath)
    {
        var names = new List<string>();
        var sections = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var section in _store.SectionNames)
        {
            var values = _store.Section(section)
                .Select(v => new KeyValuePair<string, string>(ByteText.ToText(v.Key), ByteText.ToText(v.Value)))
                .ToList();
            if (sections.TryAdd(ByteText.ToText(section), values)) names.Add(ByteText.ToText(section));
        }
        return new CnfDocument(names, sections, getEnv, sourcePath);
    }

    private void ReadSectionHeader(string text)
    {
        var header = Grammar.SectionHeader.TryParse(text);
        if (!header.WasSuccessful) throw new CnfSyntaxException("missing close square bracket");
        // The name goes through str_copy() with no section: escapes are decoded.
        _section = Expand(null, header.Value);
        _store.GetOrCreate(_section);
    }

    private void ReadKeyLine(KeyLine line)
    {
        var section = line.Section ?? _section;
        // def_load_bio(): ".pragma"/".include" are key prefixes; they count as directives when something other
        // than the bare word is there, so ".includeinc/x" includes "" and ".include" alone lacks its "=".
        if (IsDirective(line, ".pragma")) { ReadPragma(DirectiveArgument(line.Rest)); return; }
        if (IsDirective(line, ".include")) { ReadInclude(section, DirectiveArgument(line.Rest)); return; }
        if (!line.Rest.StartsWith('='))
            throw new CnfSyntaxException("missing equal sign: HERE-->" + ByteText.ToText(line.Rest));
        var value = Expand(section, TrimBlanks(line.Rest[1..]));
        _store.Add(section, line.Name, value);
    }

    private static bool IsDirective(KeyLine line, string word) =>
        line.Name.StartsWith(word, StringComparison.Ordinal)
        && (line.Name.Length > word.Length || line.Gap.Length > 0 || line.Rest.StartsWith('='));

    private static string DirectiveArgument(string rest) => TrimBlanks(rest.StartsWith('=') ? rest[1..] : rest);

    private void ReadPragma(string argument)
    {
        // Pragma values take the form keyword:value, both non-empty; they are not expanded.
        var colon = argument.IndexOf(':');
        if (colon <= 0 || colon == argument.Length - 1) throw new CnfSyntaxException("invalid pragma");
        var name = argument[..colon].TrimEnd(' ', '\t', '\r', '\n');
        var value = argument[(colon + 1)..].TrimStart(' ', '\t', '\r', '\n');
        switch (name)
        {
            case "dollarid": _dollarId = ParseBool(value); break;
            case "abspath": _absPath = ParseBool(value); break;
            case "includedir": _includeDir = value; break;
            // Unknown pragmas are ignored.
        }
    }

    /// <summary>conf_def.c parsebool().</summary>
    private static bool ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new CnfSyntaxException("invalid pragma"),
    };

    private void ReadInclude(string section, string argument)
    {
        // OPENSSL_CONF_INCLUDE wins over ".pragma includedir"; either prefixes relative paths only.
        var includeDir = getEnv("OPENSSL_CONF_INCLUDE") is { } env ? ByteText.FromText(env) : _includeDir;
        var path = Expand(section, argument);
        if (includeDir != null && !path.StartsWith('/'))
            path = includeDir + (includeDir.EndsWith('/') ? "" : "/") + path;
        if (_absPath && !path.StartsWith('/')) throw new CnfSyntaxException("relative path");
        _sources.Include(ByteText.ToText(path));
    }

    private string Expand(string? section, string raw) => ValueExpander.Expand(Grammar, _store, section, raw);

    // conf_def.c eat_ws() then trim_ws().
    private static string TrimBlanks(string text) => text.Trim(' ', '\t', '\r', '\n');
}
