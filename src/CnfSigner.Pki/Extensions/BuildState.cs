namespace CnfSigner.Pki.Extensions;

/// <summary>What one Build() call works with: the context, the config's sections, and the extensions made so far
/// (OpenSSL adds each extension to the certificate as it goes, so a self-signed issuer:copy sees the SAN).</summary>
internal sealed class BuildState(ExtensionContext context,
    Func<string, IReadOnlyList<KeyValuePair<string, string>>?> sectionLookup)
{
    public ExtensionContext Context { get; } = context;

    public List<CertExtension> Built { get; } = [];

    /// <summary>X509V3_get_section(): the named section's entries, or null when there is no such section.</summary>
    public List<ConfValue>? Section(string name) =>
        sectionLookup(name)?.Select(kv => new ConfValue(kv.Key, kv.Value, name)).ToList();
}
