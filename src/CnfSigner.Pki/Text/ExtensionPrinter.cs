using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>One i2v item: "name:value", or just the one that is present (crypto/x509/v3_utl.c CONF_VALUE).</summary>
internal readonly record struct NameValue(string? Name, string? Value);

/// <summary>crypto/x509/v3_prn.c: X509V3_extensions_print and X509V3_EXT_print.</summary>
internal static class ExtensionPrinter
{
    /// <summary>An extension as it sits in the DER: its OID, criticality and the OCTET STRING content.</summary>
    internal readonly record struct Extension(string Oid, bool Critical, ReadOnlyMemory<byte> Value);

    /// <summary>
    /// Extensions ::= SEQUENCE OF Extension { extnID OID, critical BOOLEAN (optional), extnValue OCTET STRING }.
    /// Anything else is a <see cref="FormatException"/>, as d2i_X509_EXTENSIONS fails on it (a request's
    /// extensionRequest reaches here without BouncyCastle having checked it: found by fuzzing).
    /// </summary>
    public static List<Extension> Read(Der extensions)
    {
        var list = new List<Extension>();
        foreach (var ext in extensions.Children())
        {
            var parts = ext.Is(16) ? ext.Children() : [];
            if (parts.Count is not (2 or 3) || !parts[0].Is(6) || !parts[^1].Is(4) || (parts.Count == 3 && !parts[1].Is(1)))
                throw new FormatException("malformed extension");
            var critical = parts.Count == 3 && parts[1].Is(1) && parts[1].Bytes.Length == 1 && parts[1].Bytes[0] != 0;
            list.Add(new Extension(parts[0].Oid(), critical, parts[^1].Content));
        }
        return list;
    }

    /// <summary>X509V3_extensions_print(): the title, then per extension "Name: critical" and its value.</summary>
    public static void PrintAll(StringBuilder output, string? title, IReadOnlyList<Extension> extensions, CertPrintFlags flags, int indent)
    {
        if (extensions.Count == 0) return;
        if (title != null)
        {
            output.Append(' ', indent).Append(title).Append(":\n");
            indent += 4;
        }
        foreach (var ext in extensions) PrintOne(output, ext, flags, indent);
    }

    /// <summary>One extension with its header line at <paramref name="indent"/> and value at indent + 4.</summary>
    public static void PrintOne(StringBuilder output, Extension ext, CertPrintFlags flags, int indent)
    {
        output.Append(' ', indent).Append(ObjectNames.Text(ext.Oid)).Append(": ").Append(ext.Critical ? "critical" : "").Append('\n');
        if (!PrintValue(output, ext, flags, indent + 4))
        {
            output.Append(' ', indent + 4);
            AppendPrintable(output, ext.Value.Span);
        }
        output.Append('\n');
    }

    /// <summary>X509V3_EXT_print(): false when the caller should fall back to the raw bytes.</summary>
    public static bool PrintValue(StringBuilder output, Extension ext, CertPrintFlags flags, int indent)
    {
        if (!ExtensionValuePrinters.Table.ContainsKey(ext.Oid)) return PrintUnknown(output, ext.Value.Span, flags, indent, false);
        if (Format(ext, indent) is not { } text) return PrintUnknown(output, ext.Value.Span, flags, indent, true);
        if (ReferenceEquals(text, NoValues)) return false;
        output.Append(text);
        return true;
    }

    /// <summary>Whether X509V3_EXT_d2i() decodes a known extension kind (unknown kinds: true).</summary>
    public static bool Decodes(Extension ext) => !ExtensionValuePrinters.Table.ContainsKey(ext.Oid) || Format(ext, 0) != null;

    /// <summary>What <see cref="Format"/> returns when the value decodes but its i2v or i2s gave NULL.</summary>
    private static readonly StringBuilder NoValues = new();

    /// <summary>
    /// A known extension's value as its method prints it (<see cref="NoValues"/> when its i2v has none), or null when it does not decode. Bytes after the value
    /// are ignored, as ASN1_item_d2i() ignores them.
    /// </summary>
    private static StringBuilder? Format(Extension ext, int indent)
    {
        var method = ExtensionValuePrinters.Table[ext.Oid];
        var text = new StringBuilder();
        try
        {
            var value = Der.Parse(ext.Value);
            if (method.ToText != null)
            {
                if (method.ToText(value) is not { } words) return NoValues;
                text.Append(' ', indent).Append(words);
            }
            else if (method.ToList != null)
            {
                var items = method.ToList(value);
                if (items.Count == 0 && method.NullWhenEmpty) return NoValues;
                AppendList(text, items, indent, method.Multiline);
            }
            else method.Print!(value, text, indent);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
        return text;
    }

    /// <summary>X509V3_EXT_val_prn().</summary>
    public static void AppendList(StringBuilder output, List<NameValue> items, int indent, bool multiline)
    {
        if (!multiline || items.Count == 0)
        {
            output.Append(' ', indent);
            if (items.Count == 0) output.Append("<EMPTY>\n");
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (multiline)
            {
                if (i > 0) output.Append('\n');
                output.Append(' ', indent);
            }
            else if (i > 0) output.Append(", ");
            var (name, value) = items[i];
            output.Append(name == null ? value : value == null ? name : name + ":" + value);
        }
    }

    /// <summary>v3_prn.c unknown_ext_print(), per the ext_* -certopt words.</summary>
    private static bool PrintUnknown(StringBuilder output, ReadOnlySpan<byte> value, CertPrintFlags flags, int indent, bool supported)
    {
        switch (flags & CertPrintFlags.ExtMask)
        {
            case CertPrintFlags.ExtDefault:
                return false;
            case CertPrintFlags.ExtError:
                output.Append(' ', indent).Append(supported ? "<Parse Error>" : "<Not Supported>");
                return true;
            case CertPrintFlags.ExtDump:
                HexPrinter.Dump(output, value, indent);
                return true;
            case CertPrintFlags.ExtParse:
                return Asn1ParsePrinter.Dump(output, value, indent != 0);
            default:
                return true;
        }
    }

    /// <summary>crypto/asn1/a_print.c ASN1_STRING_print(): printable bytes, CR and LF as-is, anything else '.'.</summary>
    public static void AppendPrintable(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            output.Append(b > '~' || (b < ' ' && b != '\n' && b != '\r') ? '.' : (char)b);
    }
}
