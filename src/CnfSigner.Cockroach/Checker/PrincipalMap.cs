namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// --cert-principal-map (pkg/security/auth.go SetCertPrincipalMap(), getCertificatePrincipals()): a certificate's
/// principals are its Subject CN (even when empty) and every DNS SAN, each looked up in the map by exact,
/// case-sensitive match.
/// </summary>
public sealed class PrincipalMap
{
    private readonly Dictionary<string, string> _map;

    private PrincipalMap(Dictionary<string, string> map) => _map = map;

    public static PrincipalMap Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public int Count => _map.Count;

    /// <summary>
    /// "a:b,c:d": empty entries are ignored, each entry splits on its last ':', a later mapping of the same
    /// certificate principal wins.
    /// </summary>
    public static PrincipalMap Parse(IEnumerable<string> specs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in specs.SelectMany(s => s.Split(',')))
        {
            if (entry.Length == 0) continue;
            var colon = entry.LastIndexOf(':');
            if (colon < 0) throw new CnfSignerException($"invalid <cert-principal>:<db-principal> mapping: \"{entry}\"");
            map[entry[..colon]] = entry[(colon + 1)..];
        }
        return new PrincipalMap(map);
    }

    public IReadOnlyList<string> Principals(GoCertificateView cert) =>
        new[] { cert.CommonName }.Concat(cert.DnsNames).Select(p => _map.GetValueOrDefault(p, p)).ToList();

    /// <summary>Go's %q of a []string, as the loader prints principals: ["" "roach0"].</summary>
    public static string Quote(IEnumerable<string> values) =>
        "[" + string.Join(" ", values.Select(v => "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "]";
}
