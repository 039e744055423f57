using System.Text;

namespace CnfSigner.Pki.Names;

/// <summary>OpenSSL's short and long name of an object; either may be missing in obj_mac.h.</summary>
public sealed record ObjectName(string? Short, string? Long)
{
    // crypto/objects/objects.pl: an object defined with only one name uses it for both.
    public string ShortName => Short ?? Long!;
    public string LongName => Long ?? Short!;
}

/// <summary>OpenSSL's object table: OBJ_nid2sn, OBJ_nid2ln and OBJ_obj2txt for dotted OIDs.</summary>
public static partial class ObjectNames
{
    public static ObjectName? Find(string oid) => Table.GetValueOrDefault(oid);

    /// <summary>Every object with an OID, for lookups by name (OBJ_sn2nid, OBJ_ln2nid).</summary>
    internal static IEnumerable<KeyValuePair<string, ObjectName>> All => Table;

    /// <summary>crypto/objects/obj_dat.c OBJ_obj2txt(no_name = 0): the long name, else the dotted form.</summary>
    public static string Text(string oid) => Find(oid)?.LongName ?? oid;

    /// <summary>OBJ_nid2sn, else the dotted form (X509_NAME_oneline falls back to i2t_ASN1_OBJECT).</summary>
    public static string Short(string oid) => Find(oid)?.ShortName ?? oid;

    /// <summary>Dotted form of the content octets of an OBJECT IDENTIFIER.</summary>
    public static string Dotted(ReadOnlySpan<byte> content)
    {
        var text = new StringBuilder();
        System.Numerics.BigInteger value = 0;
        var first = true;
        foreach (var b in content)
        {
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) != 0) continue;
            if (first)
            {
                var arc = value < 40 ? 0 : value < 80 ? 1 : 2;
                text.Append(arc).Append('.').Append(value - 40 * arc);
                first = false;
            }
            else text.Append('.').Append(value);
            value = 0;
        }
        return text.ToString();
    }
}
