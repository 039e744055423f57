using CnfSigner.Pki.Io;
using System.Text;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;
using CnfSigner.Pki.Verify;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// "cnfsigner crl": the display side of apps/crl.c. The requested fields go to stdout in command-line order;
/// -text and the CRL itself go to -out (or stdout).
/// </summary>
public static class CrlCommand
{
    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);

    // Options that make or re-sign CRLs, or look up trust elsewhere: refused, and left out of -help.
    private static readonly string[] NotSupported = ["key", "gendelta"];

    private static readonly OptionTable Table = new("crl", "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        Flag("verify", "Verify CRL signature"),
        OptionSpec.Section("Input options:"),
        new("in", OptionKind.InFile, "Input file - default stdin"),
        new("inform", OptionKind.PemDer, "CRL input format (DER or PEM); has no effect"),
        new("key", OptionKind.InFile, "CRL signing Private key to use"),
        new("keyform", OptionKind.PemDer, "Private key file format (DER/PEM/P12); has no effect"),
        OptionSpec.Section("Output options:"),
        new("out", OptionKind.OutFile, "output file - default stdout"),
        new("outform", OptionKind.PemDer, "Output format - default PEM"),
        new("dateopt", OptionKind.Value, "Datetime format used for printing. (rfc_822/iso_8601). Default is rfc_822."),
        Flag("text", "Print out a text format version"),
        Flag("hash", "Print hash value"),
        Flag("hash_old", "Print old-style (MD5) hash value"),
        new("nameopt", OptionKind.Value, "Certificate subject/issuer name printing options"),
        Flag("*", "Any supported digest"),
        OptionSpec.Section("CRL options:"),
        Flag("issuer", "Print issuer DN"),
        Flag("lastupdate", "Set lastUpdate field"),
        Flag("nextupdate", "Set nextUpdate field"),
        Flag("noout", "No CRL output"),
        Flag("fingerprint", "Print the crl fingerprint"),
        Flag("crlnumber", "Print CRL number"),
        Flag("badsig", "Corrupt last byte of loaded CRL signature (for test)"),
        new("gendelta", OptionKind.InFile, "Other CRL to compare/diff to the Input one"),
        OptionSpec.Section("Certificate options:"),
        new("CApath", OptionKind.Dir, "Verify CRL using certificates in dir"),
        new("CAfile", OptionKind.InFile, "Verify CRL using certificates in file name"),
        new("CAstore", OptionKind.Value, "Verify CRL using certificates in store URI", "uri"),
        Flag("no-CAfile", "Do not load the default certificates file"),
        Flag("no-CApath", "Do not load certificates from the default certificates directory"),
        Flag("no-CAstore", "Do not load certificates from the default certificates store"),
        OptionSpec.Group(CommonOptions.ProviderRows)) { Hidden = NotSupported };

    private static readonly HashSet<string> Printing = ["issuer", "crlnumber", "hash", "hash_old", "lastupdate", "nextupdate", "fingerprint"];

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        // apps/crl.c opt_md(): an unknown "-xxx" must name a digest, checked while parsing.
        foreach (var name in options.UnknownNames)
            if (Fingerprints.CanonicalName(name) == null) throw Table.UsageError($"Unknown option or message digest: {name}");
        if (options.Positionals.Count > 0) throw new CnfSignerException("crl: Use -help for summary.");
        if (NotSupported.FirstOrDefault(options.Has) is { } unsupported)
            throw new CnfSignerException($"crl: -{unsupported} is not supported: cnfsigner crl only displays CRLs");
        CommonOptions.CheckEngineAndProviders("crl", options, terminal.Err);
        var names = NameFormat.Oneline;
        if (options.Values("nameopt").Any())
        {
            NameFormat? flags = null;
            foreach (var value in options.Values("nameopt")) flags = NameOptions.Apply(flags ?? NameFormat.Compat, value) ?? throw Table.UsageError("Invalid name options");
            names = flags!.Value;
        }
        var iso = options.Value("dateopt") switch
        {
            null or "rfc_822" => false,
            "iso_8601" => true,
            var other => throw new CnfSignerException($"Invalid date format: {other}"),
        };
        var der = CertificateInput.LoadCrl(options.Value("in"), terminal.In.ReadToEnd);
        if (options.Has("verify") && !Verify(der, options, terminal)) return 1;
        var digest = options.UnknownNames.Count > 0 ? options.UnknownNames[^1] : "sha1";
        // X509_CRL_digest() answers SHA-1 from the hash d2i cached, so that fingerprint is of the CRL as it was read.
        var sha1Source = der;
        if (options.Has("badsig")) der = BadSignature.Corrupt(der);
        terminal.Write(Fields(der, Slots(options), names, iso, digest, sha1Source));
        var output = new StringBuilder();
        if (options.Has("text")) output.Append(TextDump.Crl(der, new TextDumpOptions(names, CertPrintFlags.Compat)));
        if (options.Has("noout") && output.Length == 0) return 0;
        var bytes = new MemoryStream();
        bytes.Write(TextDump.ToBytes(output.ToString()));
        if (!options.Has("noout"))
            bytes.Write(options.Value("outform") is { } f && OptionTable.ParseFormat(f) == "DER" ? der : Encoding.ASCII.GetBytes(PemBlock.Encode("X509 CRL", der)));
        if (options.Value("out") is { } path) SafeFile.Write(path, bytes.ToArray(), secret: false);
        else terminal.WriteBytes(bytes.ToArray());
        return 0;
    }

    private static List<string> Slots(ParsedOptions options)
    {
        var slot = new Dictionary<string, int>();
        var next = 0;
        foreach (var (name, _) in options.Occurrences)
            if (Printing.Contains(name)) slot[name] = ++next;
        return slot.OrderBy(s => s.Value).Select(s => s.Key).ToList();
    }

    /// <summary>apps/crl.c's print loop; the hash lines get a label only when more than one field is printed.</summary>
    private static string Fields(byte[] der, List<string> slots, NameFormat names, bool iso, string digest, byte[] sha1Source)
    {
        var fingerprinted = Fingerprints.CanonicalName(digest) == Fingerprints.CanonicalName("sha1") ? sha1Source : der;
        var crl = CrlFields.Parse(der);
        var text = new StringBuilder();
        var label = slots.Count > 1;
        foreach (var slot in slots)
        {
            text.Append(slot switch
            {
                "issuer" => NamePrinter.PrintLine("issuer=", crl.Issuer, names),
                "crlnumber" => "crlNumber=" + (crl.CrlNumberHex is { } n ? "0x" + n : "<NONE>") + "\n",
                "hash" => (label ? "issuer name hash=" : "") + $"{NameHash.Hash(crl.Issuer):x8}\n",
                "hash_old" => (label ? "issuer name old hash=" : "") + $"{NameHash.OldHash(crl.Issuer):x8}\n",
                "lastupdate" => "lastUpdate=" + (iso ? crl.LastUpdateIso : crl.LastUpdate) + "\n",
                "nextupdate" => "nextUpdate=" + ((iso ? crl.NextUpdateIso : crl.NextUpdate) ?? "NONE") + "\n",
                _ => $"{Fingerprints.CanonicalName(digest)} Fingerprint={Fingerprints.Hex(Fingerprints.Compute(digest, fingerprinted)!)}\n",
            });
        }
        return text.ToString();
    }

    /// <summary>"verify OK" or "verify failure" on stderr (a failure still exits 0, as OpenSSL does).</summary>
    private static bool Verify(byte[] der, ParsedOptions options, Terminal terminal)
    {
        var caFile = options.Value("CAfile");
        if (options.Has("CApath") || options.Has("CAstore"))
        {
            var (verified, failure) = CrlSignature.Verify(der, caFile, options.Value("CApath"), options.Value("CAstore"));
            if (failure != null) throw new CnfSignerException(failure.Message);
            return Report(verified, terminal);
        }
        string caText = "";
        if (caFile != null)
        {
            try { caText = Encoding.Latin1.GetString(File.ReadAllBytes(caFile)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CnfSignerException($"Error loading file {caFile}", 1, e);
            }
        }
        return Report(CrlSignature.Verify(der, caText), terminal);
    }

    private static bool Report(bool? verified, Terminal terminal)
    {
        switch (verified)
        {
            case null:
                terminal.Err.WriteLine("Error getting CRL issuer certificate");
                return false;
            case var ok:
                terminal.Err.WriteLine(ok == true ? "verify OK" : "verify failure");
                return true;
        }
    }
}
