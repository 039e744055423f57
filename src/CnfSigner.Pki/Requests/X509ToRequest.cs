using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Requests;

/// <summary>What x509 -x509toreq says: the certificate, the signing key and what changes on the way.</summary>
public sealed record X509ToRequestLine
{
    /// <summary>Reads -in; called after the key and -subj are read, as apps/x509.c orders them.</summary>
    public required Func<byte[]> LoadCertificate { get; init; }
    public string? SignKey { get; init; }
    public string? PassIn { get; init; }
    public IPassphraseConsole? Prompts { get; init; }
    /// <summary>-subj, read as -utf8 says.</summary>
    public string? Subject { get; init; }
    public bool Utf8 { get; init; }
    /// <summary>-ext: the extensions kept (apps/x509.c strstr() on the list, so a part of a name matches).</summary>
    public string? ExtNames { get; init; }
    public string? CopyExtensions { get; init; }
    public string? ExtFile { get; init; }
    public string? Extensions { get; init; }
    public string? Serial { get; init; }
    public long? Days { get; init; }
    public required string Digest { get; init; }
    /// <summary>-sigopt, in order.</summary>
    public IReadOnlyList<string> SignatureOptions { get; init; } = [];
    /// <summary>-force_pubkey: the key the certificate, and so the request, carries instead of the signing key's.</summary>
    public string? ForcePublicKey { get; init; }
    /// <summary>-clrext: the certificate keeps no extension (refused unless -copy_extensions none).</summary>
    public bool ClearExtensions { get; init; }
}

/// <param name="Request">the signed request's DER</param>
/// <param name="Certificate">the certificate as apps/x509.c leaves it in memory (the key, issuer, dates, serial and
/// extensions changed, the old signature kept): what the printing options show</param>
/// <param name="Encoded">the certificate as read: OpenSSL 3.0's setters keep the cached encoding, so -outform DER
/// and -fingerprint see the original</param>
public sealed record X509ToRequestResult(byte[] Request, byte[] Certificate, byte[] Encoded);

/// <summary>
/// apps/x509.c -x509toreq (OpenSSL 3.0.19): the signing key replaces the certificate's public key
/// (X509_set_pubkey), the certificate becomes self-issued with new dates, and x509_to_req() makes a request with
/// its subject and key, the certificate's extensions (without the key identifiers) when -copy_extensions copy or
/// copyall, then the -extfile section as request extensions; the request is signed with the key.
/// </summary>
public static class X509ToRequest
{
    public static X509ToRequestResult Run(X509ToRequestLine line, DateTime now, TextWriter err)
    {
        var key = line.SignKey is { } path ? KeyReader.LoadPrivateKey(path, line.PassIn, prompts: line.Prompts) : null;
        var (newSubject, forced) = X509Resigning.SubjectAndKey(new X509ReqCommandLine
        {
            Names = NameFormat.Oneline, Digest = line.Digest, Subject = line.Subject, Utf8 = line.Utf8, ForcePublicKey = line.ForcePublicKey,
        }, err);
        var der = line.LoadCertificate();
        var tbs = TbsCertificateStructure.GetInstance(Asn1Sequence.GetInstance(der)[0]);
        var subject = newSubject ?? tbs.Subject;
        if (line.ClearExtensions && line.ExtNames != null) err.WriteLine("Warning: Ignoring -ext since -clrext is given");
        if (key == null) throw new CnfSignerException("Must specify request signing key using -key");
        var copy = line.CopyExtensions == null ? CopyExtensions.None : ExtensionCopy.ParseMode(line.CopyExtensions);
        // apps/x509.c: an unset -copy_extensions is not "none" here.
        if (line.ClearExtensions && (line.CopyExtensions == null || copy != CopyExtensions.None))
            throw new CnfSignerException("Must not use -clrext together with -copy_extensions");
        var kept = line.ClearExtensions ? [] : Kept(tbs.Extensions, line.ExtNames);
        var serial = line.Serial is { } s ? SerialFile.ParseOption(s)! : tbs.SerialNumber.Value;
        var publicKey = forced ?? key.PublicInfo;
        var certificate = Modified(der, tbs, subject, publicKey, serial, now, line.Days ?? 30, kept);

        foreach (var excluded in new[] { X509Extensions.SubjectKeyIdentifier, X509Extensions.AuthorityKeyIdentifier })
            if (line.ExtNames != null && line.ExtNames.Contains(ObjectNames.Short(excluded.Id), StringComparison.Ordinal))
                err.WriteLine($"Warning: -ext should not specify copying {ObjectNames.Short(excluded.Id)} extension to CSR; ignoring this");
        var copied = copy == CopyExtensions.None ? [] : kept
            .Where(e => !e.Oid.Equals(X509Extensions.SubjectKeyIdentifier) && !e.Oid.Equals(X509Extensions.AuthorityKeyIdentifier))
            .ToList();
        List<CertExtension> fromFile = [];
        if (line.ExtFile != null)
        {
            var (file, section) = ExtensionSource.ExtFile(line.ExtFile, line.Extensions);
            var context = new ExtensionContext(publicKey, subject, null) { SerialNumber = serial };
            fromFile = [.. ExtensionSource.Of(file, section, "Error adding request extensions from section").Build(context)];
            // X509_REQ_add_extensions() a second time: OpenSSL 3.0 refuses a second extensionRequest attribute.
            if (copied.Count > 0 && fromFile.Count > 0)
                throw new CnfSignerException($"Error adding request extensions from section {section}\nduplicate attribute");
        }
        var request = RequestMaker.FromCertificate(subject, publicKey, key, [.. copied, .. fromFile], line.Digest, line.SignatureOptions);
        return new X509ToRequestResult(request, certificate, der);
    }

    /// <summary>apps/x509.c: with -ext, the certificate keeps only the extensions whose short name is in the list.</summary>
    private static List<CertExtension> Kept(X509Extensions? extensions, string? names)
    {
        if (extensions == null) return [];
        return extensions.GetExtensionOids()
            .Where(oid => names == null || names.Contains(ObjectNames.Find(oid.Id)?.ShortName ?? "UNDEF", StringComparison.Ordinal))
            .Select(oid => extensions.GetExtension(oid) is var e ? new CertExtension(oid, e.IsCritical, e.Value.GetOctets()) : null!)
            .ToList();
    }

    /// <summary>The certificate x509.c prints after -x509toreq: TBSCertificate rebuilt, signature fields kept.</summary>
    private static byte[] Modified(byte[] der, TbsCertificateStructure tbs, X509Name subject, SubjectPublicKeyInfo publicKey,
        BigInteger serial, DateTime now, long days, List<CertExtension> extensions)
    {
        var old = Asn1Sequence.GetInstance(der);
        var fields = new Asn1EncodableVector();
        var original = Asn1Sequence.GetInstance(old[0]);
        if (original[0] is Asn1TaggedObject version) fields.Add(version);
        fields.Add(new DerInteger(serial));
        fields.Add(tbs.Signature);
        fields.Add(subject);
        fields.Add(new DerSequence(Timestamps.ToAsn1Time(now), Timestamps.ToAsn1Time(Timestamps.AddDays(now, days))));
        fields.Add(subject);
        fields.Add(publicKey);
        if (tbs.IssuerUniqueID != null) fields.Add(new DerTaggedObject(false, 1, tbs.IssuerUniqueID));
        if (tbs.SubjectUniqueID != null) fields.Add(new DerTaggedObject(false, 2, tbs.SubjectUniqueID));
        if (tbs.Extensions != null && extensions.Count > 0)
            fields.Add(new DerTaggedObject(true, 3, ExtensionBuilder.ToExtensionsSequence(extensions)));
        return new DerSequence(new DerSequence(fields), old[1], old[2]).GetEncoded(Asn1Encodable.Der);
    }
}
