using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Extensions;

/// <summary>
/// crypto/asn1/asn1_gen.c ASN1_generate_v3(), the part the extension language uses ("ASN1:" values and
/// otherName): optional "FORMAT:ASCII|UTF8|HEX|BITLIST," modifiers, then "TYPE:value". Supported types: BOOLEAN,
/// NULL, INTEGER, ENUMERATED, OBJECT, the string types, OCTET STRING, BIT STRING, SEQUENCE and SET (from a
/// section). Explicit/implicit tagging, the *WRAP forms and the time types are not supported.
/// </summary>
internal static class Asn1Generator
{
    private enum Format { Ascii, Utf8, Hex, BitList }

    // asn1_str2tag(): the names OpenSSL accepts for each universal tag.
    private static readonly Dictionary<string, int> Tags = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["BOOLEAN"] = 1, ["NULL"] = 5, ["INT"] = 2, ["INTEGER"] = 2, ["ENUM"] = 10,
        ["ENUMERATED"] = 10, ["OID"] = 6, ["OBJECT"] = 6, ["OCT"] = 4, ["OCTETSTRING"] = 4, ["BITSTR"] = 3,
        ["BITSTRING"] = 3, ["UNIVERSALSTRING"] = 28, ["UNIV"] = 28, ["IA5"] = 22, ["IA5STRING"] = 22,
        ["UTF8"] = 12, ["UTF8String"] = 12, ["BMP"] = 30, ["BMPSTRING"] = 30, ["VISIBLESTRING"] = 26,
        ["VISIBLE"] = 26, ["PRINTABLESTRING"] = 19, ["PRINTABLE"] = 19, ["T61"] = 20, ["T61STRING"] = 20,
        ["TELETEXSTRING"] = 20, ["GeneralString"] = 27, ["GENSTR"] = 27, ["NUMERIC"] = 18,
        ["NUMERICSTRING"] = 18, ["SEQUENCE"] = 16, ["SEQ"] = 16, ["SET"] = 17,
    };

    // asn1_gen.c ASN1_GEN_SEQ_MAX_DEPTH: a SEQUENCE section that names itself must not recurse forever.
    private const int MaxDepth = 50;

    public static Asn1Encodable Generate(string text, BuildState state, int depth = 0)
    {
        if (depth > MaxDepth) throw new X509V3Exception("illegal nested tagging");
        var format = Format.Ascii;
        var rest = text;
        while (true)
        {
            var colon = rest.IndexOf(':');
            var comma = rest.IndexOf(',');
            var item = (comma >= 0 && (colon < 0 || comma < colon) ? rest[..comma] : rest).Trim();
            var name = colon >= 0 ? rest[..colon].Trim() : item;
            if (name is "FORMAT" or "FORM")
            {
                if (colon < 0) throw new X509V3Exception("unknown format", "format=");
                var end = rest.IndexOf(',', colon);
                var value = (end < 0 ? rest[(colon + 1)..] : rest[(colon + 1)..end]).Trim();
                format = ParseFormat(value);
                rest = end < 0 ? "" : rest[(end + 1)..];
                continue;
            }
            if (!Tags.TryGetValue(name, out var tag))
                throw new X509V3Exception("unknown tag", $"tag={rest.Trim()}").Push("unknown tag");
            return Primitive(tag, colon < 0 ? null : rest[(colon + 1)..], format, state, depth);
        }
    }

    private static Format ParseFormat(string value) => value switch
    {
        "ASCII" => Format.Ascii,
        "UTF8" => Format.Utf8,
        "HEX" => Format.Hex,
        "BITLIST" => Format.BitList,
        _ => throw new X509V3Exception("unknown format", $"format={value}"),
    };

    // asn1_gen.c asn1_str2type(): failures end in "bad_str", which adds "string=VALUE" to the newest error.
    private static Asn1Encodable Primitive(int tag, string? value, Format format, BuildState state, int depth)
    {
        try
        {
            return Construct(tag, value, format, state, depth);
        }
        catch (X509V3Exception e) when (tag is not (16 or 17))
        {
            throw e.AddData($"string={value}");
        }
    }

    private static Asn1Encodable Construct(int tag, string? value, Format format, BuildState state, int depth)
    {
        switch (tag)
        {
            case 5:
                return string.IsNullOrEmpty(value) ? DerNull.Instance : throw new X509V3Exception("illegal null value");
            case 1:
                return Boolean(value);
            case 2 or 10:
                BigInteger number;
                try { number = IntegerEncoder.Parse(value); }
                catch (X509V3Exception e) { throw e.Push("illegal integer"); }
                return tag == 2 ? new DerInteger(number) : new DerEnumerated(number);
            case 6:
                try { return ObjectIdentifierParser.Parse(value ?? ""); }
                catch (X509V3Exception e) { throw e.Push("illegal object"); }
            case 4:
                return new DerOctetString(Bytes(value ?? "", format));
            case 3:
                return format == Format.BitList ? BitStringEncoder.FromBits(BitList(value ?? ""))
                    : new DerBitString(Bytes(value ?? "", format), 0);
            case 16 or 17:
                return Multi(tag, value, state, depth);
            default:
                try { return AsnStringEncoder.Create(tag, value ?? ""); }
                catch (X509V3Exception e) { throw e.Push("malloc failure"); }
        }
    }

    // X509V3_get_value_bool() on a CONF_VALUE without a name, then ASN1_R_ILLEGAL_BOOLEAN.
    private static DerBoolean Boolean(string? value) => value switch
    {
        "TRUE" or "true" or "Y" or "y" or "YES" or "yes" => DerBoolean.True,
        "FALSE" or "false" or "N" or "n" or "NO" or "no" => DerBoolean.False,
        _ => throw new X509V3Exception("invalid boolean string", $"name=<NULL>, value={value ?? "<NULL>"}")
            .Push("illegal boolean"),
    };

    private static byte[] Bytes(string value, Format format) => format switch
    {
        Format.Hex => HexValue(value),
        _ => Encoding.UTF8.GetBytes(value),
    };

    private static byte[] HexValue(string value)
    {
        try { return HexDecoder.Decode(value); }
        catch (X509V3Exception e) { throw e.Push("illegal hex"); }
    }

    private static IEnumerable<int> BitList(string value) => value.Split(',').Select(part =>
        int.TryParse(part.Trim(), out var bit) && bit >= 0 ? bit : throw new X509V3Exception("invalid number"));

    // asn1_multi(): each value of the section is generated; the names are only there to be unique.
    private static Asn1Encodable Multi(int tag, string? section, BuildState state, int depth)
    {
        var values = new Asn1EncodableVector();
        if (!string.IsNullOrEmpty(section))
        {
            var entries = state.Section(section) ?? throw new X509V3Exception("sequence or set needs config section");
            foreach (var entry in entries) values.Add(Generate(entry.Value ?? "", state, depth + 1));
        }
        return tag == 16 ? new DerSequence(values) : new DerSet(values);
    }
}
