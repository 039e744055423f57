namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// --node-cert-distinguished-name / --root-cert-distinguished-name: an RFC 2253 style DN ("CN=node,O=Cockroach")
/// compared with a certificate's subject attribute by attribute, in any order.
/// </summary>
public static class DistinguishedName
{
    public static IReadOnlyList<string> Parse(string dn) =>
        dn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2) is [var type, var value] ? $"{type.Trim().ToUpperInvariant()}={value.Trim()}"
                : throw new CnfSignerException($"cockroach: invalid distinguished name \"{dn}\": \"{part}\" is not TYPE=value"))
            .ToList();

    public static bool Matches(IReadOnlyList<string> subject, string dn)
    {
        var wanted = Parse(dn).Order(StringComparer.Ordinal).ToList();
        var have = subject.Select(a => a.Split('=', 2) is [var t, var v] ? $"{t.ToUpperInvariant()}={v}" : a).Order(StringComparer.Ordinal).ToList();
        return wanted.SequenceEqual(have);
    }
}
