using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>What the req command line asks for, once its options are read (apps/req.c's option variables).</summary>
public sealed record ReqCommandLine
{
    public bool NewRequest { get; init; }
    public bool X509 { get; init; }
    public string? Subject { get; init; }
    public string? KeyFile { get; init; }
    public string? KeyForm { get; init; }
    public string? InFile { get; init; }
    public string InForm { get; init; } = "PEM";
    public string? CaFile { get; init; }
    public string? CaKeyFile { get; init; }
    /// <summary>-set_serial, checked by <see cref="SerialFile.ParseOption"/>; null: random.</summary>
    public string? Serial { get; init; }
    public long? Days { get; init; }
    public bool Precert { get; init; }
    public bool Verify { get; init; }
    /// <summary>-vfyopt, for -verify.</summary>
    public IReadOnlyList<string> VerifyOptions { get; init; } = [];
    /// <summary>-pkeyopt NAME:VALUE for a new key, in order.</summary>
    public IReadOnlyList<string> KeyOptions { get; init; } = [];
    public string? PassIn { get; init; }
    public string? PassOut { get; init; }
    /// <summary>Where pass phrases are asked for when -passin/-passout give none (OpenSSL's UI).</summary>
    public required IPassphraseConsole Prompts { get; init; }
    public required ReqPrintOptions Print { get; init; }
}

/// <summary>One output of a run: a file (null: standard output), written only once every step has succeeded.</summary>
public sealed record ReqOutput(string? Path, byte[] Bytes, bool Secret);

/// <summary>
/// apps/req.c after its options: the key (-key or new, -keyout), the subject, the request (-in or new), the
/// issuer (-CA), the certificate (-x509), -verify and the printed outputs, in req_main()'s order.
/// </summary>
public static class ReqRun
{
    public static List<ReqOutput> Run(ReqCommandLine line, ReqSettings settings, CnfDocument config, DateTime now,
        TextReader input, TextWriter err)
    {
        var outputs = new List<ReqOutput>();
        var key = OwnKey(line, settings, outputs, err);
        var subject = line.Subject is { } subj
            ? SubjectParser.Parse(subj, "req", "subject", settings.NewNameBuilder(), err).Build()
            : null;
        var request = line.NewRequest ? null : RequestFiles.Load(line.InFile, line.InForm, input, "X509 request");
        var issuer = Issuer(line, err);

        X509Certificate? certificate = null;
        MadeRequest? made = null;
        if (line.NewRequest || line.X509)
        {
            if (issuer == null && key == null)
                throw new CnfSignerException("Must provide a signature key using -key or provide -CA / -CAkey");
            if (line.X509)
                certificate = ReqCertificate.Make(Order(line, settings, config, request, subject, key, now, input, err),
                    issuer ?? new Signer(key!, null), settings, config, err);
            else made = RequestMaker.Make(subject, key!, settings, config, input, err);
        }
        else if (subject != null) request = RequestMaker.WithSubject(request!, subject);
        request = made?.Request ?? request;

        // A new request for -x509 is never signed (apps/req.c), so it cannot verify.
        if (line.Verify) Verify(request, key, line.VerifyOptions, err);
        made ??= request == null ? null : new MadeRequest(request, request.GetEncoded(), request.GetCertificationRequestInfo().Subject);
        if (ReqPrinting.Output(line.Print, made, certificate) is { } printed) outputs.Add(new ReqOutput(line.Print.Out, printed, false));
        return outputs;
    }

    /// <summary>-x509: the -in request's subject and key, else the new subject and the key; -subj replaces the subject.</summary>
    private static ReqCertificateOrder Order(ReqCommandLine line, ReqSettings settings, CnfDocument config,
        Pkcs10CertificationRequest? request, X509Name? subject, PrivateKey? key, DateTime now, TextReader input, TextWriter err)
    {
        var info = request?.GetCertificationRequestInfo();
        var name = subject ?? info?.Subject ?? RequestMaker.CertificateSubject(null, settings, config, input, err);
        var serial = line.Serial == null ? SerialFile.Random() : SerialFile.ParseOption(line.Serial)!;
        return new ReqCertificateOrder(name, info?.SubjectPublicKeyInfo ?? key!.PublicInfo, request, serial, now,
            line.Days ?? 30, line.Precert);
    }

    /// <summary>
    /// -key, or a new key when a new request has none; -keyout (default_keyfile for new keys) receives it, and
    /// so does standard output when a new key has nowhere else to go. "-----" follows, as in OpenSSL.
    /// </summary>
    private static PrivateKey? OwnKey(ReqCommandLine line, ReqSettings settings, List<ReqOutput> outputs, TextWriter err)
    {
        var key = line.KeyFile != null ? RequestKeys.Load(line.KeyFile, line.KeyForm, line.PassIn, line.Prompts)
            : line.NewRequest ? RequestKeys.Generate(settings, line.KeyOptions, err)
            : null;
        if (key == null || (line.KeyFile != null && settings.KeyOut == null)) return key;
        outputs.Add(new ReqOutput(settings.KeyOut, RequestKeys.Pem(key, settings, line.PassOut, line.Prompts), Secret: true));
        err.Write("-----\n");
        return key;
    }

    private static Signer? Issuer(ReqCommandLine line, TextWriter err)
    {
        if (line.CaFile != null) return ReqCertificate.LoadCa(line.CaFile, line.CaKeyFile, line.PassIn, line.Prompts);
        if (line.CaKeyFile != null) err.Write("Warning: Ignoring -CAkey option since no -CA option is given\n");
        return null;
    }

    /// <summary>
    /// apps/req.c: the -key's public key when given, else the request's own. A failed check exits 1 here
    /// (OpenSSL prints the failure and exits 0, so a script cannot tell); an unknown signature algorithm (-1):
    /// OpenSSL prints only its error stack.
    /// </summary>
    private static void Verify(Pkcs10CertificationRequest? request, PrivateKey? key, IReadOnlyList<string> options, TextWriter err)
    {
        // -vfyopt: only an SM2 distinguishing ID is known, and it fails every other key's signature.
        var (refused, distinguishingId) = VerifyParameters.Read(options);
        if (refused != null) throw new CnfSignerException($"parameter error \"{refused}\"");
        var status = request == null || distinguishingId ? SignatureStatus.Invalid : SignatureCheck.Check(request, key?.Public);
        if (status == SignatureStatus.Unverifiable) throw new CnfSignerException("unknown signature algorithm");
        if (status != SignatureStatus.Valid) throw new CnfSignerException("Certificate request self-signature verify failure");
        err.WriteLine("Certificate request self-signature verify OK");
    }
}
