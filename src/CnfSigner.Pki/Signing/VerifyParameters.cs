namespace CnfSigner.Pki.Signing;

/// <summary>
/// -vfyopt name:value (apps/lib/apps.c x509_ctrl_string() / x509_req_ctrl_string()): OpenSSL 3.0 knows only the SM2
/// distinguishing ID (distid, hexdistid) there. Any other option is its `parameter error "..."`; a distinguishing ID
/// makes the signature of every key but SM2 fail, and cnfsigner does not verify SM2 signatures.
/// </summary>
public static class VerifyParameters
{
    /// <summary>Whether OpenSSL takes the option ("name:value" or "name").</summary>
    public static bool IsKnown(string parameter) =>
        (parameter.IndexOf(':') is var colon and >= 0 ? parameter[..colon] : parameter) is "distid" or "hexdistid";

    /// <summary>The first option OpenSSL would refuse, or null; and whether a distinguishing ID was given.</summary>
    public static (string? Refused, bool DistinguishingId) Read(IReadOnlyList<string> options) =>
        (options.FirstOrDefault(o => !IsKnown(o)), options.Count > 0);
}
