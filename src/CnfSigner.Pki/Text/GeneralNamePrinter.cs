using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>crypto/x509/v3_san.c: GeneralName in its i2v form (SAN lists) and its GENERAL_NAME_print form.</summary>
internal static class GeneralNamePrinter
{
    private const int OtherName = 0, Email = 1, Dns = 2, X400 = 3, DirName = 4, EdiParty = 5, Uri = 6, IpAddress = 7, Rid = 8;
    private const string MsUpn = "1.3.6.1.4.1.311.20.2.3", SmtpUtf8 = "1.3.6.1.5.5.7.8.9", Xmpp = "1.3.6.1.5.5.7.8.5",
        SrvName = "1.3.6.1.5.5.7.8.7", NaiRealm = "1.3.6.1.5.5.7.8.8";

    private static readonly Dictionary<string, (string Label, int Tag)> KnownOtherNames = new()
    {
        [SmtpUtf8] = ("SmtpUTF8Mailbox", 12),
        [Xmpp] = ("XmppAddr", 12),
        [SrvName] = ("SRVName", 22),
        [MsUpn] = ("UPN", 12),
        [NaiRealm] = ("NAIRealm", 12),
    };

    /// <summary>i2v_GENERAL_NAMES().</summary>
    public static List<NameValue> ToList(Der names)
    {
        var list = new List<NameValue>();
        foreach (var name in names.Children()) list.Add(ToItem(name));
        return list;
    }

    /// <summary>i2v_GENERAL_NAME() as OpenSSL 3.0 words it ("othername: UPN:" + ":" + value).</summary>
    public static NameValue ToItem(Der name)
    {
        Check(name);
        switch (name.Tag)
        {
            case OtherName:
                var (oid, value) = ReadOtherName(name);
                if (KnownOtherNames.TryGetValue(oid, out var known))
                {
                    if (!value.Is(known.Tag)) throw new FormatException("bad otherName value");
                    return new($"othername: {known.Label}:", TextDump.RawBytes(value.Bytes));
                }
                var label = $"othername: {ObjectNames.Text(oid)}:";
                return value.Is(22) || value.Is(12) ? new(label, TextDump.RawBytes(value.Bytes)) : new(label, "<unsupported>");
            case X400: return new("X400Name", "<unsupported>");
            case EdiParty: return new("EdiPartyName", "<unsupported>");
            case Email: return new("email", TextDump.RawBytes(name.Bytes));
            case Dns: return new("DNS", TextDump.RawBytes(name.Bytes));
            case Uri: return new("URI", TextDump.RawBytes(name.Bytes));
            case DirName: return new("DirName", NamePrinter.Oneline(Der.Parse(name.Content), 256));
            case IpAddress: return new("IP Address", IpText(name.Bytes));
            case Rid: return new("Registered ID", ObjectNames.Text(ObjectNames.Dotted(name.Bytes)));
            default: throw new FormatException("bad GeneralName");
        }
    }

    /// <summary>GENERAL_NAME_print(): the one-per-line form used by CRL distribution points and name constraints.</summary>
    public static void Print(StringBuilder output, Der name)
    {
        Check(name);
        switch (name.Tag)
        {
            case OtherName:
                var (oid, value) = ReadOtherName(name);
                if (KnownOtherNames.TryGetValue(oid, out var known) && value.Is(known.Tag))
                    output.Append("othername:").Append(known.Label).Append(':').Append(TextDump.RawBytes(value.Bytes));
                else output.Append("othername:<unsupported>");
                break;
            case X400: output.Append("X400Name:<unsupported>"); break;
            case EdiParty: output.Append("EdiPartyName:<unsupported>"); break;
            case Email: output.Append("email:"); ExtensionPrinter.AppendPrintable(output, name.Bytes); break;
            case Dns: output.Append("DNS:"); ExtensionPrinter.AppendPrintable(output, name.Bytes); break;
            case Uri: output.Append("URI:"); ExtensionPrinter.AppendPrintable(output, name.Bytes); break;
            case DirName: output.Append("DirName:").Append(NamePrinter.Print(Der.Parse(name.Content), NameFormat.Oneline, 0)); break;
            case IpAddress: output.Append("IP Address:").Append(IpText(name.Bytes)); break;
            case Rid: output.Append("Registered ID:").Append(ObjectNames.Text(ObjectNames.Dotted(name.Bytes))); break;
            default: throw new FormatException("bad GeneralName");
        }
    }

    /// <summary>
    /// The GENERAL_NAME template's encoding: otherName, x400Address and ediPartyName are IMPLICIT SEQUENCEs and
    /// directoryName an EXPLICIT Name, so constructed; registeredID an IMPLICIT OBJECT IDENTIFIER, so primitive (the
    /// strings may be BER constructed, which OpenSSL's decoder collects).
    /// </summary>
    private static void Check(Der name)
    {
        if (name.Class != Der.ContextSpecific || name.Tag > Rid) throw new FormatException("bad GeneralName");
        if (name.Tag is OtherName or X400 or DirName or EdiParty ? !name.Constructed : name.Tag == Rid && name.Constructed)
            throw new FormatException("bad GeneralName encoding");
    }

    /// <summary>OSSL_GENERAL_NAMES_print / print_gens(): one name a line at indent + 2, no final newline.</summary>
    public static void PrintLines(StringBuilder output, Der names, int indent)
    {
        var i = 0;
        foreach (var name in names.Children())
        {
            if (i++ > 0) output.Append('\n');
            output.Append(' ', indent + 2);
            Print(output, name);
        }
    }

    /// <summary>crypto/x509/v3_utl.c ossl_ipaddr_to_asc(): dotted quad, or eight upper-case hex groups.</summary>
    public static string IpText(ReadOnlySpan<byte> ip)
    {
        if (ip.Length == 4) return $"{ip[0]}.{ip[1]}.{ip[2]}.{ip[3]}";
        if (ip.Length == 16)
        {
            var groups = new string[8];
            for (var i = 0; i < 8; i++) groups[i] = ((ip[2 * i] << 8) | ip[2 * i + 1]).ToString("X");
            return string.Join(':', groups);
        }
        return $"<invalid length={ip.Length}>";
    }

    private static (string Oid, Der Value) ReadOtherName(Der name)
    {
        var parts = name.Children();
        var explicitValue = parts[1];
        if (!explicitValue.IsContext(0)) throw new FormatException("bad otherName");
        return (parts[0].Oid(), Der.Parse(explicitValue.Content));
    }
}
