using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Signing;

namespace CnfSigner.Pki.Ca;

/// <summary>What the ca command line says for signing, before the config is consulted.</summary>
public sealed record SigningOverrides(string? Digest, string? Policy, bool RandSerial, string? Extensions,
    string? ExtFile, string? StartDate, string? EndDate, long? Days, bool NoEmailDn);

/// <summary>
/// apps/ca.c's signing settings, resolved in its order so the first failure is OpenSSL's first failure:
/// default_md, email_in_dn, policy, serial / rand_serial, the extension section's syntax, dates, days.
/// </summary>
public sealed record SigningSettings(
    string Digest,
    bool EmailInDn,
    string PolicyName,
    string? SerialPath,
    bool RandomSerial,
    CnfDocument ExtensionConfig,
    string? ExtensionSection,
    DateTime? StartDate,
    DateTime? EndDate,
    long Days)
{
    public static SigningSettings Resolve(CaConfig ca, SigningOverrides o)
    {
        var md = ResolveDigest(ca, o.Digest);
        var emailInDn = !o.NoEmailDn && ca.Get("email_in_dn") != "no";
        var policy = o.Policy ?? ca.Required("policy");
        var random = o.RandSerial || ca.Get("rand_serial") != null;
        var serialPath = random ? null : ca.Required("serial");

        var (extConfig, extSection) = ExtensionSource(ca, o);
        var start = Date(o.StartDate ?? ca.Get("default_startdate"), "start");
        var end = Date(o.EndDate ?? ca.Get("default_enddate"), "end");
        var days = o.Days ?? (long.TryParse(ca.Get("default_days"), out var d) ? d : 0);
        if (end == null && days == 0) throw new CnfSignerException("cannot lookup how many days to certify for");
        return new SigningSettings(md, emailInDn, policy, serialPath, random, extConfig, extSection, start, end, days);
    }

    /// <summary>-md, else default_md (required); the name must be a digest cnfsigner can sign with.</summary>
    public static string ResolveDigest(CaConfig ca, string? option)
    {
        var md = option ?? ca.Required("default_md");
        return Digests.IsKnown(md) ? md : throw new CnfSignerException($"{md} is an unsupported message digest type");
    }

    /// <summary>-extfile FILE (section -extensions, else its default::extensions, else "default"), or the CA config.</summary>
    private static (CnfDocument, string?) ExtensionSource(CaConfig ca, SigningOverrides o)
    {
        if (o.ExtFile != null)
        {
            var file = CnfLoader.Load(o.ExtFile);
            return (file, o.Extensions ?? file.GetString("default", "extensions") ?? "default");
        }
        var section = o.Extensions ?? ca.Get("x509_extensions");
        if (section != null && !ca.Document.HasSection(section))
            throw new CnfSignerException($"Error checking certificate extension config section {section}");
        return (ca.Document, section);
    }

    private static DateTime? Date(string? text, string which)
    {
        if (text == null || (which == "start" && text == "today")) return null;
        return Timestamps.ParseOption(text)
            ?? throw new CnfSignerException($"{which} date is invalid, it should be YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ");
    }

    /// <summary>The extension section builder for do_body, failing in OpenSSL's words.</summary>
    public Func<ExtensionContext, IReadOnlyList<CertExtension>>? SectionBuilder()
    {
        if (ExtensionSection == null) return null;
        var section = ExtensionConfig.GetSection(ExtensionSection) ?? [];
        return context =>
        {
            try
            {
                return ExtensionBuilder.Build(section, ExtensionConfig.GetSection, context, ExtensionSection);
            }
            catch (CnfSignerException e)
            {
                throw new CnfSignerException($"Error checking certificate extension config section {ExtensionSection}\n{e.Message}");
            }
        };
    }
}
