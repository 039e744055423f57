using System.Text;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>x509 -checkhost, -checkemail, -checkip: apps/lib/apps.c print_cert_checks() over do_x509_check().</summary>
public static class CertificateChecks
{
    /// <summary>One line per check asked for, in OpenSSL's order (host, e-mail, IP).</summary>
    public static string Print(byte[] certificate, string? host, string? email, string? ip)
    {
        if (host == null && email == null && ip == null) return "";
        var x = new CertificateFacts(new X509Certificate(certificate));
        var text = new StringBuilder();
        if (host != null)
            text.Append($"Hostname {host} does{(host.Length > 0 && IdentityMatch.MatchesHost(x, host) ? "" : " NOT")} match certificate\n");
        if (email != null)
            text.Append($"Email {email} does{(email.Length > 0 && IdentityMatch.MatchesEmail(x, email) ? "" : " NOT")} match certificate\n");
        // print_cert_checks() tests X509_check_ip_asc() for non-zero, so a malformed address (-2) "does match".
        if (ip != null)
            text.Append($"IP {ip} does{(IdentityMatch.ParseIpAddress(ip) is not { } address || IdentityMatch.MatchesIp(x, address) ? "" : " NOT")} match certificate\n");
        return text.ToString();
    }
}
