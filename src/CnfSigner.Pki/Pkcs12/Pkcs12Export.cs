using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>What openssl pkcs12 -export names: where the key and certificates come from, and how to protect them.</summary>
public sealed record Pkcs12ExportRequest
{
    /// <summary>-in: PEM certificates (and the key when there is no -inkey); null or "-": <see cref="StandardInput"/>.</summary>
    public string? InFile { get; init; }
    public byte[]? StandardInput { get; init; }
    /// <summary>-inkey.</summary>
    public string? KeyFile { get; init; }
    /// <summary>-certfile: more certificates.</summary>
    public string? CertFile { get; init; }
    /// <summary>-untrusted: certificates for building the -chain.</summary>
    public string? Untrusted { get; init; }
    public bool Chain { get; init; }
    public string? CaFile { get; init; }
    public string? CaPath { get; init; }
    public bool NoCaFile { get; init; }
    public bool NoCaPath { get; init; }
    public bool NoKeys { get; init; }
    public bool NoCerts { get; init; }
    /// <summary>-passin: the pass phrase of an encrypted key (and of -in's contents).</summary>
    public string? PassIn { get; init; }
    /// <summary>-passcerts: the pass phrase of -certfile and -untrusted.</summary>
    public string? PassCerts { get; init; }
    /// <summary>-passout / -password; null: asked with "Enter Export Password:".</summary>
    public string? Password { get; init; }
    /// <summary>-twopass: the MAC's own password, asked with "Enter MAC Password:".</summary>
    public bool TwoPass { get; init; }
    /// <summary>-nodes / -noenc: apps/pkcs12.c skips the password prompt when this and -nomac are both given.</summary>
    public bool NoEncryption { get; init; }
    public Pkcs12ExportOptions Options { get; init; } = new();
    /// <summary>-out, for OpenSSL's "Error creating PKCS12 structure for FILE".</summary>
    public string? OutFile { get; init; }
}

/// <summary>
/// apps/pkcs12.c's export branch: load the key, the certificates of -in, find the one matching the key, build
/// the chain, add -certfile, name the CA certificates, ask for the password, make the PKCS#12.
/// </summary>
public static class Pkcs12Export
{
    /// <summary>
    /// The simple form for other commands (CockroachDB client bundles, easy-rsa export-p12): the certificate(s)
    /// in <paramref name="certPemPaths"/> (the first matching the key becomes the key's certificate), the key, a
    /// password, written atomically to <paramref name="outPath"/> with mode 0600.
    /// </summary>
    public static void WriteFile(IReadOnlyList<string> certPemPaths, string keyPath, string password, string outPath,
        Pkcs12ExportOptions? options = null, string? keyPassphrase = null)
    {
        var certs = certPemPaths.SelectMany(p => LoadCerts(p, "certificates", keyPassphrase)).ToList();
        var key = KeyReader.LoadPrivateKey(keyPath, keyPassphrase, "private key from -inkey file");
        var index = certs.FindIndex(c => KeyChecks.KeyMatches(key, c.CertificateStructure.SubjectPublicKeyInfo));
        if (index < 0) throw new CnfSignerException($"No cert in -in file '{certPemPaths.FirstOrDefault()}' matches private key");
        var own = certs[index];
        certs.RemoveAt(index);
        SafeFile.Write(outPath, Create(key, own, certs, password, null, options ?? new()), secret: true);
    }

    /// <summary>"Enter Export Password:" and its verification, as openssl pkcs12 -export asks (for <see cref="WriteFile"/>'s callers).</summary>
    public static string AskExportPassword(IPassphraseConsole console) => Pkcs12Prompts.Ask(console, "Enter Export Password:", verify: true);

    /// <summary>Runs the export; <paramref name="stderr"/> gets OpenSSL's warnings, <paramref name="console"/> the prompts.</summary>
    public static byte[] Run(Pkcs12ExportRequest request, IPassphraseConsole console, TextWriter stderr)
    {
        var macPassword = request.TwoPass ? Pkcs12Prompts.Ask(console, "Enter MAC Password:", verify: true) : null;
        if (request.NoKeys && request.NoCerts) throw new CnfSignerException("Nothing to export due to -noout or -nocerts and -nokeys");
        var chain = request.Chain;
        if (request.NoCerts)
        {
            chain = false;
            stderr.Write("Warning: -chain option ignored with -nocerts\n");
        }

        var inName = request.InFile is null or "-" ? "<stdin>" : request.InFile;
        PrivateKey? key = null;
        if (!request.NoKeys)
        {
            key = request.KeyFile != null
                ? LoadKey(ReadSource(request.KeyFile, "private key from -inkey file"), request.PassIn, request.KeyFile, "private key from -inkey file", console)
                : LoadKey(InData(request), request.PassIn, inName, "private key from -in file", console);
        }

        var certs = new List<X509Certificate>();
        X509Certificate? own = null;
        if (!request.NoCerts)
        {
            certs = Parse(InData(request), inName, "certificates from -in file");
            if (key != null) own = TakeMatching(certs, key, inName, stderr);
        }
        var untrusted = request.Untrusted != null ? LoadCerts(request.Untrusted, "untrusted certificates", request.PassCerts) : [];
        if (chain) AddChain(own ?? certs.FirstOrDefault(), certs, untrusted, request);
        if (request.CertFile != null) certs.AddRange(LoadCerts(request.CertFile, "extra certificates from -certfile", request.PassCerts));

        var password = request.Password;
        if (password == null && !(request.NoEncryption && request.Options.NoMac))
            password = Pkcs12Prompts.Ask(console, "Enter Export Password:", verify: true);
        try
        {
            return Create(key, own, certs, password ?? "", request.TwoPass ? macPassword : null, request.Options);
        }
        catch (Pkcs12Crypto.EncryptException e)
        {
            throw new CnfSignerException($"Error creating PKCS12 structure for {request.OutFile ?? "(null)"}\n{e.Message}\nencrypt error\nencrypt error", 1, e);
        }
    }

    private static byte[] Create(PrivateKey? key, X509Certificate? own, List<X509Certificate> others, string password,
        string? macPassword, Pkcs12ExportOptions options)
    {
        var named = others.Select((c, i) => new Pkcs12Writer.NamedCertificate(c, i < options.CaNames.Count ? options.CaNames[i] : null)).ToList();
        return Pkcs12Writer.Create(key, own, named, Pkcs12Password.Of(password), macPassword == null ? null : Pkcs12Password.Of(macPassword), options);
    }

    private static byte[] InData(Pkcs12ExportRequest request) =>
        request.InFile is null or "-" ? request.StandardInput ?? [] : ReadSource(request.InFile, "certs of certificates from -in file");

    // apps/lib/apps.c load_key_cert_crl(): the OSSL_STORE file loader's words for a file that is not there.
    private static byte[] ReadSource(string path, string what)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CnfSignerException($"Could not open file or uri for loading {what} from {path}\nNo such file or directory: calling stat({path})");
        return SafeFile.ReadAllBytes(path, what);
    }

    // load_key(): a file with no key says only "Could not read ..." (the decoder's complaint is not printed).
    private static PrivateKey LoadKey(byte[] data, string? pass, string source, string what, IPassphraseConsole console)
    {
        try
        {
            return KeyReader.ParsePrivateKey(data, pass, source, what, console);
        }
        catch (CnfSignerException e) when (e.Message.EndsWith("\nNo supported data to decode", StringComparison.Ordinal))
        {
            throw new CnfSignerException($"Could not read {what} from {source}", 1, e);
        }
    }

    // apps/pkcs12.c: the first certificate whose key is the private key's (X509_check_private_key, whose
    // complaints about the others stay on the error stack and are printed at the end, success or not).
    private static X509Certificate TakeMatching(List<X509Certificate> certs, PrivateKey key, string inName, TextWriter stderr)
    {
        var complaints = new System.Text.StringBuilder();
        for (var i = 0; i < certs.Count; i++)
        {
            var spki = certs[i].CertificateStructure.SubjectPublicKeyInfo;
            if (KeyChecks.KeyMatches(key, spki))
            {
                stderr.Write(complaints.ToString());
                var own = certs[i];
                certs.RemoveAt(i);
                return own;
            }
            complaints.Append(spki.Algorithm.Algorithm.Equals(key.PublicInfo.Algorithm.Algorithm)
                ? "key values mismatch\n" : "different key types\nkey type mismatch\n");
        }
        throw new CnfSignerException($"No cert in -in file '{inName}' matches private key\n{complaints.ToString().TrimEnd('\n')}");
    }

    // get_cert_chain(): X509_verify_cert() from the end-entity certificate; its chain less the first goes in,
    // without duplicates (X509_add_certs(..., X509_ADD_FLAG_NO_DUP)).
    private static void AddChain(X509Certificate? leaf, List<X509Certificate> certs, List<X509Certificate> untrusted, Pkcs12ExportRequest request)
    {
        if (leaf == null) throw new CnfSignerException("No end entity certificate to check with -chain");
        var (store, failure) = TrustSetup.Build(request.CaFile, request.NoCaFile, request.CaPath, request.NoCaPath);
        if (store == null) throw new CnfSignerException(failure!.Message);
        var result = new ChainVerifier(store, untrusted, [], new VerifyOptions()).Verify(leaf, DateTimeOffset.UtcNow);
        if (result.Errors.Count > 0)
            throw new CnfSignerException($"Error getting chain: {VerifyErrors.Text(result.Errors[0].Code)}");
        foreach (var c in result.Chain.Skip(1))
            if (!certs.Any(x => x.Equals(c))) certs.Add(c);
    }

    private static List<X509Certificate> LoadCerts(string path, string description, string? pass)
    {
        _ = pass; // PEM certificates are never encrypted; -passcerts is accepted for PKCS#12 inputs OpenSSL also reads
        return Parse(ReadSource(path, "certs of " + description), path, description);
    }

    private static List<X509Certificate> Parse(byte[] data, string source, string description)
    {
        var certs = CertificateFiles.Parse(data).Certificates.ToList();
        if (certs.Count == 0) throw new CnfSignerException($"Could not read any {description} from {source}\nunsupported");
        return certs;
    }
}
