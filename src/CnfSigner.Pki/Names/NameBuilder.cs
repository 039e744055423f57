using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Names;

/// <summary>
/// Builds a distinguished name RDN by RDN, as X509_NAME_add_entry with loc = -1 and set = 0 (a new RDN) or
/// set = -1 (join the previous RDN: a multi-valued RDN). The result is the Name's DER structure, so issuers and
/// subjects can be copied byte for byte.
/// </summary>
public sealed class NameBuilder(InputCharset charset, StringTypes globalMask)
{
    private readonly List<List<Asn1Encodable>> _rdns = [];

    public int Count => _rdns.Count;

    /// <summary>Adds one attribute; throws CnfSignerException with OpenSSL's reason when the value does not fit.</summary>
    public void Add(AttributeType type, string value, bool joinPrevious)
    {
        var attribute = new DerSequence(type.Identifier, DirectoryStrings.Encode(type, value, charset, globalMask));
        if (joinPrevious && _rdns.Count > 0) _rdns[^1].Add(attribute);
        else _rdns.Add([attribute]);
    }

    /// <summary>Adds an attribute value that is already encoded (policy rebuilding copies request values as they are).</summary>
    public void AddEncoded(DerObjectIdentifier type, Asn1Encodable value) =>
        _rdns.Add([new DerSequence(type, value)]);

    /// <summary>The Name; SET OF members are sorted by their DER encoding as i2d_X509_NAME does.</summary>
    public X509Name Build() =>
        X509Name.GetInstance(new DerSequence(_rdns.Select(r => (Asn1Encodable)new DerSet(r.ToArray())).ToArray()));

    /// <summary>
    /// The Name as OpenSSL holds it in memory before encoding: each multi-valued RDN in the order its members were
    /// added. X509_NAME_print_ex() walks that order, so `req -text` and `-subject` of a request built from the
    /// config show it; once encoded (and so in a certificate or a file) the members are in DER SET order.
    /// </summary>
    public X509Name BuildInInsertionOrder() =>
        X509Name.GetInstance(new DLSequence(_rdns.Select(r => (Asn1Encodable)new DLSet(r.ToArray())).ToArray()));

    /// <summary>
    /// crypto/x509/v3_utl.c X509V3_NAME_from_section (req with prompt = no): each key names an attribute; anything up
    /// to and including the first '.', ':' or ',' is dropped so a type can repeat ("0.OU", "1.OU"); a leading '+'
    /// joins the previous RDN.
    /// </summary>
    public void AddConfigSection(IEnumerable<KeyValuePair<string, string>> section)
    {
        foreach (var (key, value) in section)
        {
            var typeName = StripInstancePrefix(key);
            var join = typeName.StartsWith('+');
            if (join) typeName = typeName[1..];
            var type = AttributeTypes.Find(typeName)
                ?? throw new CnfSignerException($"unknown object name\ninvalid field name: name={typeName}");
            Add(type, value, join);
        }
    }

    internal static string StripInstancePrefix(string key)
    {
        var at = key.IndexOfAny([':', ',', '.']);
        return at >= 0 && at + 1 < key.Length ? key[(at + 1)..] : key;
    }
}
