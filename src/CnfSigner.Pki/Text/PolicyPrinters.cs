using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>The free-form (i2r) printers: certificate policies, CRL distribution points, name constraints.</summary>
internal static class PolicyPrinters
{
    private const string Cps = "1.3.6.1.5.5.7.2.1", UserNotice = "1.3.6.1.5.5.7.2.2";

    /// <summary>v3_cpols.c i2r_certpol() as in 3.0: policies separated by "\n", no newline after the last.</summary>
    public static void CertificatePolicies(Der value, StringBuilder output, int indent)
    {
        var i = 0;
        foreach (var policy in value.Children())
        {
            if (i++ > 0) output.Append('\n');
            var parts = policy.Children();
            output.Append(' ', indent).Append("Policy: ").Append(ObjectNames.Text(parts[0].Oid()));
            if (parts.Count > 1)
            {
                output.Append('\n');
                Qualifiers(output, parts[1], indent + 2);
            }
        }
    }

    /// <summary>v3_cpols.c print_qualifiers(): no newline after the last.</summary>
    internal static void Qualifiers(StringBuilder output, Der qualifiers, int indent)
    {
        var i = 0;
        foreach (var qualifier in qualifiers.Children())
        {
            if (i++ > 0) output.Append('\n');
            var parts = qualifier.Children();
            var oid = parts[0].Oid();
            if (oid == Cps) output.Append(' ', indent).Append("CPS: ").Append(UpToNul(parts[1].Is(22) ? parts[1] : throw new FormatException("CPS")));
            else if (oid == UserNotice)
            {
                output.Append(' ', indent).Append("User Notice:\n");
                Notice(output, parts.Count > 1 ? parts[1] : default, indent + 2);
            }
            else output.Append(' ', indent + 2).Append("Unknown Qualifier: ").Append(ObjectNames.Text(oid));
        }
    }

    /// <summary>v3_cpols.c print_notice().</summary>
    private static void Notice(StringBuilder output, Der notice, int indent)
    {
        if (notice.Encoded.IsEmpty) return;
        var parts = notice.Children();
        var reference = parts.FirstOrDefault(p => p.Is(16));
        var text = parts.FirstOrDefault(p => !p.Is(16));
        var hasText = !text.Encoded.IsEmpty;
        if (!reference.Encoded.IsEmpty)
        {
            var refParts = reference.Children();
            var numbers = refParts[1].Children();
            if (numbers.Any(n => !n.Is(2))) throw new FormatException("noticeNumbers");
            output.Append(' ', indent).Append("Organization: ").Append(DisplayText(refParts[0])).Append('\n');
            output.Append(' ', indent).Append("Number").Append(numbers.Count > 1 ? "s" : "").Append(": ");
            output.Append(string.Join(", ", numbers.Select(n => IntegerPrinter.ToText(n.Bytes))));
            if (hasText) output.Append('\n');
        }
        if (hasText) output.Append(' ', indent).Append("Explicit Text: ").Append(DisplayText(text));
    }

    /// <summary>DisplayText (IA5String, VisibleString, BMPString or UTF8String) as "%.*s" prints it: up to a NUL.</summary>
    private static string DisplayText(Der text) =>
        (text.Is(12) || text.Is(22) || text.Is(26) || text.Is(30)) && !text.Constructed ? UpToNul(text) : throw new FormatException("DisplayText");

    private static string UpToNul(Der text)
    {
        var bytes = text.Bytes;
        var nul = bytes.IndexOf((byte)0);
        return TextDump.RawBytes(nul < 0 ? bytes : bytes[..nul]);
    }

    /// <summary>v3_crld.c i2r_crldp().</summary>
    public static void DistributionPoints(Der value, StringBuilder output, int indent)
    {
        var i = 0;
        foreach (var point in value.Children())
        {
            if (i++ > 0) output.Append('\n');
            foreach (var part in point.Children())
            {
                if (part.IsContext(0)) DistributionPointName(output, Der.Parse(part.Content), indent);
                else if (part.IsContext(1)) Reasons(output, "Reasons", part.Bytes, indent);
                else if (part.IsContext(2))
                {
                    output.Append(' ', indent).Append("CRL Issuer:\n");
                    GeneralNamePrinter.PrintLines(output, part, indent);
                }
            }
        }
    }

    /// <summary>v3_crld.c print_distpoint() as in 3.0: a full name ends without a newline.</summary>
    private static void DistributionPointName(StringBuilder output, Der name, int indent)
    {
        if (name.IsContext(0))
        {
            output.Append(' ', indent).Append("Full Name:\n");
            GeneralNamePrinter.PrintLines(output, name, indent);
        }
        else
        {
            output.Append(' ', indent).Append("Relative Name:\n").Append(' ', indent + 2);
            // The [1] SET OF AttributeTypeAndValue is printed as a one-RDN name of its own.
            var rdn = Wrap(0x31, name.Content.Span);
            output.Append(NamePrinter.Print(Der.Parse(Wrap(0x30, rdn)), NameFormat.Oneline, 0)).Append('\n');
        }
    }

    private static byte[] Wrap(byte tag, ReadOnlySpan<byte> content)
    {
        var length = content.Length;
        var header = length < 0x80 ? new byte[] { tag, (byte)length }
            : length < 0x100 ? [tag, 0x81, (byte)length]
            : [tag, 0x82, (byte)(length >> 8), (byte)length];
        return [.. header, .. content];
    }

    private static readonly string[] ReasonFlags =
    [
        "Unused", "Key Compromise", "CA Compromise", "Affiliation Changed", "Superseded",
        "Cessation Of Operation", "Certificate Hold", "Privilege Withdrawn", "AA Compromise",
    ];

    /// <summary>v3_crld.c print_reasons().</summary>
    private static void Reasons(StringBuilder output, string title, ReadOnlySpan<byte> bits, int indent)
    {
        output.Append(' ', indent).Append(title).Append(":\n").Append(' ', indent + 2);
        var names = new List<string>();
        for (var n = 0; n < ReasonFlags.Length; n++)
        {
            var index = 1 + n / 8;
            if (index < bits.Length && (bits[index] & (0x80 >> (n % 8))) != 0) names.Add(ReasonFlags[n]);
        }
        output.Append(names.Count == 0 ? "<EMPTY>" : string.Join(", ", names)).Append('\n');
    }

    /// <summary>v3_crld.c i2r_idp().</summary>
    public static void IssuingDistributionPoint(Der value, StringBuilder output, int indent)
    {
        var any = false;
        foreach (var part in value.Children())
        {
            any = true;
            var flag = part.Bytes.Length > 0 && part.Bytes[0] != 0;
            switch (part.Tag)
            {
                case 0: DistributionPointName(output, Der.Parse(part.Content), indent); break;
                case 1: if (flag) output.Append(' ', indent).Append("Only User Certificates\n"); break;
                case 2: if (flag) output.Append(' ', indent).Append("Only CA Certificates\n"); break;
                case 3: Reasons(output, "Only Some Reasons", part.Bytes, indent); break;
                case 4: if (flag) output.Append(' ', indent).Append("Indirect CRL\n"); break;
                case 5: if (flag) output.Append(' ', indent).Append("Only Attribute Certificates\n"); break;
            }
        }
        if (!any) output.Append(' ', indent).Append("<EMPTY>\n");
    }

    /// <summary>v3_ncons.c i2r_NAME_CONSTRAINTS().</summary>
    public static void NameConstraints(Der value, StringBuilder output, int indent)
    {
        var parts = value.Children();
        var permitted = parts.FirstOrDefault(p => p.IsContext(0));
        var excluded = parts.FirstOrDefault(p => p.IsContext(1));
        Subtrees(output, permitted, "Permitted", indent);
        if (!permitted.Encoded.IsEmpty && !excluded.Encoded.IsEmpty) output.Append('\n');
        Subtrees(output, excluded, "Excluded", indent);
    }

    private static void Subtrees(StringBuilder output, Der trees, string title, int indent)
    {
        if (trees.Encoded.IsEmpty) return;
        var subtrees = trees.Children();
        if (subtrees.Count > 0) output.Append(' ', indent).Append(title).Append(":\n");
        for (var i = 0; i < subtrees.Count; i++)
        {
            if (i > 0) output.Append('\n');
            output.Append(' ', indent + 2);
            var name = subtrees[i].Children()[0];
            if (name.IsContext(7)) output.Append(SubnetText(name.Bytes));
            else GeneralNamePrinter.Print(output, name);
        }
    }

    /// <summary>v3_ncons.c print_nc_ipadd(): "IP:address/mask".</summary>
    private static string SubnetText(ReadOnlySpan<byte> ip)
    {
        var half = ip.Length >= 16 ? 16 : ip.Length >= 4 ? 4 : ip.Length;
        return $"IP:{GeneralNamePrinter.IpText(ip[..half])}/{GeneralNamePrinter.IpText(ip[half..])}";
    }
}
