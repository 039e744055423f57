using CnfSigner.Config;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Issuance;

/// <summary>
/// One extension section as a command names it: its entries, the config's sections its values may refer to
/// (@section), and the header OpenSSL prints above a failure ("Error checking extension section v3_ca").
/// </summary>
public sealed record ExtensionSource(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries,
    Func<string, IReadOnlyList<KeyValuePair<string, string>>?> Sections, string ErrorHeader)
{
    /// <summary>
    /// A section of <paramref name="config"/>; a missing one fails with "<paramref name="header"/> NAME", or, where
    /// OpenSSL tolerates it (ca -extfile), adds nothing.
    /// </summary>
    public static ExtensionSource Of(CnfDocument config, string section, string header, bool missingIsEmpty = false) =>
        new(section, config.GetSection(section) ?? (missingIsEmpty ? [] : throw new CnfSignerException($"{header} {section}")),
            config.GetSection, $"{header} {section}");

    /// <summary>-addext lines: OpenSSL builds them as a section named "default" that can refer to no other.</summary>
    public static ExtensionSource AddExt(IReadOnlyList<KeyValuePair<string, string>> entries, string header) =>
        new("default", entries, _ => null, header);

    /// <summary>
    /// -extfile FILE of ca and x509: the section is -extensions, else the file's default::extensions, else
    /// "default".
    /// </summary>
    public static (CnfDocument File, string Section) ExtFile(string path, string? section)
    {
        var file = CnfLoader.Load(path);
        return (file, section ?? file.GetString("default", "extensions") ?? "default");
    }

    /// <summary>The section's extensions for <paramref name="context"/>; a failure is prefixed with the header.</summary>
    public IReadOnlyList<CertExtension> Build(ExtensionContext context)
    {
        try
        {
            return ExtensionBuilder.Build(Entries, Sections, context, Name);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{ErrorHeader}\n{e.Message}");
        }
    }
}
