using CnfSigner.Config;

namespace CnfSigner.Pki.Requests;

/// <summary>req -addext: each value is one "name = value" line of a config whose only section is "default".</summary>
public static class AddExtensions
{
    /// <summary>
    /// apps/req.c duplicated(): the first line whose name (up to '=', spaces trimmed) was given before, or that has
    /// no name; req reports it as a usage error while the options are read.
    /// </summary>
    public static string? FirstDuplicate(IEnumerable<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            var name = eq < 0 ? "" : line[..eq].Trim(' ', '\t', '\n', '\r', '\f', '\v');
            if (name.Length == 0 || !seen.Add(name)) return line;
        }
        return null;
    }

    /// <summary>The lines loaded as a config file (app_load_config_bio()), its "default" section.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return [];
        var document = CnfLoader.Parse(string.Join("\n", lines) + "\n", "-addext");
        return document.GetSection("default") ?? [];
    }
}
