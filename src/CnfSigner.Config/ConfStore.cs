namespace CnfSigner.Config;

/// <summary>
/// The sections and values stored while reading, in byte strings (see <see cref="ByteText"/>). Mirrors
/// crypto/conf/conf_api.c: one ordered stack per section plus a (section, name) lookup.
/// </summary>
internal sealed class ConfStore
{
    public const string DefaultSection = "default";

    private readonly Dictionary<string, List<KeyValuePair<string, string>>> _sections = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Func<string, string?> _getEnv;

    public ConfStore(Func<string, string?> getEnv)
    {
        _getEnv = getEnv;
        GetOrCreate(DefaultSection);
    }

    public IReadOnlyList<string> SectionNames => _order;

    public IReadOnlyList<KeyValuePair<string, string>> Section(string name) => _sections[name];

    public void GetOrCreate(string section)
    {
        if (_sections.ContainsKey(section)) return;
        _sections.Add(section, []);
        _order.Add(section);
    }

    /// <summary>
    /// conf_api.c _CONF_add_string(): the new value is pushed, and an older value of the same name is deleted
    /// from the stack, so a repeated name keeps the last value at the position of its last occurrence.
    /// </summary>
    public void Add(string section, string name, string value)
    {
        GetOrCreate(section);
        var values = _sections[section];
        var old = values.FindIndex(v => v.Key == name);
        if (old >= 0) values.RemoveAt(old);
        values.Add(new(name, value));
    }

    /// <summary>
    /// conf_api.c _CONF_get_string(): the section first, then the environment when the section is "ENV",
    /// then the section "default". A null section looks only in "default".
    /// </summary>
    public string? Get(string? section, string name)
    {
        if (section != null)
        {
            if (Find(section, name) is { } value) return value;
            if (section == "ENV" && _getEnv(ByteText.ToText(name)) is { } env) return ByteText.FromText(env);
        }
        return Find(DefaultSection, name);
    }

    private string? Find(string section, string name)
    {
        if (!_sections.TryGetValue(section, out var values)) return null;
        foreach (var v in values)
            if (v.Key == name) return v.Value;
        return null;
    }
}
