using CnfSigner.Pki.Io;
using System.Text;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Requests;
using CnfSigner.Pki.Text;
using CnfSigner.Pki.Verify;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// "cnfsigner x509": the display side of apps/x509.c. Loads a certificate, prints what was asked in command-line
/// order, then (unless -noout) the certificate itself, all to -out or stdout.
/// </summary>
public static class X509Command
{
    private sealed record Settings(NameFormat Names, CertPrintFlags CertFlags, string? Digest, bool Iso, string? ExtNames, long? CheckEnd)
    {
        /// <summary>A TRUSTED CERTIFICATE's trust settings, alias and key id (X509_CERT_AUX); null for none.</summary>
        public byte[]? Aux { get; init; }
    }

    public static int Run(string[] args, Terminal terminal)
    {
        var options = X509Options.Table.Parse(args);
        if (options.Positionals.Count > 0) throw new CnfSignerException("x509: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders("x509", options, terminal.Err);
        var unsupported = X509Options.NotSupported.FirstOrDefault(options.Has);
        if (unsupported != null)
            throw new CnfSignerException($"x509: -{unsupported} is not supported by cnfsigner (it re-signs certificates and requests but does not make one from scratch)");
        var settings = ReadSettings(options);
        // apps/x509.c checks this right after the options, before anything is loaded.
        if (options.Has("preserve_dates") && options.Has("days")) throw new CnfSignerException("Cannot use -preserve_dates with -days option");
        var trust = TrustOptions(options);
        var output = new MemoryStream();
        byte[] der, encoded;
        byte[]? aux = null;
        if (options.Has("x509toreq"))
        {
            var made = X509Signing.ToRequest(options, terminal);
            // apps/x509.c -badsig corrupts the certificate (read, signed or turned into a request) before printing.
            made = made with { Certificate = Bad(options, made.Certificate), Encoded = Bad(options, made.Encoded) };
            (der, encoded) = (made.Certificate, made.Encoded);
            if (!options.Has("noout")) output.Write(RequestOutput(made, options, settings));
        }
        else if (X509Signing.Options.Any(options.Has)) encoded = der = Bad(options, X509Signing.Sign(options, terminal));
        else
        {
            var display = X509Signing.Display(options, terminal);
            (der, aux) = CertificateInput.LoadTrustedCertificate(options.Value("in"), terminal.In.ReadToEnd);
            encoded = der = Bad(options, der);
            if (display != null) der = display(der);
        }
        aux = TrustSettings.Edit(aux, trust);
        settings = settings with { Aux = aux };
        var rc = Print(output, der, encoded, Slots(options), settings, terminal, options.Value("out"));
        if (rc != null) { Deliver(output, options.Value("out"), terminal); return rc.Value; }
        output.Write(TextDump.ToBytes(CertificateChecks.Print(der, options.Value("checkhost"), options.Value("checkemail"), options.Value("checkip"))));
        if (!options.Has("noout") && !options.Has("nocert") && !options.Has("x509toreq"))
        {
            // PEM_write_bio_X509_AUX with -trustout (and the options that imply it); DER is the certificate alone.
            var trustOut = options.Has("trustout") || trust.Alias != null || trust.Trust.Count > 0 || trust.Reject.Count > 0;
            // i2d_X509: the bytes read, also when -subj, -force_pubkey or -clrext changed the printed certificate.
            var cert = options.Value("outform") is { } f && OptionTable.ParseFormat(f) == "DER" ? encoded
                : trustOut ? Encoding.ASCII.GetBytes(PemBlock.Encode("TRUSTED CERTIFICATE", [.. encoded, .. aux ?? []]))
                : Encoding.ASCII.GetBytes(PemBlock.Encode("CERTIFICATE", encoded));
            output.Write(cert);
        }
        Deliver(output, options.Value("out"), terminal);
        return 0;
    }

    /// <summary>
    /// apps/x509.c -x509toreq: the request in PEM; with -outform DER, the request's text (X509_REQ_print_ex) followed
    /// by the DER of the certificate, not of the request (OpenSSL 3.0.19 does exactly this).
    /// </summary>
    private static byte[] RequestOutput(X509ToRequestResult made, ParsedOptions options, Settings settings)
    {
        if (options.Value("outform") is not { } f || OptionTable.ParseFormat(f) != "DER")
            return Encoding.ASCII.GetBytes(PemBlock.Encode("CERTIFICATE REQUEST", made.Request));
        var text = TextDump.ToBytes(TextDump.Request(made.Request, new TextDumpOptions(settings.Names, CertPrintFlags.Compat)));
        return [.. text, .. made.Encoded];
    }

    private static Settings ReadSettings(ParsedOptions options)
    {
        NameFormat? names = null;
        foreach (var value in options.Values("nameopt"))
            names = NameOptions.Apply(names ?? NameFormat.Compat, value) ?? throw Usage();
        var certFlags = Printing.CertFlags("x509", options.Values("certopt"));
        var iso = options.Value("dateopt") switch
        {
            null or "rfc_822" => false,
            "iso_8601" => true,
            var other => throw new CnfSignerException($"Invalid date format: {other}"),
        };
        // apps/x509.c checks -copy_extensions while parsing options, and words it without req's quotes.
        if (options.Value("copy_extensions") is { } copy && copy.ToLowerInvariant() is not ("none" or "copy" or "copyall"))
            throw new CnfSignerException($"Invalid extension copy option: {copy}");
        // apps/x509.c: an unknown "-xxx" is the digest name; the last one wins and is checked only when used.
        var digest = options.UnknownNames.Count > 0 ? options.UnknownNames[^1] : null;
        return new Settings(names ?? NameFormat.Oneline, certFlags, digest, iso, options.Value("ext"), options.Long("checkend"));
    }

    /// <summary>apps/x509.c -setalias, -clrtrust, -clrreject, -addtrust, -addreject: objects are checked while parsing.</summary>
    private static TrustEdit TrustOptions(ParsedOptions options)
    {
        List<string> trusted = [], rejected = [];
        foreach (var (name, value) in options.Occurrences)
        {
            if (name is not ("addtrust" or "addreject")) continue;
            var kind = name == "addtrust" ? "trust" : "reject";
            var oid = TrustSettings.ObjectOid(value!)
                ?? throw new CnfSignerException($"x509: Invalid {kind} object value {value}\nx509: Use -help for summary.");
            (name == "addtrust" ? trusted : rejected).Add(oid);
        }
        return new TrustEdit(options.Value("setalias"), options.Has("clrtrust"), options.Has("clrreject"), trusted, rejected);
    }

    private static byte[] Bad(ParsedOptions options, byte[] der) => options.Has("badsig") ? BadSignature.Corrupt(der) : der;

    private static CnfSignerException Usage() => new("x509: Use -help for summary.");

    /// <summary>apps/x509.c numbers each print option as it is seen ("xxx = ++num"), so a repeated option moves.</summary>
    private static List<string> Slots(ParsedOptions options)
    {
        var slot = new Dictionary<string, int>();
        var next = 0;
        foreach (var (name, _) in options.Occurrences)
        {
            if (!X509Options.Printing.Contains(name)) continue;
            if (name == "dates") { slot["startdate"] = ++next; slot["enddate"] = ++next; }
            else slot[name == "hash" ? "subject_hash" : name] = ++next;
        }
        return slot.OrderBy(s => s.Value).Select(s => s.Key).ToList();
    }

    /// <summary>The print loop and -checkend; returns an exit code when OpenSSL stops before writing the certificate.</summary>
    /// <param name="encoded">what i2d_X509 gives: the certificate as read, also after -x509toreq changed it in memory
    /// (OpenSSL 3.0's setters leave the cached encoding in place), so -fingerprint digests it</param>
    private static int? Print(MemoryStream output, byte[] der, byte[] encoded, List<string> slots, Settings settings, Terminal terminal, string? outFile)
    {
        var fields = CertificateFields.Parse(der);
        void Write(string text) => output.Write(TextDump.ToBytes(text));
        foreach (var slot in slots)
        {
            if (slot == "fingerprint")
            {
                if (Fingerprint(encoded, settings.Digest) is { } line) { Write(line); continue; }
                Deliver(output, outFile, terminal, failed: true);
                throw new CnfSignerException($"Unknown digest\nunsupported: Algorithm ({settings.Digest} : 0), Properties (<null>)");
            }
            if (slot == "ext" && CertificateQueries.SelectedExtensions(der, settings.ExtNames!) is not { } exts)
                terminal.Err.WriteLine("No extensions in certificate");
            else Write(SafeRender(slot, der, fields, settings, output, outFile, terminal));
        }
        if (settings.CheckEnd is not { } offset) return null;
        // apps/x509.c: expires when notAfter is before now + offset seconds.
        // An offset past the year 9999 (OpenSSL's time_t sum then fails and it answers "will not expire") expires
        // every certificate.
        var now = terminal.Clock.GetUtcNow();
        var limit = offset >= (DateTimeOffset.MaxValue - now).TotalSeconds ? DateTimeOffset.MaxValue
            : offset <= -(now - DateTimeOffset.MinValue).TotalSeconds ? DateTimeOffset.MinValue : now.AddSeconds(offset);
        var expires = fields.NotAfterTime is not { } notAfter || notAfter < limit;
        Write(expires ? "Certificate will expire\n" : "Certificate will not expire\n");
        return expires ? 1 : 0;
    }

    /// <summary>A damaged extension or name that the loader let through stops the command with an error, not a crash.</summary>
    private static string SafeRender(string slot, byte[] der, CertificateFields fields, Settings s, MemoryStream output, string? outFile, Terminal terminal)
    {
        try { return Render(slot, der, fields, s); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            Deliver(output, outFile, terminal, failed: true);
            throw new CnfSignerException($"x509: cannot print -{slot}: the certificate is malformed ({e.Message})", 1, e);
        }
    }

    private static string Render(string slot, byte[] der, CertificateFields fields, Settings s) => slot switch
    {
        "issuer" => NamePrinter.PrintLine("issuer=", fields.Issuer, s.Names),
        "subject" => NamePrinter.PrintLine("subject=", fields.Subject, s.Names),
        "serial" => "serial=" + CertificateQueries.SerialHex(der) + "\n",
        "next_serial" => CertificateQueries.NextSerialHex(der) + "\n",
        "email" => string.Concat(CertificateQueries.Emails(der).Select(e => e + "\n")),
        "ocsp_uri" => string.Concat(CertificateQueries.OcspUris(der).Select(e => e + "\n")),
        "alias" => ((s.Aux is { } aux ? TrustSettings.Parse(aux).Alias : null) ?? "<No Alias>") + "\n",
        "subject_hash" => $"{NameHash.Hash(fields.Subject):x8}\n",
        "subject_hash_old" => $"{NameHash.OldHash(fields.Subject):x8}\n",
        "issuer_hash" => $"{NameHash.Hash(fields.Issuer):x8}\n",
        "issuer_hash_old" => $"{NameHash.OldHash(fields.Issuer):x8}\n",
        "purpose" => CertificatePurposes.Print(der),
        "modulus" => "Modulus=" + CertificateQueries.Modulus(der) + "\n",
        "pubkey" => CertificateQueries.PublicKeyPem(der),
        "text" => TextDump.Certificate(der, new TextDumpOptions(s.Names, s.CertFlags) { ExtensionNames = s.ExtNames, Aux = s.Aux }),
        "startdate" => "notBefore=" + (s.Iso ? fields.NotBeforeIso : fields.NotBefore) + "\n",
        "enddate" => "notAfter=" + (s.Iso ? fields.NotAfterIso : fields.NotAfter) + "\n",
        "ocspid" => CertificateQueries.OcspId(der),
        "ext" => CertificateQueries.SelectedExtensions(der, s.ExtNames!)!,
        _ => "",
    };

    /// <summary>"SHA1 Fingerprint=..." when no digest was named, else the name as typed ("sha256 Fingerprint=").</summary>
    private static string? Fingerprint(byte[] der, string? digest)
    {
        var name = digest ?? "SHA1";
        return Fingerprints.Compute(name, der) is { } md ? $"{name} Fingerprint={Fingerprints.Hex(md)}\n" : null;
    }

    /// <summary>
    /// Standard output gets everything printed so far; -out is written whole (temp file + rename) and only when
    /// the command succeeds, where OpenSSL would leave a partial file behind.
    /// </summary>
    private static void Deliver(MemoryStream output, string? outFile, Terminal terminal, bool failed = false)
    {
        if (outFile == null) { terminal.WriteBytes(output.ToArray()); return; }
        if (!failed) SafeFile.Write(outFile, output.ToArray(), secret: false);
    }
}
