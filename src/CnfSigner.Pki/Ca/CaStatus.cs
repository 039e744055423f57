using CnfSigner.Config;

namespace CnfSigner.Pki.Ca;

/// <summary>apps/ca.c get_certificate_status(): -status SERIAL. Always exits 1, as OpenSSL does.</summary>
public static class CaStatus
{
    public static int Report(CaConfig ca, string serial, TextWriter err)
    {
        using var db = CaDatabase.Open(ca.Required("database"), forUpdate: false);
        var wanted = (serial.Length % 2 == 1 ? "0" + serial : serial).ToUpperInvariant();
        var row = db.Entries.FirstOrDefault(e => e.Serial == wanted);
        var line = row?.Status switch
        {
            null => $"Serial {wanted} not present in db.",
            IndexEntry.Valid => $"{wanted}=Valid (V)",
            IndexEntry.Revoked => $"{wanted}=Revoked (R)",
            IndexEntry.Expired => $"{wanted}=Expired (E)",
            "S" => $"{wanted}=Suspended (S)",
            _ => $"{wanted}=Unknown ({row.Status.FirstOrDefault()}).",
        };
        err.WriteLine(line);
        if (row == null || row.Status is not (IndexEntry.Valid or IndexEntry.Revoked or IndexEntry.Expired or "S"))
            err.WriteLine($"Error verifying serial {serial}!");
        return 1;
    }
}
