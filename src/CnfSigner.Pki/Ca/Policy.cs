using System.Text;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// apps/ca.c do_body(): the subject is rebuilt from the policy section. Policy keys are walked in stored order;
/// for each, every request entry of that type is taken in request order; types the policy does not name are
/// dropped. optional: copied if present; supplied: must be present; match: must equal (type and bytes) some
/// value of that type in the CA subject, and the CA's entry is used. Each RDN of the result is single-valued.
/// </summary>
public static class Policy
{
    public static X509Name Apply(IReadOnlyList<KeyValuePair<string, string>> policy, X509Name request, X509Name caSubject)
    {
        var requestEntries = NameEntries.Of(request);
        var caEntries = NameEntries.Of(caSubject);
        var builder = new NameBuilder(InputCharset.Utf8, StringTypes.Utf8);
        foreach (var (field, rule) in policy)
        {
            var type = AttributeTypes.Find(field)
                ?? throw new CnfSignerException($"{field}:unknown object type in 'policy' configuration\nunknown object name");
            var present = requestEntries.Where(e => e.Type.Equals(type.Identifier)).ToList();
            switch (rule)
            {
                case "optional":
                    break;
                case "supplied":
                    if (present.Count == 0) throw new CnfSignerException($"The {field} field needed to be supplied and was missing");
                    break;
                case "match":
                    present = present.Select(e => Match(field, e, caEntries)).ToList();
                    if (present.Count == 0) throw new CnfSignerException($"The mandatory {field} field was missing");
                    break;
                default:
                    throw new CnfSignerException($"{rule}:invalid type in 'policy' configuration");
            }
            foreach (var e in present) builder.AddEncoded(e.Type, e.Value);
        }
        return builder.Build();
    }

    private static NameEntry Match(string field, NameEntry requested, IReadOnlyList<NameEntry> caEntries)
    {
        var candidates = caEntries.Where(c => c.Type.Equals(requested.Type)).ToList();
        if (candidates.Count == 0)
            throw new CnfSignerException($"The {field} field does not exist in the CA certificate,\nthe 'policy' is misconfigured");
        return candidates.FirstOrDefault(c => c.SameValue(requested))
            ?? throw new CnfSignerException(
                $"The {field} field is different between\nCA certificate ({Latin1(candidates[^1].Data)}) and the request ({Latin1(requested.Data)})");
    }

    private static string Latin1(byte[] data) => Encoding.Latin1.GetString(data);

    /// <summary>-noemailDN / email_in_dn = no: the subject without its emailAddress entries.</summary>
    public static X509Name WithoutEmail(X509Name subject)
    {
        var builder = new NameBuilder(InputCharset.Utf8, StringTypes.Utf8);
        foreach (var e in NameEntries.Of(subject).Where(e => e.Type.Id != "1.2.840.113549.1.9.1"))
            builder.AddEncoded(e.Type, e.Value);
        return builder.Build();
    }
}
