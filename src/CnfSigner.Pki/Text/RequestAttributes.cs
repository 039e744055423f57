using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>crypto/x509/t_req.c: the "Attributes:" block and the requested extensions of a CSR.</summary>
internal static class RequestAttributes
{
    // x509_req.c X509_REQ_extension_nid(): PKCS #9 extensionRequest and Microsoft's.
    private static readonly HashSet<string> ExtensionRequestOids = ["1.2.840.113549.1.9.14", "1.3.6.1.4.1.311.2.1.14"];
    private const int LabelWidth = 25;

    /// <summary>
    /// "Attributes:" and each attribute but the extension request; "(none)" for an empty attributes field. Without
    /// the field X509_REQ_get_attr_count() is -1 (sk_num of NULL), so t_req.c prints nothing under the heading.
    /// </summary>
    public static void Print(StringBuilder output, List<Der> attributes, bool present)
    {
        output.Append("        Attributes:\n");
        if (attributes.Count == 0 && present) { output.Append(' ', 12).Append("(none)\n"); return; }
        foreach (var attribute in attributes)
        {
            var parts = attribute.Children();
            var oid = parts[0].Oid();
            if (ExtensionRequestOids.Contains(oid)) continue;
            var label = ObjectNames.Text(oid);
            output.Append(' ', 12).Append(label);
            var pad = LabelWidth - label.Length;
            foreach (var value in parts[1].Children())
            {
                // t_req.c: the label is printed once; each further value is padded from column 0 by 25.
                output.Append(' ', Math.Max(pad, 0)).Append(':');
                pad = LabelWidth;
                if (value.Is(19) || value.Is(20) || value.Is(18) || value.Is(12) || value.Is(22))
                    output.Append(TextDump.RawBytes(value.Bytes)).Append('\n');
                else output.Append("unable to print attribute\n");
            }
        }
    }

    /// <summary>3.0's X509_REQ_get_extensions() returns an empty list when there is no extensionRequest, so
    /// "Requested Extensions:" is printed even then. An extensionRequest whose first value is not a SEQUENCE that
    /// decodes as Extensions makes it return NULL, and t_req.c then prints no extension block at all (found by
    /// fuzzing: such a request crashed `req -text`).</summary>
    public static void PrintExtensions(StringBuilder output, List<Der> attributes, CertPrintFlags flags)
    {
        var extensions = new List<ExtensionPrinter.Extension>();
        foreach (var attribute in attributes)
        {
            var parts = attribute.Children();
            if (!ExtensionRequestOids.Contains(parts[0].Oid())) continue;
            var values = parts[1].Children();
            if (values.Count == 0 || !values[0].Is(16) || ReadOrNull(values[0]) is not { } read) return;
            extensions = read;
            break;
        }
        output.Append(' ', 12).Append("Requested Extensions:\n");
        foreach (var ext in extensions) ExtensionPrinter.PrintOne(output, ext, flags, 16);
    }

    private static List<ExtensionPrinter.Extension>? ReadOrNull(Der sequence)
    {
        try { return ExtensionPrinter.Read(sequence); }
        catch (FormatException) { return null; }
    }
}
