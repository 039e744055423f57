using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// apps/ca.c's signing loop: certify each request, sign, confirm, then commit. Each certificate is written as it is
/// made, under a temporary name beside its target (and appended to the temporary -out), so a large batch is not
/// held in memory; the database is committed first and the certificates renamed into place after it, so a crash
/// never leaves an issued certificate without its row, and a failure or a "no" before the commit removes the
/// temporary files and leaves everything unchanged.
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
        using var outputs = new Outputs(s.Ca.OutDir!, line.Out);
        var signing = new Queue<Task<(string Name, byte[] Bytes)>>();
        var collections = new YoungCollections(batch: line.Requests.Count > 1);
        foreach (var path in line.Requests)
        {
            var request = RequestFiles.Load(path, line.InputFormat, input, "certificate request");
            var certified = Certification.Certify(request, s, signer, serial, known, uniqueSubject, now, input, err);
            if (certified == null) continue;
            err.Write("\n");
            // The first certificate is signed at once, so that a key or digest the signer refuses fails where it
            // did; the others are signed on other cores while the next requests are checked (RSA signing is most of
            // the time of a large batch). Nothing is printed while signing, so the output is unchanged. Only the
            // output bytes are kept, not the certificate objects, and only until they are written.
            (string, byte[]) SignAndDump() => Output(CertificateIssuer.Sign(certified.Template, signer.Key), line.NoText);
            // At most two requests per core wait for their signature, so the certificates laid out ahead of the
            // signers do not pile up in memory.
            if (signing.Count >= InFlight) outputs.Write(signing.Dequeue().GetAwaiter().GetResult());
            signing.Enqueue(added.Count == 0 ? Task.FromResult(SignAndDump()) : Task.Run(SignAndDump));
            added.Add(certified.Row);
            serial = serial.Add(BigInteger.One);
            collections.AfterRequest();
        }
        while (signing.Count > 0) outputs.Write(signing.Dequeue().GetAwaiter().GetResult());
        if (added.Count == 0) return;
        if (!line.Batch && !Certification.Confirm(
                $"\n{added.Count} out of {line.Requests.Count} certificate requests certified, commit? [y/n]",
                "CERTIFICATION CANCELED", input, err))
            return;

        err.Write($"Write out database with {added.Count} new entries\n");
        db.CommitAdded(added, uniqueSubject, s.SerialPath, s.SerialPath == null ? null : serial, outputs.Files);
        outputs.WriteHeldTo(stdout);
        err.Write("Database updated\n");
    }

    /// <summary>
    /// Keeps a batch's heap small: a gen0 collection after every megabyte the batch allocates (some six
    /// certificates). Left alone, the GC lets gen0 grow to its budget before it collects: 4 MB (GCgen0size,
    /// CnfSigner.Cli.csproj, which spares a one-signature run any collection at all), or up to 20 times what survived
    /// the collection before, and every byte of it is touched memory. Here only the few certificates in flight
    /// survive, so a collection is cheap (about 1.2 M instructions, most of them the walk of the threads' stacks,
    /// some 0.2 M a certificate), and a 1,000-request batch peaks near 15 MB instead of 26 (tests/bench/NOTES.md).
    /// </summary>
    private sealed class YoungCollections(bool batch)
    {
        private const long Budget = 1 << 20;
        // A batch collects after its first request as well, taking what start-up left in gen0 with it.
        private long _next = batch ? 0 : GC.GetTotalAllocatedBytes() + Budget;

        public void AfterRequest()
        {
            var allocated = GC.GetTotalAllocatedBytes();
            if (allocated < _next) return;
            GC.Collect(0);
            _next = allocated + Budget;
        }
    }

    /// <summary>
    /// The certificate files and -out, staged as each certificate is made: an unwritable or full output directory
    /// fails before anything changes. Without -out the certificates go to standard output after the commit, so
    /// only they are held.
    /// </summary>
    private sealed class Outputs(string outDir, string? outPath) : IDisposable
    {
        private readonly List<byte[]> _held = [];
        private SafeFile.Staged? _out;

        public FileBatch Files { get; } = new();

        public void Write((string Name, byte[] Bytes) issued)
        {
            Files.Add(Path.Combine(outDir, issued.Name), issued.Bytes, durable: false);
            if (outPath == null) _held.Add(issued.Bytes);
            else (_out ??= Files.AddAppendable(outPath)).Append(issued.Bytes);
        }

        public void WriteHeldTo(Action<byte[]> stdout) => _held.ForEach(stdout);

        public void Dispose() => Files.Dispose();
    }

    /// <summary>apps/ca.c write_new_certificate(): "SERIAL.pem" with the `ca` text dump (unless -notext), then the PEM.</summary>
    private static (string Name, byte[] Bytes) Output(X509Certificate certificate, bool noText)
    {
        var der = certificate.GetEncoded();
        var pem = PemBlock.Of("CERTIFICATE", der).Encode();
        var text = noText ? "" : TextDump.Certificate(der, TextDumpOptions.Ca);
        // The dump holds one byte per char and the PEM is ASCII: both go into one array, Latin-1 encoded.
        var bytes = new byte[text.Length + pem.Length];
        Encoding.Latin1.GetBytes(text, bytes);
        Encoding.Latin1.GetBytes(pem, bytes.AsSpan(text.Length));
        return (SerialFile.ToHex(certificate.SerialNumber) + ".pem", bytes);
    }
}
