using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>What -crl_reason, -crl_hold, -crl_compromise or -crl_CA_compromise asked for (the last one given wins).</summary>
public sealed record Revocation(string? Option, string? Argument);

/// <summary>apps/ca.c do_updatedb() and do_revoke().</summary>
public static class CaMaintenance
{
    // apps/ca.c crl_reasons[]: the first eight are -crl_reason values.
    private static readonly string[] Reasons =
        ["unspecified", "keyCompromise", "CACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL"];

    /// <summary>Marks every valid row whose expiry has passed as E, printing "SERIAL=Expired".</summary>
    public static void UpdateDb(CaDatabase db, bool uniqueSubject, DateTime now, TextWriter err)
    {
        var count = 0;
        var rows = db.Entries.Select(row =>
        {
            if (row.Status != IndexEntry.Valid || !Timestamps.TryParse(row.Expiry, out var expiry) || expiry > now) return row;
            count++;
            err.WriteLine($"{row.Serial}=Expired");
            return row with { Status = IndexEntry.Expired };
        }).ToList();
        if (count > 0) db.Commit(rows, uniqueSubject, null, null);
    }

    public static Revocation RevocationFrom(IEnumerable<(string Name, string? Value)> occurrences)
    {
        var last = occurrences.LastOrDefault(x => x.Name is "crl_reason" or "crl_hold" or "crl_compromise" or "crl_CA_compromise");
        return new Revocation(last.Name, last.Value);
    }

    /// <summary>apps/ca.c do_revoke(): a known serial becomes R with the revocation string; an unknown certificate is added first.</summary>
    public static int Revoke(CaDatabase db, bool uniqueSubject, X509Certificate cert, Revocation revocation, DateTime now, TextWriter err)
    {
        var serial = SerialFile.ToHex(cert.SerialNumber);
        var subject = NamePrinter.Oneline((Asn1Sequence)cert.SubjectDN.ToAsn1Object());
        var rows = db.Entries.ToList();
        var index = rows.FindIndex(r => r.Serial == serial);
        if (index < 0)
        {
            err.WriteLine($"Adding Entry with serial number {serial} to DB for {subject}");
            rows.Add(new IndexEntry(IndexEntry.Valid, Timestamps.Format(cert.NotAfter.ToUniversalTime()), "", serial, "unknown", subject));
            index = rows.Count - 1;
        }
        else if (rows[index].Subject != subject)
            throw new CnfSignerException($"ERROR:name does not match {subject}");
        else if (rows[index].Status == IndexEntry.Revoked)
            throw new CnfSignerException($"ERROR:Already revoked, serial number {serial}");

        err.WriteLine($"Revoking Certificate {rows[index].Serial}.");
        var text = RevocationText(revocation, now);
        rows[index] = rows[index] with { Status = IndexEntry.Revoked, Revocation = text };
        db.Commit(rows, uniqueSubject, null, null);
        err.WriteLine("Database updated");
        return 0;
    }

    /// <summary>apps/ca.c make_revocation_str(): "YYMMDDHHMMSSZ[,reason[,argument]]".</summary>
    private static string RevocationText(Revocation r, DateTime now)
    {
        string? reason = null, other = null;
        switch (r.Option)
        {
            case "crl_reason":
                reason = Reasons.FirstOrDefault(x => x.Equals(r.Argument, StringComparison.OrdinalIgnoreCase))
                    ?? throw new CnfSignerException($"Unknown CRL reason {r.Argument}\nError in revocation arguments");
                break;
            case "crl_hold":
                if (!IsOid(r.Argument!)) throw new CnfSignerException($"Invalid object identifier {r.Argument}\nError in revocation arguments");
                (reason, other) = ("holdInstruction", r.Argument);
                break;
            case "crl_compromise" or "crl_CA_compromise":
                if (r.Argument!.Length != 15 || !Timestamps.TryParse(r.Argument, out _))
                    throw new CnfSignerException($"Invalid time format {r.Argument}. Need YYYYMMDDHHMMSSZ\nError in revocation arguments");
                (reason, other) = (r.Option == "crl_compromise" ? "keyTime" : "CAkeyTime", r.Argument);
                break;
        }
        var text = Timestamps.Format(now);
        if (reason != null) text += "," + reason;
        if (other != null) text += "," + other;
        return text;
    }

    private static bool IsOid(string text)
    {
        if (text is "holdInstructionNone" or "holdInstructionCallIssuer" or "holdInstructionReject") return true;
        try
        {
            _ = new DerObjectIdentifier(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
