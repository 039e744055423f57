using System.Numerics;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>OpenSSL's object name lookups (crypto/objects/obj_dat.c) over the table generated from obj_mac.h.</summary>
internal static partial class ObjectNames
{
    // Lazy: the generated Table lives in another part of this partial class, whose static initialisers may run
    // after these would.
    private static readonly Lazy<Dictionary<string, (string? Sn, string? Ln, string? Oid)>> SnIndex = new(() => Index(e => e.Sn));
    private static readonly Lazy<Dictionary<string, (string? Sn, string? Ln, string? Oid)>> LnIndex = new(() => Index(e => e.Ln));

    private static Dictionary<string, (string? Sn, string? Ln, string? Oid)> BySn => SnIndex.Value;

    private static Dictionary<string, (string? Sn, string? Ln, string? Oid)> ByLn => LnIndex.Value;

    private static Dictionary<string, (string? Sn, string? Ln, string? Oid)> Index(
        Func<(string? Sn, string? Ln, string? Oid), string?> key)
    {
        var index = new Dictionary<string, (string? Sn, string? Ln, string? Oid)>(StringComparer.Ordinal);
        // Entry 0 is NID_undef: OBJ_sn2nid("UNDEF") yields NID_undef, i.e. "not found".
        foreach (var entry in Table.Skip(1))
            if (key(entry) is { } k) index.TryAdd(k, entry);
        return index;
    }

    /// <summary>OBJ_sn2nid() != NID_undef: extension names are looked up by short name only.</summary>
    public static bool IsShortName(string name) => BySn.ContainsKey(name);

    /// <summary>The dotted OID of a short name, when OpenSSL gives that object an OID.</summary>
    public static string? OidOfShortName(string name) => BySn.TryGetValue(name, out var e) ? e.Oid : null;

    /// <summary>
    /// OBJ_txt2obj(text, 0): a short name, a long name, else a numeric OID (crypto/asn1/a_object.c
    /// a2d_ASN1_OBJECT()). Throws with OpenSSL's reason when the text is neither.
    /// </summary>
    public static DerObjectIdentifier TxtToObj(string text)
    {
        if (BySn.TryGetValue(text, out var e) || ByLn.TryGetValue(text, out e))
            return e.Oid is null ? throw new X509V3Exception("unknown object name") : new DerObjectIdentifier(e.Oid);
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
