using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_san.c: GeneralName values ("DNS:x", "IP:1.2.3.4", "dirName:sect", ...) and the
/// subjectAltName / issuerAltName lists.</summary>
internal static class GeneralNamesEncoder
{
    private const int OtherName = 0, Email = 1, Dns = 2, DirName = 4, Uri = 6, Ip = 7, Rid = 8;

    /// <summary>v2i_GENERAL_NAME_ex(): the type comes from the item's name (DNS.1 is DNS).</summary>
    public static Asn1Encodable FromConf(ConfValue cnf, BuildState state, bool nameConstraint = false)
    {
        if (cnf.Value is null) throw new X509V3Exception("missing value");
        int type;
        if (ValueList.NameIs(cnf.Name, "email")) type = Email;
        else if (ValueList.NameIs(cnf.Name, "URI")) type = Uri;
        else if (ValueList.NameIs(cnf.Name, "DNS")) type = Dns;
        else if (ValueList.NameIs(cnf.Name, "RID")) type = Rid;
        else if (ValueList.NameIs(cnf.Name, "IP")) type = Ip;
        else if (ValueList.NameIs(cnf.Name, "dirName")) type = DirName;
        else if (ValueList.NameIs(cnf.Name, "otherName")) type = OtherName;
        else throw new X509V3Exception("unsupported option", $"name={cnf.Name}");
        return Tagged(type, Create(type, cnf.Value, state, nameConstraint));
    }

    /// <summary>GENERAL_NAME encoding: every choice is IMPLICIT except directoryName (a CHOICE itself).</summary>
    public static Asn1Encodable Tagged(int type, Asn1Encodable value) => new DerTaggedObject(type == DirName, type, value);

    public static Asn1Encodable EmailName(string address) => Tagged(Email, new DerIA5String(address));

    // a2i_GENERAL_NAME()
    private static Asn1Encodable Create(int type, string value, BuildState state, bool nameConstraint)
    {
        switch (type)
        {
            case Email or Dns or Uri:
                return new DerIA5String(value);
            case Rid:
                try { return ObjectIdentifierParser.Parse(value); }
                catch (X509V3Exception e) { throw e.Push("bad object", $"value={value}"); }
            case Ip:
                var ip = nameConstraint ? IpAddress.ParseWithMask(value) : IpAddress.Parse(value);
                return ip is null ? throw new X509V3Exception("bad ip address", $"value={value}") : new DerOctetString(ip);
            case DirName:
                var section = state.Section(value)
                    ?? throw new X509V3Exception("section not found", $"section={value}").Push("dirname error");
                try { return DirectoryName.FromSection(section); }
                catch (X509V3Exception e) { throw e.Push("dirname error"); }
            default:
                return OtherNameValue(value, state);
        }
    }

    // do_othername(): "OID;TYPE:value", the value made by ASN1_generate_v3() before the OID is looked up.
    private static Asn1Encodable OtherNameValue(string value, BuildState state)
    {
        var semicolon = value.IndexOf(';');
        if (semicolon < 0) throw new X509V3Exception("othername error");
        try
        {
            var inner = Asn1Generator.Generate(value[(semicolon + 1)..], state);
            var oid = ObjectIdentifierParser.Parse(value[..semicolon]);
            return new DerSequence(oid, new DerTaggedObject(true, 0, inner));
        }
        catch (X509V3Exception e)
        {
            throw e.Push("othername error");
        }
    }

    /// <summary>v2i_GENERAL_NAMES(): every item is a general name.</summary>
    public static List<Asn1Encodable> List(IEnumerable<ConfValue> values, BuildState state) =>
        values.Select(v => FromConf(v, state)).ToList();

    /// <summary>v2i_subject_alt(): email:copy / email:move add the subject's emailAddress values.</summary>
    public static DerSequence SubjectAltName(List<ConfValue> values, BuildState state)
    {
        var names = new Asn1EncodableVector();
        foreach (var v in values)
        {
            if (ValueList.NameIs(v.Name, "email") && v.Value is "copy" or "move")
                // copy_email(): OpenSSL's "move" also deletes the addresses from the certificate's subject;
                // that is the caller's business (the subject is not ours to change).
                foreach (var address in state.Context.Subject.GetValueList(X509Name.EmailAddress))
                    names.Add(EmailName(address));
            else
                names.Add(FromConf(v, state));
        }
        return new DerSequence(names);
    }

    /// <summary>v2i_issuer_alt(): issuer:copy appends the issuer certificate's subjectAltName entries.</summary>
    public static DerSequence IssuerAltName(List<ConfValue> values, BuildState state)
    {
        var names = new Asn1EncodableVector();
        foreach (var v in values)
        {
            if (ValueList.NameIs(v.Name, "issuer") && v.Value == "copy")
                names.AddAll(IssuerSubjectAltNames(state));
            else
                names.Add(FromConf(v, state));
        }
        return new DerSequence(names);
    }

    // copy_issuer(): a certificate without subjectAltName contributes nothing.
    private static Asn1EncodableVector IssuerSubjectAltNames(BuildState state)
    {
        var context = state.Context;
        if (context.ForRequest) throw new X509V3Exception("no issuer details");
        var der = context.IssuerCertificate is { } issuer
            ? issuer.GetExtensionValue(X509Extensions.SubjectAlternativeName)?.GetOctets()
            : state.Built.FirstOrDefault(e => e.Oid.Equals(X509Extensions.SubjectAlternativeName))?.Value;
        if (der is null) return [];
        try
        {
            return [.. Asn1Sequence.GetInstance(der)];
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            throw new X509V3Exception("issuer decode error");
        }
    }
}
