using System.Text;

namespace CnfSigner.Pki.Names;

/// <summary>
/// apps/lib/apps.c parse_name(): "/type0=value0/type1=value1+type2=value2" with '\' escapes, as -subj takes it.
/// Unknown types and empty values are skipped with a warning, as OpenSSL does.
/// </summary>
public static class SubjectParser
{
    /// <param name="app">the program name used in messages ("req", "ca")</param>
    /// <param name="desc">"subject" or "issuer"</param>
    /// <param name="warnings">where OpenSSL's "warning:" lines go (stderr)</param>
    public static NameBuilder Parse(string text, string app, string desc, NameBuilder builder, TextWriter warnings)
    {
        if (!text.StartsWith('/'))
            throw new CnfSignerException(
                $"{app}: {desc} name is expected to be in the format /type0=value0/type1=value1/type2=... " +
                $"where characters may be escaped by \\. This name is not in that format: '{text}'");

        var pos = 1;
        var nextIsMulti = false;
        while (pos < text.Length)
        {
            var isMulti = nextIsMulti;
            var eq = text.IndexOf('=', pos);
            if (eq < 0)
                throw new CnfSignerException($"{app}: Missing '=' after RDN type string '{text[pos..]}' in {desc} name string");
            var typeName = text[pos..eq];
            var value = ReadValue(text, eq + 1, app, desc, out pos, out nextIsMulti);

            var type = AttributeTypes.Find(typeName);
            if (type == null)
            {
                warnings.WriteLine($"{app} warning: Skipping unknown {desc} name attribute \"{typeName}\"");
                if (isMulti)
                    warnings.WriteLine($"{app} hint: a '+' in a value string needs be escaped using '\\' else a new member of a multi-valued RDN is expected");
                continue;
            }
            if (value.Length == 0)
            {
                warnings.WriteLine($"{app} warning: No value provided for {desc} name attribute \"{typeName}\", skipped");
                continue;
            }
            try
            {
                builder.Add(type, value, isMulti);
            }
            catch (CnfSignerException e)
            {
                throw new CnfSignerException($"{e.Message}\n{app}: Error adding {desc} name attribute \"/{typeName}={value}\"");
            }
        }
        return builder;
    }

    private static string ReadValue(string text, int pos, string app, string desc, out int next, out bool nextIsMulti)
    {
        var value = new StringBuilder();
        nextIsMulti = false;
        for (; pos < text.Length && text[pos] != '/'; pos++)
        {
            if (text[pos] == '+') { nextIsMulti = true; break; }
            if (text[pos] == '\\' && ++pos == text.Length)
                throw new CnfSignerException($"{app}: Escape character at end of {desc} name string");
            value.Append(text[pos]);
        }
        next = pos < text.Length ? pos + 1 : pos;
        return value.ToString();
    }
}
