using System.Text;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// One GeneralName as crypto/x509/v3_ncons.c compares it: its CHOICE tag, the IA5 bytes of a DNS name, e-mail
/// address or URI, the octets of an IP address (with the mask for a constraint), the canonical encoding of a
/// directory name (x509_name_canon()), or the type and value of an otherName.
/// </summary>
public sealed record NameForm(int Type, byte[] Bytes, DerObjectIdentifier? OtherType = null, Asn1Object? OtherValue = null)
{
    /// <summary>NID_id_on_SmtpUTF8Mailbox (RFC 8398): an internationalised e-mail address in an otherName.</summary>
    public const string SmtpUtf8MailboxOid = "1.3.6.1.5.5.7.8.9";

    /// <summary>
    /// nc_match(): an SmtpUTF8Mailbox otherName is matched against rfc822Name constraints (RFC 8398 section 6).
    /// </summary>
    public int EffectiveType =>
        Type == GeneralName.OtherName && OtherType?.Id == SmtpUtf8MailboxOid ? GeneralName.Rfc822Name : Type;

    public static NameForm From(GeneralName name)
    {
        var value = name.Name.ToAsn1Object();
        switch (name.TagNo)
        {
            case GeneralName.DnsName or GeneralName.Rfc822Name or GeneralName.UniformResourceIdentifier:
                return new NameForm(name.TagNo, StringBytes(value));
            case GeneralName.IPAddress:
                return new NameForm(name.TagNo, Asn1OctetString.GetInstance(value).GetOctets());
            case GeneralName.DirectoryName:
                return new NameForm(name.TagNo, CanonicalName.Encode(X509Name.GetInstance(value)));
            case GeneralName.OtherName:
                var other = Asn1Sequence.GetInstance(value);
                var content = Asn1TaggedObject.GetInstance(other[1]).GetExplicitBaseObject().ToAsn1Object();
                return new NameForm(name.TagNo, [], DerObjectIdentifier.GetInstance(other[0]), content);
            default:
                return new NameForm(name.TagNo, []);
        }
    }

    /// <summary>The content octets of an ASN.1 string (IA5 bytes stay as they are; UTF8String stays UTF-8).</summary>
    public static byte[] StringBytes(Asn1Object value) => value switch
    {
        DerUtf8String utf8 => Encoding.UTF8.GetBytes(utf8.GetString()),
        IAsn1String s => Encoding.Latin1.GetBytes(s.GetString()),
        Asn1OctetString octets => octets.GetOctets(),
        _ => [],
    };
}

/// <summary>
/// A nameConstraints extension (crypto/x509/v3_ncons.c NAME_CONSTRAINTS): permitted and excluded subtrees in
/// certificate order. A subtree whose minimum is not 0 or that has a maximum is kept: OpenSSL only rejects it
/// (nc_minmax_valid()) when a name of its type is checked.
/// </summary>
public sealed record NameConstraintSet(IReadOnlyList<Subtree> Permitted, IReadOnlyList<Subtree> Excluded)
{
    /// <summary>Decodes the extension value; throws the usual BouncyCastle exceptions when it is malformed.</summary>
    public static NameConstraintSet Parse(Asn1Object value)
    {
        List<Subtree> permitted = [], excluded = [];
        foreach (var element in Asn1Sequence.GetInstance(value))
        {
            var tagged = Asn1TaggedObject.GetInstance(element);
            var target = tagged.TagNo switch
            {
                0 => permitted,
                1 => excluded,
                _ => throw new ArgumentException("unexpected tag in NameConstraints"),
            };
            foreach (var subtree in Asn1Sequence.GetInstance(tagged, false)) target.Add(Subtree.Parse(subtree));
        }
        return new NameConstraintSet(permitted, excluded);
    }
}

/// <summary>One GeneralSubtree: its base name and whether minimum/maximum are as OpenSSL supports them.</summary>
public sealed record Subtree(NameForm Base, bool MinMaxValid)
{
    internal static Subtree Parse(Asn1Encodable element)
    {
        var sequence = Asn1Sequence.GetInstance(element);
        var baseName = NameForm.From(GeneralName.GetInstance(sequence[0]));
        var valid = true;
        for (var i = 1; i < sequence.Count; i++)
        {
            var tagged = Asn1TaggedObject.GetInstance(sequence[i]);
            // v3_ncons.c nc_minmax_valid(): a maximum is never supported, a minimum only when it is 0
            if (tagged.TagNo != 0 || DerInteger.GetInstance(tagged, false).Value.SignValue != 0) valid = false;
        }
        return new Subtree(baseName, valid);
    }
}
