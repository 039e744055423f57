using CnfSigner.Config;

namespace CnfSigner.Pki.Requests;

/// <summary>req -addext: each value is one "name = value" line of a config whose only section is "default".</summary>
public static class AddExtensions
{
    /// <summary>
    /// apps/req.c duplicated(): a name (up to '=', spaces trimmed) given twice is a usage error, found while the
    /// options are read; the lines are then loaded as a config file (app_load_config_bio()).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IReadOnlyList<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            // A line without '=' or without a name counts as a duplicate too.
            var eq = line.IndexOf('=');
            var name = eq < 0 ? "" : line[..eq].Trim(' ', '\t', '\n', '\r', '\f', '\v');
            if (name.Length == 0 || !seen.Add(name))
                throw new CnfSignerException($"Duplicate extension: {line}\nreq: Use -help for summary.");
        }
        if (lines.Count == 0) return [];
        var document = CnfLoader.Parse(string.Join("\n", lines) + "\n", "-addext");
        return document.GetSection("default") ?? [];
    }
}
