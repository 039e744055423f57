namespace CnfSigner.Pki.Ca;

/// <summary>apps/ca.c get_certificate_status(): -status SERIAL. Always exits 1, as OpenSSL does.</summary>
public static class CaStatus
{
    /// <summary>
    /// Loads the database (index_index() included: a duplicate serial, or a duplicate valid subject with
    /// unique_subject, fails), pads an odd serial with a 0, upper-cases it and reports the row's type by its
    /// first letter.
    /// </summary>
    public static int Report(CaConfig ca, string serial, TextWriter err)
    {
        using var db = CaDatabase.Open(ca.Required("database"), forUpdate: false);
        db.CheckIndexes(db.AttrUniqueSubject ?? ca.UniqueSubject);
        var wanted = (serial.Length % 2 == 1 ? "0" + serial : serial).ToUpperInvariant();
        var row = db.Entries.FirstOrDefault(e => IndexFile.SameSerial(e.Serial, wanted));
        var type = row == null ? '\0' : row.Status.FirstOrDefault();
        var known = type is 'V' or 'R' or 'E' or 'S';
        err.WriteLine(row == null ? $"Serial {wanted} not present in db." : type switch
        {
            'V' => $"{wanted}=Valid (V)",
            'R' => $"{wanted}=Revoked (R)",
            'E' => $"{wanted}=Expired (E)",
            'S' => $"{wanted}=Suspended (S)",
            _ => $"{wanted}=Unknown ({type}).",
        });
        if (!known) err.WriteLine($"Error verifying serial {serial}!");
        return 1;
    }
}
