using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// apps/ca.c's signing loop: certify each request, sign, confirm, then commit. Outputs are prepared first and staged
/// with the database, whose files are renamed into place before any certificate file, so a crash never leaves an
/// issued certificate without its row; a failure before the commit leaves everything unchanged.
/// </summary>
public static class CaSigning
{
    private static readonly int InFlight = 2 * Environment.ProcessorCount;

    public static void Run(SigningSettings s, Signer signer, CaDatabase db, bool uniqueSubject, DateTime now,
        TextReader input, TextWriter err, Action<byte[]> stdout)
    {
        var line = s.Line;
        var serial = s.FirstSerial;
        var added = new List<IndexEntry>();
        var known = new KnownRows(db.Entries, added);
        var signing = new List<Task<(string Name, byte[] Bytes)>>();
        foreach (var path in line.Requests)
        {
            var request = RequestFiles.Load(path, line.InputFormat, input, "certificate request");
            var certified = Certification.Certify(request, s, signer, serial, known, uniqueSubject, now, input, err);
            if (certified == null) continue;
            err.Write("\n");
            // The first certificate is signed at once, so that a key or digest the signer refuses fails where it
            // did; the others are signed on other cores while the next requests are checked (RSA signing is most of
            // the time of a large batch). Nothing is printed while signing, so the output is unchanged. Only the
            // output bytes are kept, not the certificate objects, so a large batch stays small in memory.
            (string, byte[]) SignAndDump() => Output(CertificateIssuer.Sign(certified.Template, signer.Key), line.NoText);
            // At most two requests per core wait for their signature, so the certificates laid out ahead of the
            // signers do not pile up in memory.
            if (signing.Count >= InFlight) signing[^InFlight].Wait();
            signing.Add(signing.Count == 0 ? Task.FromResult(SignAndDump()) : Task.Run(SignAndDump));
            added.Add(certified.Row);
            serial = serial.Add(BigInteger.One);
        }
        var issued = signing.Select(task => task.GetAwaiter().GetResult()).ToList();
        if (issued.Count == 0) return;
        if (!line.Batch && !Certification.Confirm(
                $"\n{issued.Count} out of {line.Requests.Count} certificate requests certified, commit? [y/n]",
                "CERTIFICATION CANCELED", input, err))
            return;

        err.Write($"Write out database with {issued.Count} new entries\n");
        Commit(s, db, uniqueSubject, added, issued, serial, stdout);
        err.Write("Database updated\n");
    }

    /// <summary>
    /// The certificates and -out are staged with the database: an unwritable or full output directory fails before
    /// anything changes, and they are renamed into place after the index. Without -out they go to standard output.
    /// </summary>
    private static void Commit(SigningSettings s, CaDatabase db, bool uniqueSubject, List<IndexEntry> added,
        List<(string Name, byte[] Bytes)> issued, BigInteger nextSerial, Action<byte[]> stdout)
    {
        var all = issued.Select(i => i.Bytes).ToList();
        List<CaDatabase.Output> outputs = [.. issued.Select(i => new CaDatabase.Output(Path.Combine(s.Ca.OutDir!, i.Name), [i.Bytes]))];
        if (s.Line.Out != null) outputs.Add(new CaDatabase.Output(s.Line.Out, all));
        db.CommitAdded(added, uniqueSubject, s.SerialPath, s.SerialPath == null ? null : nextSerial, outputs);
        if (s.Line.Out == null) all.ForEach(stdout);
    }

    /// <summary>apps/ca.c write_new_certificate(): "SERIAL.pem" with the `ca` text dump (unless -notext), then the PEM.</summary>
    private static (string Name, byte[] Bytes) Output(X509Certificate certificate, bool noText)
    {
        var der = certificate.GetEncoded();
        var pem = PemBlock.Of("CERTIFICATE", der).Encode();
        var text = noText ? "" : TextDump.Certificate(der, TextDumpOptions.Ca);
        return (SerialFile.ToHex(certificate.SerialNumber) + ".pem", [.. TextDump.ToBytes(text), .. Encoding.ASCII.GetBytes(pem)]);
    }
}
