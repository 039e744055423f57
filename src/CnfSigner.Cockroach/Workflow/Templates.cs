using System.Text;
using System.Text.RegularExpressions;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>
/// The configs/*.cnf templates, built into the assembly so the native file alone can start the workflow, and the
/// one edit the workflow makes to them: setting a value in a section, as a user would in an editor.
/// </summary>
public static class Templates
{
    /// <summary>The built-in template names (ca.cnf, node.cnf, ...), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(Templates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("configs/", StringComparison.Ordinal)).Select(n => n["configs/".Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The text of a template: from <paramref name="configsDir"/> when given, else the built-in one.</summary>
    public static string Read(string name, string? configsDir)
    {
        if (configsDir != null)
        {
            var path = Path.Combine(configsDir, name);
            if (!File.Exists(path)) throw new CnfSignerException($"cockroach: {path} not found");
            return File.ReadAllText(path);
        }
        using var stream = typeof(Templates).Assembly.GetManifestResourceStream("configs/" + name)
            ?? throw new CnfSignerException($"cockroach: no built-in template {name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The text with <paramref name="key"/> = <paramref name="value"/> in [ <paramref name="section"/> ]: the last
    /// line setting it is replaced (earlier ones are dropped), or a line is added after the section's last setting (the
    /// section is added at the end when missing). A null value removes the key.
    /// </summary>
    public static string Set(string text, string section, string key, string? value)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var header = lines.FindIndex(l => SectionOf(l) == section);
        if (header < 0)
        {
            if (value == null) return text;
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            lines.AddRange(["", $"[ {section} ]", $"{key} = {value}", ""]);
            return string.Join("\n", lines);
        }
        var end = lines.FindIndex(header + 1, l => SectionOf(l) != null);
        if (end < 0) end = lines.Count;
        var keyPattern = new Regex(@"^\s*" + Regex.Escape(key) + @"\s*=");
        var hits = Enumerable.Range(header + 1, end - header - 1).Where(i => keyPattern.IsMatch(lines[i])).ToList();
        if (value != null && hits.Count > 0) lines[hits[^1]] = $"{key} = {value}";
        foreach (var i in (value != null && hits.Count > 0 ? hits[..^1] : hits).AsEnumerable().Reverse()) lines.RemoveAt(i);
        if (value != null && hits.Count == 0)
        {
            // After the section's last setting, so a new commonName comes after organizationName (O=..., CN=...).
            var last = header;
            for (var i = header + 1; i < end; i++)
                if (lines[i].Trim() is { Length: > 0 } t && !t.StartsWith('#')) last = i;
            lines.Insert(last + 1, $"{key} = {value}");
        }
        return string.Join("\n", lines);
    }

    private static string? SectionOf(string line)
    {
        var t = line.Trim();
        return t.StartsWith('[') && t.IndexOf(']') is > 0 and var close ? t[1..close].Trim() : null;
    }
}
