using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>
/// apps/x509.c without -req: an existing certificate (-in) signed anew, by -signkey/-key (it becomes self-signed:
/// the key's public half and the subject as issuer) or by -CA/-CAkey (which first checks that the certificate is
/// self-signed). In OpenSSL's order: -subj and -force_pubkey change it, -clrext or the -ext filter drop extensions,
/// the serial comes from -set_serial or the CA's serial file (a -signkey certificate keeps its own), the dates from
/// now and -days unless -preserve_dates, the issuer from the signer, the -extfile section replaces extensions of the
/// same type, and do_X509_sign() adds the default key identifiers and makes it version 3 when it has extensions.
/// The certificate is made by <see cref="CertificateIssuer"/>, as every other.
/// </summary>
public static class X509Resigning
{
    private const string ForcedKey = "explicitly set public key";

    /// <returns>the re-signed certificate's DER</returns>
    public static byte[] Run(X509ReqCommandLine line, Func<byte[]> loadCertificate, DateTimeOffset now, TextWriter err)
    {
        var key = line.SignKey is { } keyPath ? KeyReader.LoadPrivateKey(keyPath, line.PassIn, prompts: line.Prompts) : null;
        var (subject, forced) = SubjectAndKey(line, err);
        if (line.CaFile != null && key != null) throw new CnfSignerException("Cannot use both -key/-signkey and -CA option");
        var sections = OptionChecks(line, err);
        var read = X509CertificateStructure.GetInstance(loadCertificate());
        var tbs = read.TbsCertificate;
        var caCertificate = line.CaFile is { } caFile ? CertificateFiles.Load(caFile, "CA certificate") : null;

        var newSubject = subject ?? tbs.Subject;
        var publicKey = forced ?? key?.PublicInfo ?? tbs.SubjectPublicKeyInfo;
        if (line.ClearExtensions && line.ExtNames != null) err.WriteLine("Warning: Ignoring -ext since -clrext is given");
        var kept = Kept(tbs, line.ClearExtensions, line.ExtNames);

        Signer signer;
        Org.BouncyCastle.Math.BigInteger serial;
        if (caCertificate != null)
        {
            // x509_load_serial() comes before self_signed(); the serial file is only written once all is well.
            if (line.Serial == null && line.CaSerial is { } serialPath) SerialFile.LoadForSigning(serialPath, line.CaCreateSerial);
            var changed = Changed(read, newSubject, publicKey);
            SelfSignedCheck.Require(changed, now, line.Names, err);
            signer = Signer.LoadCa(new CaFiles(line.CaKeyFile ?? line.CaFile!, "CA private key", line.CaFile!, "CA certificate",
                "CA certificate and CA private key do not match") { CertificateFirst = true }, line.PassIn, line.Prompts);
            serial = line.Serial is { } s ? SerialFile.ParseOption(s)! : X509ReqSigning.CaSerial(line);
        }
        else
        {
            signer = new Signer(key!, null);
            serial = line.Serial is { } s ? SerialFile.ParseOption(s)! : tbs.SerialNumber.Value;
        }

        var utc = now.UtcDateTime;
        var (notBefore, notAfter) = line.PreserveDates
            ? (tbs.StartDate.ToDateTime().ToUniversalTime(), tbs.EndDate.ToDateTime().ToUniversalTime())
            : (utc, Timestamps.AddDays(utc, line.Days ?? 30));
        var existing = new ExistingCertificate(kept, tbs.VersionNumber.IntValueExact,
            line.PreserveDates ? new DerSequence(tbs.StartDate, tbs.EndDate) : null);
        var certificate = CertificateIssuer.Issue(new CertificateOrder(newSubject, publicKey, signer, serial, notBefore, notAfter, line.Digest)
        {
            Sections = sections,
            Existing = existing,
            SignatureOptions = Signing.SignatureOptions.Parse(line.SignatureOptions, signer.Key),
        });
        CertificateIssuer.WarnIfOutlivesIssuer(signer, notAfter, err);
        return certificate.GetEncoded();
    }

    /// <summary>
    /// The extensions the certificate keeps: none with -clrext; with -ext, those whose short name ("UNDEF" for an
    /// unknown one) occurs anywhere in the -ext text (strstr(): a case-sensitive substring, not a list item).
    /// </summary>
    private static List<CertExtension> Kept(TbsCertificateStructure tbs, bool clear, string? names)
    {
        if (clear || tbs.Extensions == null) return [];
        var list = new List<CertExtension>();
        foreach (var oid in tbs.Extensions.GetExtensionOids())
        {
            var ext = tbs.Extensions.GetExtension(oid);
            var shortName = ObjectNames.Find(oid.Id)?.ShortName ?? "UNDEF";
            if (names != null && !names.Contains(shortName, StringComparison.Ordinal)) continue;
            list.Add(new CertExtension(oid, ext.IsCritical, ext.Value.GetOctets()));
        }
        return list;
    }

    /// <summary>
    /// x509 with -subj, -force_pubkey or -clrext but nothing to sign with: apps/x509.c changes the certificate in
    /// memory, so the printing options (-text, -subject, -pubkey, ...) show the change, while the certificate written
    /// and its fingerprint are the bytes read (OpenSSL 3.0 keeps the cached encoding). The key and subject are read
    /// now (before the certificate, as apps/x509.c does); the function returned makes what is printed.
    /// </summary>
    public static Func<byte[], byte[]>? ForPrinting(X509ReqCommandLine line, TextWriter err)
    {
        var (subject, forced) = SubjectAndKey(line, err);
        var sections = OptionChecks(line, err);
        if (subject == null && forced == null && !line.ClearExtensions && sections.Count == 0) return null;
        return der => ForPrinting(der, line, subject, forced, sections, err);
    }

    private static byte[] ForPrinting(byte[] der, X509ReqCommandLine line, X509Name? subject, SubjectPublicKeyInfo? forced,
        List<ExtensionSource> sections, TextWriter err)
    {
        var read = X509CertificateStructure.GetInstance(der);
        if (line.ClearExtensions && line.ExtNames != null) err.WriteLine("Warning: Ignoring -ext since -clrext is given");
        var newSubject = subject ?? read.Subject;
        var publicKey = forced ?? read.SubjectPublicKeyInfo;
        // The -extfile section is added to the certificate in memory even when nothing signs it (X509V3_EXT_add_nconf).
        var context = new ExtensionContext(publicKey, newSubject, null) { SerialNumber = read.SerialNumber.Value };
        var extensions = ExtensionCopy.ReplaceAll(Kept(read.TbsCertificate, line.ClearExtensions, null),
            sections.Select(s => s.Build(context)));
        return Changed(read, newSubject, publicKey, extensions).GetEncoded();
    }

    /// <summary>
    /// apps/x509.c before it reads the certificate: the warnings for -CAkey without -CA, -extensions without -extfile
    /// and -copy_extensions without -req or -x509toreq, and the -extfile section, which must exist.
    /// </summary>
    public static List<ExtensionSource> OptionChecks(X509ReqCommandLine line, TextWriter err)
    {
        if (line.CaFile == null && line.CaKeyFile != null) err.WriteLine("Warning: ignoring -CAkey option since -CA option is not given");
        List<ExtensionSource> sections = [];
        if (line.ExtFile != null)
        {
            var (file, section) = ExtensionSource.ExtFile(line.ExtFile, line.Extensions);
            sections.Add(ExtensionSource.Of(file, section, "Error checking extension section"));
        }
        else if (line.Extensions != null) err.WriteLine("Warning: ignoring -extensions option without -extfile");
        if (line.CopyExtensions != null)
            err.WriteLine("Warning: ignoring -copy_extensions since neither -x509toreq nor -req is given");
        return sections;
    }

    /// <summary>-force_pubkey and -subj, loaded and parsed in apps/x509.c's order (after -key, before the certificate).</summary>
    public static (X509Name? Subject, SubjectPublicKeyInfo? PublicKey) SubjectAndKey(X509ReqCommandLine line, TextWriter err)
    {
        var forced = line.ForcePublicKey is { } pubPath
            ? KeyReader.ParsePublicKeyOnly(SafeFile.ReadAllBytes(pubPath, ForcedKey), pubPath, ForcedKey)
            : null;
        var subject = line.Subject is { } subj
            ? SubjectParser.Parse(subj, "x509", "subject",
                new NameBuilder(line.Utf8 ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8), err).Build()
            : null;
        return (subject, forced);
    }

    /// <summary>
    /// The certificate self_signed() looks at: the one read with the new subject and public key but its old
    /// signature (and its extensions as read: deleting one leaves OpenSSL's cached encoding, which is what is
    /// verified, in place).
    /// </summary>
    /// <param name="extensions">the extensions it is to have; null: those read</param>
    private static X509Certificate Changed(X509CertificateStructure read, X509Name subject, SubjectPublicKeyInfo publicKey,
        IReadOnlyList<CertExtension>? extensions = null)
    {
        var fields = ((Asn1Sequence)read.TbsCertificate.ToAsn1Object()).ToArray();
        var offset = fields[0] is Asn1TaggedObject ? 1 : 0;
        fields[offset + 4] = subject;
        fields[offset + 5] = publicKey;
        if (extensions != null)
        {
            fields = [.. fields.Where(f => f is not Asn1TaggedObject { TagNo: 3 })];
            if (extensions.Count > 0) fields = [.. fields, new DerTaggedObject(true, 3, ExtensionBuilder.ToExtensionsSequence(extensions))];
        }
        return new X509Certificate(X509CertificateStructure.GetInstance(
            new DerSequence(new DerSequence(fields), read.SignatureAlgorithm, read.Signature)));
    }
}
