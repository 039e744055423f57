using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using static CnfSigner.Pki.Verify.VerifyErrors;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// crypto/x509/v3_ncons.c of OpenSSL 3.0: NAME_CONSTRAINTS_check() (the subject, its emailAddress attributes and
/// every subjectAltName entry) and NAME_CONSTRAINTS_check_CN() (commonNames that look like host names, against
/// DNS subtrees). Results are X509_V_ERR_* numbers, <see cref="VerifyErrors.Ok"/> when the names obey.
/// </summary>
public static class NameConstraints
{
    private const string CommonNameOid = "2.5.4.3", EmailAddressOid = "1.2.840.113549.1.9.1";
    // v3_ncons.c NAME_CHECK_MAX: names times constraints above this is refused as too expensive
    private const int NameCheckMax = 1 << 20;

    public static int Check(CertificateFacts x, NameConstraintSet nc)
    {
        var entries = SubjectEntries(x).ToList();
        var names = x.AltNames ?? [];
        long nameCount = entries.Count + names.Length, constraintCount = nc.Permitted.Count + nc.Excluded.Count;
        if (nameCount > 0 && constraintCount > NameCheckMax / nameCount) return Unspecified;

        if (entries.Count > 0)
        {
            var r = Match(new NameForm(GeneralName.DirectoryName, x.SubjectCanon), nc);
            if (r != Ok) return r;
            foreach (var (_, value) in entries.Where(e => e.Type == EmailAddressOid))
            {
                if (value is not DerIA5String) return UnsupportedNameSyntax;
                r = Match(new NameForm(GeneralName.Rfc822Name, NameForm.StringBytes(value)), nc);
                if (r != Ok) return r;
            }
        }
        foreach (var name in names)
        {
            var r = Match(NameForm.From(name), nc);
            if (r != Ok) return r;
        }
        return Ok;
    }

    /// <summary>NAME_CONSTRAINTS_check_CN(): each commonName that looks like a host name, as a DNS name.</summary>
    public static int CheckCommonName(CertificateFacts x, NameConstraintSet nc)
    {
        foreach (var (_, value) in SubjectEntries(x).Where(e => e.Type == CommonNameOid))
        {
            var r = DnsIdOf(value, out var dnsId);
            if (r != Ok) return r;
            if (dnsId == null) continue;
            r = Match(new NameForm(GeneralName.DnsName, dnsId), nc);
            if (r != Ok) return r;
        }
        return Ok;
    }

    /// <summary>
    /// nc_match(): permitted subtrees of the name's type must hold at least one match, then no excluded
    /// subtree of its type may match. A subtree with a minimum or maximum fails as soon as it is looked at.
    /// </summary>
    private static int Match(NameForm name, NameConstraintSet nc)
    {
        var match = 0;
        foreach (var sub in nc.Permitted)
        {
            if (!SameKind(name, sub.Base)) continue;
            if (!sub.MinMaxValid) return SubtreeMinMax;
            if (match == 2) continue;
            match = 1;
            var r = MatchSingle(name, sub.Base);
            if (r == Ok) match = 2;
            else if (r != PermittedViolation) return r;
        }
        if (match == 1) return PermittedViolation;
        foreach (var sub in nc.Excluded)
        {
            if (!SameKind(name, sub.Base)) continue;
            if (!sub.MinMaxValid) return SubtreeMinMax;
            var r = MatchSingle(name, sub.Base);
            if (r == Ok) return ExcludedViolation;
            if (r != PermittedViolation) return r;
        }
        return Ok;
    }

    private static bool SameKind(NameForm name, NameForm subtree)
    {
        var type = name.EffectiveType;
        return type == subtree.Type && (type != GeneralName.OtherName || name.OtherType!.Equals(subtree.OtherType));
    }

    // nc_match_single(): x400Address, ediPartyName, registeredID and other otherNames cannot be compared
    private static int MatchSingle(NameForm name, NameForm subtree) => name.Type switch
    {
        GeneralName.OtherName when name.EffectiveType == GeneralName.Rfc822Name => NameMatch.EmailEai(name.OtherValue, subtree.Bytes),
        GeneralName.DirectoryName => NameMatch.Dn(name.Bytes, subtree.Bytes),
        GeneralName.DnsName => NameMatch.Dns(name.Bytes, subtree.Bytes),
        GeneralName.Rfc822Name => NameMatch.Email(name.Bytes, subtree.Bytes),
        GeneralName.UniformResourceIdentifier => NameMatch.Uri(name.Bytes, subtree.Bytes),
        GeneralName.IPAddress => NameMatch.Ip(name.Bytes, subtree.Bytes),
        _ => UnsupportedConstraintType,
    };

    /// <summary>
    /// cn2dnsid(): the commonName as UTF-8 when it has the syntax of a host name with at least two labels
    /// ('_' allowed), else null; an embedded NUL is an error.
    /// </summary>
    private static int DnsIdOf(Asn1Object cn, out byte[]? dnsId)
    {
        dnsId = null;
        // ASN1_STRING_to_UTF8(); BouncyCastle shows a UniversalString as "#hex", so it is decoded here
        var utf8 = cn switch
        {
            DerUniversalString u => Encoding.UTF8.GetBytes(new UTF32Encoding(true, false).GetString(u.GetOctets())),
            IAsn1String s => Encoding.UTF8.GetBytes(s.GetString()),
            _ => [],
        };
        var length = utf8.Length;
        while (length > 0 && utf8[length - 1] == 0) length--;
        if (Array.IndexOf(utf8, (byte)0, 0, length) >= 0) return UnsupportedNameSyntax;
        var isDnsName = false;
        for (var i = 0; i < length; i++)
        {
            var c = utf8[i];
            if (char.IsAsciiLetterOrDigit((char)c) || c == '_') continue;
            if (i > 0 && i < length - 1)
            {
                if (c == '-') continue;
                if (c == '.' && utf8[i + 1] != '.' && utf8[i - 1] != '-' && utf8[i + 1] != '-')
                {
                    isDnsName = true;
                    continue;
                }
            }
            isDnsName = false;
            break;
        }
        if (isDnsName) dnsId = utf8[..length];
        return Ok;
    }

    // X509_NAME_get_index_by_NID() walks the entries of every RDN in order
    private static IEnumerable<(string Type, Asn1Object Value)> SubjectEntries(CertificateFacts x)
    {
        foreach (var rdn in Asn1Sequence.GetInstance(x.Subject.ToAsn1Object()))
        foreach (var element in Asn1Set.GetInstance(rdn))
        {
            var entry = Asn1Sequence.GetInstance(element);
            yield return (DerObjectIdentifier.GetInstance(entry[0]).Id, entry[1].ToAsn1Object());
        }
    }
}
