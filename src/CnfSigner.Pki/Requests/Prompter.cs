using System.Globalization;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CnfSigner.Pki.Requests;

/// <summary>apps/req.c prompt_info / build_data: the interactive DN questions, or their defaults under -batch.</summary>
internal static class Prompter
{
    private static readonly string[] Suffixes = ["_min", "_max", "_default", "_value"];

    public static void Fill(RequestNameInput input, RequestNames.NamedSection? dn, RequestNames.NamedSection? attrs,
        NameBuilder subject, List<AttributePkcs> attributes)
    {
        if (!input.Batch)
            input.Err.Write("You are about to be asked to enter information that will be incorporated\n" +
                            "into your certificate request.\nWhat you are about to enter is what is called a Distinguished Name or a DN.\n" +
                            "There are quite a few fields but you can leave some blank\nFor some fields there will be a default value,\n" +
                            "If you enter '.', the field will be left blank.\n-----\n");
        foreach (var (key, text) in Questions(dn))
        {
            var typeName = NameBuilder.StripInstancePrefix(key);
            var join = typeName.StartsWith('+');
            if (join) typeName = typeName[1..];
            var type = AttributeTypes.Find(typeName);
            if (type == null) continue; // "If OBJ not recognised ignore it"
            var answer = Ask(input, dn!.Name, key, text, "DN value", "DN default");
            if (answer != null) subject.Add(type, answer, join);
        }
        if (subject.Count == 0) throw new RequestError("Error: No objects specified in config file");
        if (!input.WithAttributes || attrs == null) return;

        var questions = Questions(attrs).ToList();
        if (questions.Count > 0 && !input.Batch)
            input.Err.Write("\nPlease enter the following 'extra' attributes\nto be sent with your certificate request\n");
        foreach (var (key, text) in questions)
        {
            if (AttributeTypes.Find(key) == null) continue;
            var answer = Ask(input, attrs.Name, key, text, "Attribute value", "Attribute default");
            if (answer != null) attributes.Add(RequestNames.Attribute(key, answer, input));
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Questions(RequestNames.NamedSection? section) =>
        (section?.Entries ?? []).Where(e => !Suffixes.Any(s => e.Key.EndsWith(s, StringComparison.Ordinal)));

    /// <summary>build_data(): null means "leave the field out".</summary>
    private static string? Ask(RequestNameInput input, string section, string key, string text, string valueDesc, string defaultDesc)
    {
        var config = input.Config;
        var def = config.GetString(section, key + "_default") ?? "";
        var preset = config.GetString(section, key + "_value");
        var min = Limit(config.GetString(section, key + "_min"));
        var max = Limit(config.GetString(section, key + "_max"));
        while (true)
        {
            if (!input.Batch) input.Err.Write($"{text} [{def}]:");
            string? line;
            if (preset != null) { line = preset; input.Err.Write(preset + "\n"); }
            else if (input.Batch) line = "";
            else line = ReadAnswer(input.In);
            if (line.Length == 0)
            {
                if (def.Length == 0) return null;
                line = def;
            }
            else if (line == ".") return null;

            var length = System.Text.Encoding.UTF8.GetByteCount(line);
            if (min > 0 && length < min) input.Err.Write($"String too short, must be at least {min} bytes long\n");
            else if (max >= 0 && length > max) input.Err.Write($"String too long, must be at most {max} bytes long\n");
            else return line;
            if (input.Batch || preset != null) throw new RequestError("");
        }
    }

    /// <summary>
    /// build_data(): fgets() on stdin. End of input before any character fails the request; a last line without
    /// its newline is refused ("Missing newline at end of input"). Only the "\n" is removed.
    /// </summary>
    private static string ReadAnswer(TextReader input)
    {
        var line = new System.Text.StringBuilder();
        for (var c = input.Read(); c != '\n'; c = input.Read())
        {
            if (c < 0) throw new RequestError(line.Length == 0 ? "" : "Missing newline at end of input");
            line.Append((char)c);
        }
        return line.ToString();
    }

    /// <summary>NCONF_get_number(): absent is -1 (no limit); otherwise the leading decimal digits, 0 if none.</summary>
    private static long Limit(string? value)
    {
        if (value == null) return -1;
        var digits = new string(value.TakeWhile(char.IsAsciiDigit).Take(18).ToArray());
        return digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
