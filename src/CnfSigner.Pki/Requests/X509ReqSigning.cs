using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>What x509 -req says: the signer (-signkey/-key, or -CA/-CAkey/-CAserial), serial, days, extensions.</summary>
public sealed record X509ReqCommandLine
{
    public string? RequestFile { get; init; }
    public string RequestFormat { get; init; } = "PEM";
    /// <summary>-nameopt, for the "subject=" line printed after the request's signature is checked.</summary>
    public required NameFormat Names { get; init; }
    /// <summary>-subj, read as -utf8 says.</summary>
    public string? Subject { get; init; }
    public bool Utf8 { get; init; }
    public string? SignKey { get; init; }
    public string? CaFile { get; init; }
    public string? CaKeyFile { get; init; }
    public string? CaSerial { get; init; }
    public bool CaCreateSerial { get; init; }
    /// <summary>-set_serial, checked by <see cref="SerialFile.IsOption"/>.</summary>
    public string? Serial { get; init; }
    public string? ExtFile { get; init; }
    public string? Extensions { get; init; }
    public string? CopyExtensions { get; init; }
    public long? Days { get; init; }
    /// <summary>-preserve_dates: apps/x509.c warns that it is ignored with -req, after the "subject=" line.</summary>
    public bool PreserveDates { get; init; }
    public required string Digest { get; init; }
    /// <summary>-sigopt, in order (<see cref="SignatureOptions.Parse"/>).</summary>
    public IReadOnlyList<string> SignatureOptions { get; init; } = [];
    /// <summary>-vfyopt, for the request's self-signature.</summary>
    public IReadOnlyList<string> VerifyOptions { get; init; } = [];
    /// <summary>-force_pubkey: the public key file the certificate carries instead.</summary>
    public string? ForcePublicKey { get; init; }
    /// <summary>-clrext: a re-signed certificate keeps none of its extensions.</summary>
    public bool ClearExtensions { get; init; }
    /// <summary>-ext: a re-signed certificate keeps only the extensions whose short name occurs in this text.</summary>
    public string? ExtNames { get; init; }
    public string? PassIn { get; init; }
    /// <summary>Where an encrypted key without -passin is asked for; null: such a key fails to load.</summary>
    public IPassphraseConsole? Prompts { get; init; }
}

/// <summary>
/// The signing side of apps/x509.c: -req turns a request into a certificate, signed by itself (-signkey/-key, whose
/// public key the certificate then carries) or by a CA (-CA, -CAkey, -CAserial, -CAcreateserial). The request's
/// extensions are copied first (-copy_extensions), then the -extfile section replaces.
/// </summary>
public static class X509ReqSigning
{
    /// <summary>Reads and checks the request, then signs it; returns the certificate's DER.</summary>
    public static byte[] Run(X509ReqCommandLine line, DateTime now, TextReader input, TextWriter err)
    {
        var request = RequestFiles.Load(line.RequestFile, line.RequestFormat, input, "certificate request input");
        var (refused, distinguishingId) = VerifyParameters.Read(line.VerifyOptions);
        if (refused != null)
            throw new CnfSignerException($"parameter error \"{refused}\"\nError while verifying certificate request self-signature");
        switch (distinguishingId ? SignatureStatus.Invalid : SignatureCheck.Check(request))
        {
            case SignatureStatus.Unverifiable:
                throw new CnfSignerException("Error while verifying certificate request self-signature\nunknown signature algorithm");
            case SignatureStatus.Invalid:
                throw new CnfSignerException("Certificate request self-signature did not match the contents");
        }
        err.WriteLine("Certificate request self-signature ok");
        var info = request.GetCertificationRequestInfo();
        err.Write(NamePrinter.PrintLine("subject=", info.Subject.ToAsn1Object().GetEncoded(Asn1Encodable.DL), line.Names));
        if (line.PreserveDates) err.WriteLine("Warning: ignoring -preserve_dates option with -req or -new");
        var subject = line.Subject is { } subj
            ? SubjectParser.Parse(subj, "x509", "subject",
                new NameBuilder(line.Utf8 ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8), err).Build()
            : null;
        return Sign(request, subject, line, now, err).GetEncoded();
    }

    private static X509Certificate Sign(Pkcs10CertificationRequest request, X509Name? subject, X509ReqCommandLine line, DateTime now, TextWriter err)
    {
        var info = request.GetCertificationRequestInfo();
        var signer = LoadSigner(line);
        var serial = (line.Serial == null ? null : SerialFile.ParseOption(line.Serial)) ?? CaSerial(line);
        List<ExtensionSource> sections = [];
        if (line.ExtFile != null)
        {
            var (file, section) = ExtensionSource.ExtFile(line.ExtFile, line.Extensions);
            sections.Add(ExtensionSource.Of(file, section, "Error checking extension section"));
        }
        var copy = line.CopyExtensions == null ? ExtensionCopy.None
            : new ExtensionCopy(ExtensionCopy.ParseMode(line.CopyExtensions), ExtensionCopy.FromRequest(request), AfterSections: false);
        // apps/x509.c: a self-signed certificate carries the signing key (X509_set_pubkey with -signkey).
        var publicKey = signer.Certificate == null ? signer.Key.PublicInfo : info.SubjectPublicKeyInfo;
        var notAfter = Timestamps.AddDays(now, line.Days ?? 30);
        var certificate = CertificateIssuer.Issue(new CertificateOrder(subject ?? info.Subject, publicKey, signer, serial, now,
            notAfter, line.Digest)
        {
            Sections = sections, Copy = copy,
            SignatureOptions = Signing.SignatureOptions.Parse(line.SignatureOptions, signer.Key),
        });
        CertificateIssuer.WarnIfOutlivesIssuer(signer, notAfter, err);
        return certificate;
    }

    /// <summary>
    /// OpenSSL 3.0.19 x509 -CA: -CAserial (or -CAcreateserial with the default file) is read, incremented and saved;
    /// without either, the default CA.srl is used when it exists and otherwise the serial is random and no file is
    /// written (checked against openssl 3.0.19).
    /// </summary>
    internal static BigInteger CaSerial(X509ReqCommandLine line)
    {
        if (line.CaFile is not { } caFile) return SerialFile.Random();
        var path = line.CaSerial ?? SerialFile.DefaultPathFor(caFile);
        if (line.CaSerial == null && !line.CaCreateSerial && !File.Exists(path)) return SerialFile.Random();
        return SerialFile.Next(path, line.CaCreateSerial);
    }

    private static Signer LoadSigner(X509ReqCommandLine line)
    {
        if (line.CaFile is not { } caFile)
        {
            var keyPath = line.SignKey ?? throw new CnfSignerException("x509: We need a private key to sign with, use -key or -CA");
            return new Signer(KeyReader.LoadPrivateKey(keyPath, line.PassIn, prompts: line.Prompts), null);
        }
        return Signer.LoadCa(new CaFiles(line.CaKeyFile ?? caFile, "CA private key", caFile, "CA certificate",
            "CA certificate and CA private key do not match") { CertificateFirst = true }, line.PassIn, line.Prompts);
    }
}
