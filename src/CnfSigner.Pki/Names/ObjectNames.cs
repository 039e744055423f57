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

    /// <summary>OBJ_sn2nid() != NID_undef: extension names are looked up by short name only.</summary>
    public static bool IsShortName(string name) => ByName.Short.ContainsKey(name);

    /// <summary>The dotted OID of a short name, when OpenSSL gives that object an OID.</summary>
    public static string? OidOfShortName(string name) => ByName.Short.GetValueOrDefault(name);

    /// <summary>OBJ_txt2obj()'s name lookup: the dotted OID of a short name, else of a long name.</summary>
    public static string? OidOfName(string name) =>
        ByName.Short.GetValueOrDefault(name) ?? ByName.Long.GetValueOrDefault(name);

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

    // OBJ_sn2nid / OBJ_ln2nid over the same table. "UNDEF" / "undefined" is NID_undef: looking it up means
    // "not found". A nested class, so the indexes are built after Table (field initializers in the parts of a
    // partial class run in no defined order).
    private static class ByName
    {
        public static readonly Dictionary<string, string> Short = Index(n => n.Short);
        public static readonly Dictionary<string, string> Long = Index(n => n.Long);

        private static Dictionary<string, string> Index(Func<ObjectName, string?> key)
        {
            var index = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (oid, name) in Table)
                if (oid != "0" && key(name) is { } k) index.TryAdd(k, oid);
            return index;
        }
    }
}
