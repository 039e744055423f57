using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Names;

/// <summary>One attribute of a Name as it is encoded: its type, the string's universal tag and content bytes.</summary>
public sealed record NameEntry(DerObjectIdentifier Type, int Tag, byte[] Data, Asn1Encodable Value, int RdnIndex)
{
    public const int Utf8Tag = 12, PrintableTag = 19, T61Tag = 20, Ia5Tag = 22, UniversalTag = 28, BmpTag = 30;

    /// <summary>ASN1_STRING_cmp: same length, same type, same bytes.</summary>
    public bool SameValue(NameEntry other) => Tag == other.Tag && Data.AsSpan().SequenceEqual(other.Data);
}

public static class NameEntries
{
    /// <summary>The entries of a Name in encoded order (X509_NAME_get_entry order), read from its DER.</summary>
    public static IReadOnlyList<NameEntry> Of(X509Name name)
    {
        var entries = new List<NameEntry>();
        var rdns = Asn1Sequence.GetInstance(name.ToAsn1Object());
        for (var r = 0; r < rdns.Count; r++)
        {
            foreach (var member in Asn1Set.GetInstance(rdns[r]))
            {
                var atv = Asn1Sequence.GetInstance(member);
                var value = atv[1];
                var der = value.ToAsn1Object().GetEncoded();
                entries.Add(new NameEntry(DerObjectIdentifier.GetInstance(atv[0]), der[0] & 0x1F, ContentOf(der), value, r));
            }
        }
        return entries;
    }

    /// <summary>The contents octets of a DER TLV (single-byte tag).</summary>
    internal static byte[] ContentOf(byte[] der)
    {
        int length = der[1], offset = 2;
        if ((length & 0x80) != 0)
        {
            var count = length & 0x7F;
            length = 0;
            for (var i = 0; i < count; i++) length = (length << 8) | der[2 + i];
            offset = 2 + count;
        }
        return der.AsSpan(offset, length).ToArray();
    }

    /// <summary>OBJ_obj2txt(no_name = 0): the long name if OpenSSL knows the type, else the dotted OID.</summary>
    public static string LongName(DerObjectIdentifier type) =>
        AttributeTypes.FindByOid(type.Id)?.LongName ?? type.Id;
}
