using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/x509/v3_cpols.c r2i_certpol(): policy OIDs, "@section" policies with CPS and user notices,
/// and "ia5org" (organization as IA5String in the notices of the policies after it).</summary>
internal static class CertificatePolicies
{
    private const string CpsOid = "1.3.6.1.5.5.7.2.1", UserNoticeOid = "1.3.6.1.5.5.7.2.2";

    public static Asn1Encodable Encode(string value, BuildState state)
    {
        var policies = new Asn1EncodableVector();
        var ia5org = false;
        foreach (var item in ValueList.Parse(value))
        {
            if (item.Value is not null) throw X509V3Exception.WithNameValue("invalid policy identifier", item);
            if (item.Name == "ia5org")
            {
                ia5org = true;
                continue;
            }
            if (item.Name.StartsWith('@'))
            {
                var section = state.Section(item.Name[1..]) ?? throw new X509V3Exception("invalid section", item.Name);
                policies.Add(PolicySection(section, ia5org, state));
            }
            else
            {
                try { policies.Add(new DerSequence(ObjectIdentifierParser.Parse(item.Name))); }
                catch (X509V3Exception e) { throw e.Push("invalid object identifier", item.Name); }
            }
        }
        return new DerSequence(policies);
    }

    // policy_section()
    private static DerSequence PolicySection(List<ConfValue> section, bool ia5org, BuildState state)
    {
        DerObjectIdentifier? policy = null;
        var qualifiers = new Asn1EncodableVector();
        foreach (var v in section)
        {
            if (v.Name == "policyIdentifier")
            {
                try { policy = ObjectIdentifierParser.Parse(v.Value ?? ""); }
                catch (X509V3Exception e) { throw e.Push("invalid object identifier").AddData(ConfErr(v)); }
            }
            else if (ValueList.NameIs(v.Name, "CPS"))
                qualifiers.Add(new DerSequence(new DerObjectIdentifier(CpsOid), new DerIA5String(v.Value ?? "")));
            else if (ValueList.NameIs(v.Name, "userNotice"))
                qualifiers.Add(UserNotice(v, ia5org, state));
            else
                throw X509V3Exception.WithConfErr("invalid option", v);
        }
        // OpenSSL 3.0 has no "no policy identifier" check: encoding the empty OBJECT fails with these two lines.
        if (policy is null) throw new X509V3Exception("illegal zero content").Push("malloc failure");
        return qualifiers.Count == 0 ? new DerSequence(policy) : new DerSequence(policy, new DerSequence(qualifiers));
    }

    private static string ConfErr(ConfValue v) => $"section:{v.Section},name:{v.Name},value:{v.Value}";

    private static DerSequence UserNotice(ConfValue v, bool ia5org, BuildState state)
    {
        if (v.Value is null || !v.Value.StartsWith('@')) throw X509V3Exception.WithConfErr("expected a section name", v);
        var section = state.Section(v.Value[1..]) ?? throw X509V3Exception.WithConfErr("invalid section", v);
        return new DerSequence(new DerObjectIdentifier(UserNoticeOid), NoticeSection(section, ia5org));
    }

    // notice_section(): explicitText, organization, noticeNumbers.
    private static DerSequence NoticeSection(List<ConfValue> section, bool ia5org)
    {
        Asn1Encodable? text = null, organization = null;
        Asn1EncodableVector? numbers = null;
        foreach (var v in section)
        {
            var value = v.Value ?? "";
            if (v.Name == "explicitText") text = DisplayText(value);
            else if (v.Name == "organization")
                organization = ia5org ? new DerIA5String(value) : new DerVisibleString(value);
            else if (v.Name == "noticeNumbers") (numbers ??= []).AddAll(NoticeNumbers(v));
            else throw X509V3Exception.WithNameValue("invalid option", v);
        }
        var notice = new Asn1EncodableVector();
        if (organization is not null || numbers is not null)
        {
            // OpenSSL 3.0 encodes numbers without an organization as an invalid tag; refuse it as later
            // OpenSSL releases do.
            if (organization is null) throw new X509V3Exception("need organization and numbers");
            notice.Add(new DerSequence(organization, new DerSequence(numbers ?? [])));
        }
        notice.AddOptional(text);
        return new DerSequence(notice);
    }

    private static Asn1EncodableVector NoticeNumbers(ConfValue v)
    {
        List<ConfValue> items;
        try { items = ValueList.Parse(v.Value ?? ""); }
        catch (X509V3Exception e) { throw e.Push("invalid numbers").AddData($"name={v.Name}, value={v.Value}"); }
        var numbers = new Asn1EncodableVector();
        foreach (var item in items)
        {
            try { numbers.Add(new DerInteger(IntegerEncoder.Parse(item.Name))); }
            catch (X509V3Exception e) { throw e.Push("invalid number"); }
        }
        return numbers;
    }

    // OpenSSL copies the text's bytes unconverted under the BMPString tag ("Hi" is 1E 02 48 69); byte pairs
    // packed into UTF-16 code units give the same DER. An odd byte count cannot be a BMPString at all.
    private static DerBmpString RawBmp(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length % 2 != 0) throw new X509V3Exception("illegal characters", "odd length BMPString");
        return new DerBmpString(new string(bytes.Chunk(2).Select(p => (char)(p[0] << 8 | p[1])).ToArray()));
    }

    // displaytext_str2tag(): an optional "UTF8:", "UTF8String:", "BMP:", "BMPSTRING:", "VISIBLE:" or
    // "VISIBLESTRING:" prefix; VisibleString otherwise.
    private static Asn1Encodable DisplayText(string value)
    {
        var colon = value.IndexOf(':');
        var prefix = colon < 0 ? "" : value[..colon];
        var rest = colon < 0 ? value : value[(colon + 1)..];
        return prefix switch
        {
            "UTF8" or "UTF8String" => new DerUtf8String(rest),
            "BMP" or "BMPSTRING" => RawBmp(rest),
            "VISIBLE" or "VISIBLESTRING" => new DerVisibleString(rest),
            _ => new DerVisibleString(value),
        };
    }
}
