namespace CnfSigner.Config;

/// <summary>
/// A loaded config file: every section with its values in stored order, variables already expanded.
/// Lookups behave as OpenSSL's NCONF_get_string() and NCONF_get_section().
/// </summary>
public sealed class CnfDocument
{
    private readonly Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _sections;
    private readonly Func<string, string?> _getEnv;

    internal CnfDocument(
        IReadOnlyList<string> sectionNames,
        Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> sections,
        Func<string, string?> getEnv,
        string? sourcePath)
    {
        SectionNames = sectionNames;
        _sections = sections;
        _getEnv = getEnv;
        SourcePath = sourcePath;
    }

    /// <summary>"default" first (it always exists), then the other sections in order of first appearance.</summary>
    public IReadOnlyList<string> SectionNames { get; }

    /// <summary>The file given to <see cref="CnfLoader.Load"/>, as given; null for parsed text.</summary>
    public string? SourcePath { get; }

    /// <summary>NCONF_get_section(): the values in stored order, or null if there is no such section.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? GetSection(string name) =>
        _sections.GetValueOrDefault(name);

    public bool HasSection(string name) => _sections.ContainsKey(name);

    /// <summary>
    /// NCONF_get_string() (crypto/conf/conf_api.c _CONF_get_string()): the section, then the environment if the
    /// section is "ENV", then section "default". A null section looks only in "default".
    /// </summary>
    public string? GetString(string? section, string name)
    {
        if (section != null)
        {
            if (Find(section, name) is { } value) return value;
            if (section == "ENV" && _getEnv(name) is { } env) return env;
        }
        return Find("default", name);
    }

    private string? Find(string section, string name)
    {
        if (!_sections.TryGetValue(section, out var values)) return null;
        foreach (var v in values)
            if (v.Key == name) return v.Value;
        return null;
    }
}
