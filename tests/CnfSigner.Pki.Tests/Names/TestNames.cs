using System.Text;

namespace CnfSigner.Pki.Tests.Names;

/// <summary>Builds a Name's DER by hand so each test controls string types and bytes exactly.</summary>
internal static class TestNames
{
    public const int Utf8String = 12, PrintableString = 19, T61String = 20, Ia5String = 22, BmpString = 30;

    private static readonly Dictionary<string, string> Oids = new()
    {
        ["C"] = "2.5.4.6", ["ST"] = "2.5.4.8", ["L"] = "2.5.4.7", ["O"] = "2.5.4.10", ["OU"] = "2.5.4.11",
        ["CN"] = "2.5.4.3", ["emailAddress"] = "1.2.840.113549.1.9.1", ["DC"] = "0.9.2342.19200300.100.1.25",
        ["UID"] = "0.9.2342.19200300.100.1.1",
    };

    /// <summary>RDNs, each a list of (attribute, string tag, value as UTF-8 or raw bytes).</summary>
    public static byte[] Name(params (string Type, int Tag, object Value)[][] rdns)
    {
        var body = new List<byte>();
        foreach (var rdn in rdns)
        {
            var set = new List<byte>();
            foreach (var (type, tag, value) in rdn)
            {
                var bytes = value as byte[] ?? (tag == BmpString ? Encoding.BigEndianUnicode.GetBytes((string)value) : Encoding.UTF8.GetBytes((string)value));
                set.AddRange(Tlv(0x30, [.. Tlv(0x06, Oid(Oids.GetValueOrDefault(type, type))), .. Tlv((byte)tag, bytes)]));
            }
            body.AddRange(Tlv(0x31, set.ToArray()));
        }
        return Tlv(0x30, body.ToArray());
    }

    public static byte[] Single(string type, string value, int tag = Utf8String) => Name([(type, tag, value)]);

    private static byte[] Oid(string dotted)
    {
        var arcs = dotted.Split('.').Select(long.Parse).ToArray();
        var bytes = new List<byte> { (byte)(arcs[0] * 40 + arcs[1]) };
        foreach (var arc in arcs.Skip(2))
        {
            var chunk = new Stack<byte>();
            var v = arc;
            chunk.Push((byte)(v & 0x7F));
            while ((v >>= 7) > 0) chunk.Push((byte)(0x80 | (v & 0x7F)));
            bytes.AddRange(chunk);
        }
        return bytes.ToArray();
    }

    private static byte[] Tlv(byte tag, byte[] content) =>
        content.Length < 0x80 ? [tag, (byte)content.Length, .. content] : [tag, 0x81, (byte)content.Length, .. content];
}
