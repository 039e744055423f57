using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Ca;

/// <summary>What -crl_reason, -crl_hold, -crl_compromise or -crl_CA_compromise asked for (the last one given wins).</summary>
public sealed record Revocation(string? Option, string? Argument)
{
    public static readonly Revocation None = new(null, null);
}

/// <summary>
/// The revocation field of an index row, "DATE[,REASON[,ARGUMENT]]", as apps/ca.c unpack_revinfo() reads it:
/// the date (a UTCTime text), the CRL reason code (RFC 5280 CRLReason, null when none), the hold instruction
/// OID and the invalidity (key compromise) time, each kept as written so a CRL encodes them unchanged.
/// </summary>
public sealed record RevocationInfo(string Date, int? ReasonCode, DerObjectIdentifier? HoldInstruction, string? InvalidityDate)
{
    // apps/ca.c crl_reasons[]: the eight CRLReason names, then three pseudo reasons that only the index uses.
    private static readonly string[] Reasons =
    [
        "unspecified", "keyCompromise", "CACompromise", "affiliationChanged", "superseded", "cessationOfOperation",
        "certificateHold", "removeFromCRL", "holdInstruction", "keyTime", "CAkeyTime",
    ];

    private const int RemoveFromCrl = 8, CertificateHold = 6, KeyCompromise = 1, CaCompromise = 2;

    /// <summary>apps/ca.c unpack_revinfo(): throws with OpenSSL's line when a part is malformed.</summary>
    public static RevocationInfo Parse(string text)
    {
        var parts = text.Split(',', 3);
        var date = parts[0];
        if (!Timestamps.IsAsn1Time(date, generalized: false))
            throw new CnfSignerException($"invalid revocation date {date}");
        if (parts.Length == 1) return new RevocationInfo(date, null, null, null);

        var reason = Array.FindIndex(Reasons, r => r.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
        if (reason < 0) throw new CnfSignerException($"invalid reason code {parts[1]}");
        var argument = parts.Length > 2 ? parts[2] : null;
        switch (reason)
        {
            case 7:
                return new RevocationInfo(date, RemoveFromCrl, null, null);
            case 8:
                if (argument == null) throw new CnfSignerException("missing hold instruction");
                var hold = TryObject(argument) ?? throw new CnfSignerException($"invalid object identifier {argument}");
                return new RevocationInfo(date, CertificateHold, hold, null);
            case 9 or 10:
                if (argument == null) throw new CnfSignerException("missing compromised time");
                if (!Timestamps.IsAsn1Time(argument, generalized: true))
                    throw new CnfSignerException($"invalid compromised time {argument}");
                return new RevocationInfo(date, reason == 9 ? KeyCompromise : CaCompromise, null, argument);
            default:
                return new RevocationInfo(date, reason, null, null);
        }
    }

    /// <summary>
    /// apps/ca.c make_revocation_str(): "NOW[,reason[,argument]]". The reason is written in its canonical
    /// spelling (the option is matched without case); a hold instruction and a compromise time are kept as given.
    /// </summary>
    public static string Make(Revocation r, DateTime now)
    {
        string? reason = null, other = null;
        switch (r.Option)
        {
            case "crl_reason":
                reason = Reasons.Take(8).FirstOrDefault(x => x.Equals(r.Argument, StringComparison.OrdinalIgnoreCase))
                    ?? throw new CnfSignerException($"Unknown CRL reason {r.Argument}\nError in revocation arguments");
                break;
            case "crl_hold":
                try
                {
                    ObjectIdentifierParser.Parse(r.Argument!);
                }
                catch (X509V3Exception e)
                {
                    throw new CnfSignerException($"Invalid object identifier {r.Argument}\nError in revocation arguments\n{e.Message}");
                }
                (reason, other) = ("holdInstruction", r.Argument);
                break;
            case "crl_compromise" or "crl_CA_compromise":
                if (!Timestamps.IsAsn1Time(r.Argument!, generalized: true))
                    throw new CnfSignerException($"Invalid time format {r.Argument}. Need YYYYMMDDHHMMSSZ\nError in revocation arguments");
                (reason, other) = (r.Option == "crl_compromise" ? "keyTime" : "CAkeyTime", r.Argument);
                break;
        }
        var text = Timestamps.Format(now);
        if (reason != null) text += "," + reason;
        if (other != null) text += "," + other;
        return text;
    }

    private static DerObjectIdentifier? TryObject(string text)
    {
        try
        {
            return ObjectIdentifierParser.Parse(text);
        }
        catch (X509V3Exception)
        {
            return null;
        }
    }
}
