using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>apps/ca.c do_updatedb() and do_revoke().</summary>
public static class CaMaintenance
{
    /// <summary>
    /// apps/ca.c do_updatedb(): every row whose type starts with V and whose expiry is not after now becomes E,
    /// printing "SERIAL=Expired"; the files are rewritten only when something changed.
    /// </summary>
    public static void UpdateDb(CaDatabase db, bool uniqueSubject, DateTime now, TextWriter err)
    {
        var count = 0;
        var rows = db.Entries.Select(row =>
        {
            if (!row.Status.StartsWith('V') || !Timestamps.TryParseAsn1(row.Expiry, out var expiry) || expiry > now) return row;
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

    /// <summary>
    /// apps/ca.c do_revoke(): the row is found by serial (leading zeros ignored, as index_serial_cmp); a
    /// certificate not in the database is added as V first, then revoked. With <paramref name="validOnly"/>
    /// (-valid) the certificate is only added.
    /// </summary>
    public static void Revoke(CaDatabase db, bool uniqueSubject, string certificatePath, Revocation revocation, DateTime now,
        TextWriter err, bool validOnly = false)
    {
        var cert = CertificateFiles.Load(certificatePath, "certificate to be revoked");
        var serial = SerialFile.ToHex(cert.SerialNumber);
        var subject = NamePrinter.Oneline((Asn1Sequence)cert.SubjectDN.ToAsn1Object());
        if (subject.Length == 0) subject = serial; // entries with an empty subject use the serial number instead
        var rows = db.Entries.ToList();
        var index = rows.FindIndex(r => IndexFile.SameSerial(r.Serial, serial));
        if (index < 0)
        {
            err.WriteLine($"Adding Entry with serial number {serial} to DB for {subject}");
            // TXT_DB_insert(): with unique_subject the name index refuses a second valid row for one subject.
            if (uniqueSubject && rows.Any(r => r.Status.StartsWith('V') && r.Subject == subject))
                throw new CnfSignerException("failed to update database\nTXT_DB error number 2");
            rows.Add(new IndexEntry(IndexEntry.Valid, Timestamps.Text(cert.CertificateStructure.EndDate), "", serial, "unknown", subject));
            index = rows.Count - 1;
            if (validOnly)
            {
                db.Commit(rows, uniqueSubject, null, null);
                err.WriteLine("Database updated");
                return;
            }
        }
        else if (rows[index].Subject != subject)
            throw new CnfSignerException($"ERROR:name does not match {subject}");
        else if (validOnly)
            throw new CnfSignerException($"ERROR:Already present, serial number {serial}");
        else if (rows[index].Status.StartsWith('R'))
            throw new CnfSignerException($"ERROR:Already revoked, serial number {serial}");

        err.WriteLine($"Revoking Certificate {rows[index].Serial}.");
        rows[index] = rows[index] with { Status = IndexEntry.Revoked, Revocation = RevocationInfo.Make(revocation, now) };
        db.Commit(rows, uniqueSubject, null, null);
        err.WriteLine("Database updated");
    }
}
