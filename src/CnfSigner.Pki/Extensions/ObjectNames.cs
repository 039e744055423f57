using System.Numerics;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>OpenSSL's object name lookups (crypto/objects/obj_dat.c) over the table generated from obj_mac.h.</summary>
internal static class ObjectNames
{
    // OBJ_sn2nid / OBJ_ln2nid over the one object table (Names.ObjectNames, generated from obj_mac.h).
    // "UNDEF" / "undefined" is NID_undef: looking it up means "not found".
    private static readonly Dictionary<string, string> BySn = Index(n => n.Short);
    private static readonly Dictionary<string, string> ByLn = Index(n => n.Long);

    private static Dictionary<string, string> Index(Func<Names.ObjectName, string?> key)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (oid, name) in Names.ObjectNames.All)
            if (oid != "0" && key(name) is { } k) index.TryAdd(k, oid);
        return index;
    }

    /// <summary>OBJ_sn2nid() != NID_undef: extension names are looked up by short name only.</summary>
    public static bool IsShortName(string name) => BySn.ContainsKey(name);

    /// <summary>The dotted OID of a short name, when OpenSSL gives that object an OID.</summary>
    public static string? OidOfShortName(string name) => BySn.GetValueOrDefault(name);

    /// <summary>
    /// OBJ_txt2obj(text, 0): a short name, a long name, else a numeric OID (crypto/asn1/a_object.c
    /// a2d_ASN1_OBJECT()). Throws with OpenSSL's reason when the text is neither.
    /// </summary>
    public static DerObjectIdentifier TxtToObj(string text)
    {
        if (BySn.TryGetValue(text, out var oid) || ByLn.TryGetValue(text, out oid))
            return new DerObjectIdentifier(oid);
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]))
            throw new X509V3Exception("unknown object name");
        return new DerObjectIdentifier(ParseNumeric(text));
    }

    private static string ParseNumeric(string text)
    {
        var first = text[0] - '0';
        if (first > 2) throw new X509V3Exception("first num too large");
        if (text.Length == 1) throw new X509V3Exception("missing second number");
        var arcs = new List<BigInteger> { first };
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] is not ('.' or ' ')) throw new X509V3Exception("invalid separator");
            i++;
            var arc = BigInteger.Zero;
            for (; i < text.Length && text[i] is not ('.' or ' '); i++)
            {
                if (!char.IsAsciiDigit(text[i])) throw new X509V3Exception("invalid digit");
                arc = arc * 10 + (text[i] - '0');
            }
            if (arcs.Count == 1 && first < 2 && arc >= 40) throw new X509V3Exception("second number too large");
            arcs.Add(arc);
        }
        if (arcs.Count < 2) throw new X509V3Exception("missing second number");
        return string.Join('.', arcs);
    }
}
