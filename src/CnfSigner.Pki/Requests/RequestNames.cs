using CnfSigner.Config;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CnfSigner.Pki.Requests;

/// <summary>The subject and attributes of a new request, from -subj or the config (apps/req.c make_REQ).</summary>
public sealed record RequestNameInput(
    CnfDocument Config,
    string Section,
    bool Prompt,
    bool Batch,
    InputCharset Charset,
    StringTypes Mask,
    bool WithAttributes,
    TextReader In,
    TextWriter Err);

public static class RequestNames
{
    /// <summary>
    /// apps/req.c make_REQ → auto_info (prompt = no) or prompt_info: the DN section in stored order, then the
    /// attributes section (requests only). Throws with OpenSSL's words; the caller adds
    /// "Error making certificate request".
    /// </summary>
    public static (NameBuilder Subject, List<AttributePkcs> Attributes) FromConfig(RequestNameInput input)
    {
        try
        {
            return Build(input);
        }
        catch (RequestError e)
        {
            // Lines req printed itself come before its summary line...
            throw new CnfSignerException(e.Message.Length == 0 ? Failed : $"{e.Message}\n{Failed}");
        }
        catch (CnfSignerException e)
        {
            // ...and libcrypto's error queue after it.
            throw new CnfSignerException($"{Failed}\n{e.Message}");
        }
    }

    private const string Failed = "Error making certificate request";

    private static (NameBuilder Subject, List<AttributePkcs> Attributes) Build(RequestNameInput input)
    {
        var dn = Section(input, "distinguished_name", "Unable to get '{0}' section");
        var attrs = Section(input, "attributes", "Unable to get '{0}' section");
        var subject = new NameBuilder(input.Charset, input.Mask);
        var attributes = new List<AttributePkcs>();
        if (input.Prompt) Prompter.Fill(input, dn, attrs, subject, attributes);
        else
        {
            subject.AddConfigSection(dn?.Entries ?? []);
            if (subject.Count == 0) throw new RequestError("Error: No objects specified in config file");
            if (input.WithAttributes)
                foreach (var (name, value) in attrs?.Entries ?? [])
                    attributes.Add(Attribute(name, value, input));
        }
        return (subject, attributes);
    }

    internal sealed record NamedSection(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries);

    private static NamedSection? Section(RequestNameInput input, string key, string missing)
    {
        var name = input.Config.GetString(input.Section, key);
        if (name == null) return null;
        var entries = input.Config.GetSection(name) ?? throw new RequestError(string.Format(missing, name));
        return new NamedSection(name, entries);
    }

    /// <summary>X509_REQ_add1_attr_by_txt: a PKCS#9 attribute with its value encoded by the string rules.</summary>
    internal static AttributePkcs Attribute(string name, string value, RequestNameInput input)
    {
        var type = AttributeTypes.Find(name)
            ?? throw new CnfSignerException($"unknown object name\ninvalid field name: name={name}");
        return new AttributePkcs(type.Identifier, new DerSet(DirectoryStrings.Encode(type, value, input.Charset, input.Mask)));
    }
}

/// <summary>A failure req reports in its own words before "Error making certificate request".</summary>
internal sealed class RequestError(string message) : CnfSignerException(message);
