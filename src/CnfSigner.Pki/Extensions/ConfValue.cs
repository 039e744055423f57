namespace CnfSigner.Pki.Extensions;

/// <summary>OpenSSL's CONF_VALUE: a name with an optional value, and the section it came from (null for items
/// parsed out of a value list).</summary>
internal sealed record ConfValue(string Name, string? Value, string? Section = null);

internal static class ValueList
{
    /// <summary>
    /// crypto/x509/v3_utl.c X509V3_parse_list(): "name[:value], ..." with each part space-trimmed. The first ':' of
    /// an item separates name and value; values run to the next ','. Parsing stops at CR or LF.
    /// </summary>
    public static List<ConfValue> Parse(string line)
    {
        var values = new List<ConfValue>();
        string? name = null;
        var inValue = false;
        var start = 0;
        var end = line.IndexOfAny(['\r', '\n']);
        if (end < 0) end = line.Length;
        for (var i = 0; i < end; i++)
        {
            var c = line[i];
            if (!inValue && c == ':')
            {
                name = Strip(line[start..i]) ?? throw new X509V3Exception("invalid empty name");
                inValue = true;
                start = i + 1;
            }
            else if (c == ',')
            {
                var part = Strip(line[start..i]);
                if (inValue) values.Add(new ConfValue(name!, part ?? throw new X509V3Exception("invalid null value")));
                else values.Add(new ConfValue(part ?? throw new X509V3Exception("invalid empty name"), null));
                inValue = false;
                start = i + 1;
            }
        }
        var last = Strip(line[start..end]);
        if (inValue) values.Add(new ConfValue(name!, last ?? throw new X509V3Exception("invalid null value")));
        else values.Add(new ConfValue(last ?? throw new X509V3Exception("invalid empty name"), null));
        return values;
    }

    /// <summary>v3_utl.c strip_spaces(): null when nothing but spaces remain.</summary>
    private static string? Strip(string s)
    {
        var t = s.Trim(' ', '\t', '\n', '\v', '\f', '\r');
        return t.Length == 0 ? null : t;
    }

    /// <summary>v3_utl.c ossl_v3_name_cmp(): matches "cmp" or "cmp.anything" (so DNS.1 is DNS).</summary>
    public static bool NameIs(string name, string cmp) =>
        name.StartsWith(cmp, StringComparison.Ordinal) && (name.Length == cmp.Length || name[cmp.Length] == '.');

    /// <summary>ossl_isspace() as used by v3_check_critical()/v3_check_generic().</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
