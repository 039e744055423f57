namespace CnfSigner.Pki.Ca;

/// <summary>
/// One index.txt row (apps/ca.c DB_* fields): status V/R/E, expiry as stored in the certificate, revocation
/// ("YYMMDDHHMMSSZ[,reason]" or empty), serial (upper-case hex, even length), file name ("unknown"), subject
/// (X509_NAME_oneline form).
/// </summary>
public sealed record IndexEntry(string Status, string Expiry, string Revocation, string Serial, string FileName, string Subject)
{
    public const string Valid = "V", Revoked = "R", Expired = "E";

    public string Format() => $"{Status}\t{Expiry}\t{Revocation}\t{Serial}\t{FileName}\t{Subject}\n";

    public void AppendTo(System.Text.StringBuilder text) => text.Append(Status).Append('\t').Append(Expiry).Append('\t')
        .Append(Revocation).Append('\t').Append(Serial).Append('\t').Append(FileName).Append('\t').Append(Subject).Append('\n');

    /// <summary>apps/ca.c get_certificate_status / the details block: how a status letter is described.</summary>
    public string StatusDescription => Status switch
    {
        Valid => "Valid",
        Revoked => "Revoked",
        Expired => "Expired",
        _ => "invalid type, Database error",
    };
}
