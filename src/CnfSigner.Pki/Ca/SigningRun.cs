using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>The request-signing part of the ca command line.</summary>
public sealed record SigningRunOptions(
    IReadOnlyList<string> Requests,
    string InputFormat,
    string OutDir,
    string? Out,
    bool NoText,
    bool Batch,
    bool CreateSerial,
    bool Preserve,
    string? Subject,
    bool Utf8);

/// <summary>
/// apps/ca.c's signing loop: load the serial, certify each request, confirm, then commit. Outputs are
/// prepared first and staged with the database, whose files are renamed into place before any certificate file, so a crash never
/// leaves an issued certificate without its row; a failure before the commit leaves everything unchanged.
/// </summary>
public sealed class SigningRun(CaConfig ca, SigningSettings settings, CaDatabase db, PrivateKey key,
    X509Certificate? caCert, CopyExtensions copy, bool uniqueSubject, SigningRunOptions options)
{
    private static readonly int InFlight = 2 * Environment.ProcessorCount;

    public int Execute(DateTime now, TextReader input, TextWriter err, Action<byte[]> stdout)
    {
        var serial = LoadSerial();
        var policy = ca.Document.GetSection(settings.PolicyName)
            ?? throw new CnfSignerException($"unable to find 'section' for {settings.PolicyName}");
        var issueSettings = new IssueSettings(caCert, key, settings.Digest, policy, options.Preserve, settings.EmailInDn,
            options.Subject, options.Utf8 ? InputCharset.Utf8 : InputCharset.Ascii, settings.StartDate, settings.EndDate,
            settings.Days, options.Batch, settings.SectionBuilder(), copy, uniqueSubject);

        var added = new List<IndexEntry>();
        var known = new KnownRows(db.Entries, added);
        var signing = new List<Task<(string Name, byte[] Bytes)>>();
        foreach (var path in options.Requests)
        {
            var request = RequestFiles.Load(path, options.InputFormat, input, "certificate request");
            var certified = Issuer.Certify(request, issueSettings, serial, known, now, input, err);
            if (certified == null) continue;
            err.Write("\n");
            // The first certificate is signed at once, so that a key or digest the signer refuses fails where it
            // did; the others are signed on other cores while the next requests are checked (RSA signing is most of
            // the time of a large batch). Nothing is printed while signing, so the output is unchanged. Only the
            // output bytes are kept, not the certificate objects, so a large batch stays small in memory.
            (string, byte[]) SignAndDump() => Output(Issuer.Sign(certified, issueSettings).Certificate);
            // At most two requests per core wait for their signature, so the certificates laid out ahead of the
            // signers do not pile up in memory.
            if (signing.Count >= InFlight) signing[^InFlight].Wait();
            signing.Add(signing.Count == 0 ? Task.FromResult(SignAndDump()) : Task.Run(SignAndDump));
            added.Add(certified.Row);
            serial = serial.Add(BigInteger.One);
        }
        var issued = signing.Select(task => task.GetAwaiter().GetResult()).ToList();
        if (issued.Count == 0) return 0;
        if (!options.Batch && !Issuer.Confirm(
                $"\n{issued.Count} out of {options.Requests.Count} certificate requests certified, commit? [y/n]",
                "CERTIFICATION CANCELED", input, err))
            return 0;

        err.Write($"Write out database with {issued.Count} new entries\n");
        var files = issued.Select(i => (Path: Path.Combine(options.OutDir, i.Name), i.Bytes)).ToList();
        var all = files.Select(f => f.Bytes).ToList();
        // The certificates and -out are staged with the database: an unwritable or full output directory fails
        // before anything changes, and they are renamed into place after the index.
        List<CaDatabase.Output> outputs = [.. files.Select(f => new CaDatabase.Output(f.Path, [f.Bytes]))];
        if (options.Out != null) outputs.Add(new CaDatabase.Output(options.Out, all));
        db.CommitAdded(added, uniqueSubject, settings.RandomSerial ? null : settings.SerialPath,
            settings.RandomSerial ? null : serial, outputs);
        if (options.Out == null) all.ForEach(stdout);
        err.Write("Database updated\n");
        return 0;
    }

    /// <summary>apps/lib/apps.c load_serial(): the serial file, or a random serial with -create_serial / rand_serial.</summary>
    private BigInteger LoadSerial()
    {
        if (settings.RandomSerial) return CertificateSigner.RandomSerial();
        var path = settings.SerialPath!;
        if (!File.Exists(path))
        {
            if (options.CreateSerial) return CertificateSigner.RandomSerial();
            throw new CnfSignerException($"{path}: No such file or directory\nerror while loading serial number");
        }
        try
        {
            return SerialFile.Parse(SafeFile.ReadAllBytes(path), path);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{e.Message}\nerror while loading serial number");
        }
    }

    /// <summary>apps/ca.c write_new_certificate(): "SERIAL.pem" with the `ca` text dump (unless -notext), then the PEM.</summary>
    private (string Name, byte[] Bytes) Output(X509Certificate certificate)
    {
        var pem = PemBlock.Of("CERTIFICATE", certificate.GetEncoded()).Encode();
        var text = options.NoText ? "" : TextDump.Certificate(certificate, TextDumpOptions.Ca);
        return (SerialFile.ToHex(certificate.SerialNumber) + ".pem", [.. TextDump.ToBytes(text), .. Encoding.ASCII.GetBytes(pem)]);
    }
}
