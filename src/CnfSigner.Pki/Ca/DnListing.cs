using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Ca;

/// <summary>apps/ca.c old_entry_print(): the "The Subject's Distinguished Name is as follows" lines.</summary>
public static class DnListing
{
    public static string Line(NameEntry entry)
    {
        var text = new StringBuilder();
        var name = NameEntries.LongName(entry.Type);
        text.Append(name).Append(' ', Math.Max(0, 22 - name.Length)).Append(':');
        text.Append(entry.Tag switch
        {
            NameEntry.PrintableTag => "PRINTABLE:'",
            NameEntry.T61Tag => "T61STRING:'",
            NameEntry.Ia5Tag => "IA5STRING:'",
            NameEntry.UniversalTag => "UNIVERSALSTRING:'",
            _ => $"ASN.1 {entry.Tag,2}:'",
        });
        foreach (var b in entry.Data)
        {
            // The byte goes through a signed char in OpenSSL, so 0xC3 prints as \0xFFFFFFC3: reproduced as is.
            if (b is >= (byte)' ' and <= (byte)'~') text.Append((char)b);
            else if ((b & 0x80) != 0) text.Append("\\0x").Append((0xFFFFFF00 | b).ToString("X8"));
            else text.Append('^').Append((char)(b + '@'));
        }
        return text.Append("'\n").ToString();
    }

    /// <summary>
    /// apps/ca.c do_body(): the checks made on every request entry while listing it; null when it passes.
    /// </summary>
    public static string? Problem(NameEntry entry)
    {
        if (entry.Type.Id == "1.2.840.113549.1.9.1" && entry.Tag != NameEntry.Ia5Tag)
            return "\nemailAddress type needs to be of type IA5STRING";
        if (entry.Tag is NameEntry.BmpTag or NameEntry.Utf8Tag) return null;
        var printableType = PrintableType(entry.Data);
        if ((printableType == NameEntry.T61Tag && entry.Tag != NameEntry.T61Tag)
            || (printableType == NameEntry.Ia5Tag && entry.Tag == NameEntry.PrintableTag))
            return "\nThe string contains characters that are illegal for the ASN.1 type";
        return null;
    }

    /// <summary>crypto/asn1/a_print.c ASN1_PRINTABLE_type.</summary>
    private static int PrintableType(byte[] data)
    {
        bool ia5 = false, t61 = false;
        foreach (var c in data)
        {
            var printable = c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || " '()+,-./:=?".Contains((char)c);
            if (!printable) ia5 = true;
            if (c > 127) t61 = true;
        }
        return t61 ? NameEntry.T61Tag : ia5 ? NameEntry.Ia5Tag : NameEntry.PrintableTag;
    }
}
