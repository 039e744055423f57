using System.Net;

namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// go crypto/x509/verify.go VerifyHostname(): IP targets need an equal IP SAN; names match DNS SANs only
/// (ASCII case-insensitive, trailing dots ignored, "*" only as the whole left-most label). The CN is never used.
/// </summary>
public static class HostNames
{
    /// <summary>Go's error text when the certificate does not cover <paramref name="host"/>, or null when it does.</summary>
    public static string? Mismatch(GoCertificateView cert, string host)
    {
        var candidate = host.Length >= 3 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(candidate, out var ip) && IsIpLiteral(candidate))
        {
            if (cert.IpAddresses.Any(a => Normalize(a).Equals(Normalize(ip)))) return null;
            return cert.IpAddresses.Count == 0
                ? $"x509: cannot validate certificate for {candidate} because it doesn't contain any IP SANs"
                : $"x509: certificate is valid for {string.Join(", ", cert.IpAddresses)}, not {candidate}";
        }

        var name = host.ToLowerInvariant();
        if (cert.DnsNames.Any(pattern => Matches(pattern.ToLowerInvariant(), name))) return null;
        if (!cert.HasSan && cert.CommonName.Length > 0)
            return "x509: certificate relies on legacy Common Name field, use SANs instead";
        return cert.DnsNames.Count == 0
            ? $"x509: certificate is not valid for any names, but wanted to match {host}"
            : $"x509: certificate is valid for {string.Join(", ", cert.DnsNames)}, not {host}";
    }

    // net.ParseIP accepts dotted quads and IPv6 only; IPAddress.TryParse also takes "1" or "0x7f.1".
    private static bool IsIpLiteral(string s) => s.Contains(':') || s.Split('.') is { Length: 4 } p && p.All(x => x.Length > 0 && x.All(char.IsAsciiDigit));

    private static IPAddress Normalize(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    // verify.go matchHostnames()
    private static bool Matches(string pattern, string host)
    {
        pattern = pattern.TrimEnd('.');
        host = host.TrimEnd('.');
        if (pattern.Length == 0 || host.Length == 0) return false;
        var p = pattern.Split('.');
        var h = host.Split('.');
        if (p.Length != h.Length) return false;
        for (var i = 0; i < p.Length; i++)
        {
            if (i == 0 && p[i] == "*") continue;
            if (p[i] != h[i]) return false;
        }
        return true;
    }
}
