using System.Text;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Names;

/// <summary>
/// X509_NAME_print_ex (crypto/asn1/a_strex.c do_name_ex), X509_NAME_print (the "compat" form) and
/// X509_NAME_oneline (crypto/x509/x509_obj.c), all read from the Name's DER so string types and bytes are
/// exactly those signed. Results are byte strings, one byte per char (ISO-8859-1); with OpenSSL's default
/// flags they are plain ASCII.
/// </summary>
public static class NamePrinter
{
    private const int ShortNameWidth = 10, LongNameWidth = 25; // a_strex.c FN_WIDTH_SN, FN_WIDTH_LN

    // DL, not DER: a Name held in memory keeps its members' order, as an X509_NAME's entry stack does (a DER
    // encoding would sort each multi-valued RDN).
    public static string Print(Asn1Sequence name, NameFormat flags, int indent = 0) =>
        Print(name.GetEncoded(Asn1Encodable.DL), flags, indent);

    /// <summary>X509_NAME_print_ex(name, indent, flags); <see cref="NameFormat.Compat"/> gives X509_NAME_print.</summary>
    public static string Print(ReadOnlyMemory<byte> nameDer, NameFormat flags, int indent = 0) =>
        Print(Der.Parse(nameDer), flags, indent);

    public static string Oneline(Asn1Sequence name) => Oneline(name.GetEncoded(Asn1Encodable.DL));

    /// <summary>X509_NAME_oneline(name, NULL, 0): "/O=Cockroach/CN=root", as index.txt and "ca" use it.</summary>
    public static string Oneline(ReadOnlyMemory<byte> nameDer) => Oneline(Der.Parse(nameDer), int.MaxValue);

    /// <summary>
    /// apps/lib/apps.c print_name(): "subject=" and the name in the -nameopt form, ending "\n". The compat
    /// form is X509_NAME_oneline; the multi-line form starts on the next line, indented by 4.
    /// </summary>
    public static string PrintLine(string title, ReadOnlyMemory<byte> nameDer, NameFormat flags)
    {
        var name = Der.Parse(nameDer);
        if (flags == NameFormat.Compat) return title + Oneline(name, int.MaxValue) + "\n";
        if ((flags & NameFormat.SepMask) == NameFormat.SepMultiline) return title + "\n" + Print(name, flags, 4) + "\n";
        return title + Print(name, flags, 0) + "\n";
    }

    internal static string Print(Der name, NameFormat flags, int indent)
    {
        if (flags == NameFormat.Compat) return Compat(name);
        var (sepDn, sepMv) = (flags & NameFormat.SepMask) switch
        {
            NameFormat.SepMultiline => ("\n", " + "),
            NameFormat.SepCommaPlus => (",", "+"),
            NameFormat.SepSemiPlusSpace => ("; ", " + "),
            _ => (", ", " + "),
        };
        // do_name_ex(): only the multi-line form indents the lines after the first.
        var lineIndent = (flags & NameFormat.SepMask) == NameFormat.SepMultiline ? Math.Max(indent, 0) : 0;
        var sepEq = (flags & NameFormat.SpaceEquals) != 0 ? " = " : "=";
        var output = new StringBuilder(new string(' ', Math.Max(indent, 0)));
        var entries = Entries(name);
        if ((flags & NameFormat.DnReverse) != 0) entries.Reverse();
        int? previousSet = null;
        foreach (var (set, type, value) in entries)
        {
            if (previousSet != null)
            {
                if (previousSet == set) output.Append(sepMv);
                else output.Append(sepDn).Append(' ', lineIndent);
            }
            previousSet = set;
            AppendField(output, type.Oid(), flags, sepEq);
            var known = ObjectNames.Find(type.Oid()) != null;
            var valueFlags = !known && (flags & NameFormat.DumpUnknownFields) != 0 ? flags | NameFormat.DumpAll : flags;
            if (!AsnStringPrinter.Append(output, value, valueFlags)) break;
        }
        return output.ToString();
    }

    private static void AppendField(StringBuilder output, string oid, NameFormat flags, string sepEq)
    {
        var field = flags & NameFormat.FieldMask;
        if (field == NameFormat.FieldNone) return;
        var known = ObjectNames.Find(oid);
        string text;
        var width = 0;
        if (field == NameFormat.FieldOid || known == null) text = oid;
        else if (field == NameFormat.FieldShortName) { text = known.ShortName; width = ShortNameWidth; }
        else { text = known.LongName; width = LongNameWidth; }
        output.Append(text);
        if (text.Length < width && (flags & NameFormat.FieldAlign) != 0) output.Append(' ', width - text.Length);
        output.Append(sepEq);
    }

    /// <summary>
    /// crypto/x509/t_x509.c X509_NAME_print(): the oneline form without its first "/", where a "/" becomes ", "
    /// only when 1-2 upper-case letters and "=" follow ("OU=a/emailAddress=x" stays joined).
    /// </summary>
    private static string Compat(Der name)
    {
        var oneline = Oneline(name, int.MaxValue);
        if (oneline.Length == 0) return "";
        var s = oneline[1..];
        var output = new StringBuilder();
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            var split = i == s.Length || s[i] == '/' && IsUpper(s, i + 1)
                && (At(s, i + 2) == '=' || IsUpper(s, i + 2) && At(s, i + 3) == '=');
            if (!split) continue;
            output.Append(s, start, i - start);
            if (i < s.Length) output.Append(", ");
            start = i + 1;
        }
        return output.ToString();
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
    private static bool IsUpper(string s, int i) => At(s, i) is >= 'A' and <= 'Z';

    /// <summary>X509_NAME_oneline() into a buffer of <paramref name="bufferSize"/> bytes (entries that do not fit are dropped).</summary>
    internal static string Oneline(Der name, int bufferSize)
    {
        var output = new StringBuilder();
        var max = bufferSize == int.MaxValue ? int.MaxValue : bufferSize - 1;
        int? previousSet = null;
        foreach (var (set, type, value) in Entries(name))
        {
            var entry = new StringBuilder();
            entry.Append(previousSet == set ? '+' : '/').Append(ObjectNames.Short(type.Oid())).Append('=');
            AppendOnelineValue(entry, value);
            if (output.Length + entry.Length > max) break;
            output.Append(entry);
            previousSet = set;
        }
        return output.ToString();
    }

    private static void AppendOnelineValue(StringBuilder entry, Der value)
    {
        var q = value.Bytes;
        // x509_obj.c: a GeneralString whose length is a multiple of 4 and whose first three bytes of each group
        // are zero is printed as its fourth bytes only (a UniversalString mislabelled).
        var every = 1;
        var phase = 0;
        if (value.Is(27) && q.Length % 4 == 0)
        {
            var nonzero = new bool[4];
            for (var j = 0; j < q.Length; j++) if (q[j] != 0) nonzero[j & 3] = true;
            if (!(nonzero[0] || nonzero[1] || nonzero[2])) { every = 4; phase = 3; }
        }
        for (var j = phase; j < q.Length; j += every)
        {
            var n = q[j];
            if (n < ' ' || n > '~') entry.Append("\\x").Append(n.ToString("X2"));
            else
            {
                if (n is (byte)'/' or (byte)'+') entry.Append('\\');
                entry.Append((char)n);
            }
        }
    }

    /// <summary>The (RDN index, type, value) triples of a Name in encoded order.</summary>
    internal static List<(int Set, Der Type, Der Value)> Entries(Der name)
    {
        var list = new List<(int, Der, Der)>();
        var set = 0;
        foreach (var rdn in name.Children())
        {
            foreach (var atv in rdn.Children())
            {
                var parts = atv.Children();
                if (parts.Count < 2) throw new FormatException("bad AttributeTypeAndValue");
                list.Add((set, parts[0], parts[1]));
            }
            set++;
        }
        return list;
    }
}
