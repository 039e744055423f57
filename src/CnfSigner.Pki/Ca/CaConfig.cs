using CnfSigner.Config;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// Lookups in the CA section as apps/ca.c does them: lookup_conf() fails with
/// "variable lookup failed for SECTION::NAME"; NCONF_get_string falls back to the default section.
/// </summary>
public sealed record CaConfig(CnfDocument Document, string Section)
{
    public const string BaseSection = "ca";

    /// <summary>The CA section: -name, else [ca] default_ca.</summary>
    public static CaConfig Open(CnfDocument document, string? name) =>
        new(document, name ?? Required(document, BaseSection, "default_ca"));

    public string? Get(string name) => Document.GetString(Section, name);

    public string Required(string name) => Required(Document, Section, name);

    private static string Required(CnfDocument document, string section, string name) =>
        document.GetString(section, name)
        ?? throw new CnfSignerException($"variable lookup failed for {section}::{name}\nno value: group={section} name={name}");

    /// <summary>A value of the [ca] section itself (preserve, msie_hack are read only there).</summary>
    public string? GetBase(string name) => Document.GetString(BaseSection, name);
}
