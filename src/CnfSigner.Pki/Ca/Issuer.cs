using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>Everything apps/ca.c do_body() needs besides the request, resolved once per run.</summary>
public sealed record IssueSettings(
    X509Certificate? CaCertificate,
    PrivateKey CaKey,
    string Digest,
    IReadOnlyList<KeyValuePair<string, string>> Policy,
    bool Preserve,
    bool EmailInDn,
    string? Subject,
    InputCharset Charset,
    DateTime? StartDate,
    DateTime? EndDate,
    long Days,
    bool Batch,
    Func<ExtensionContext, IReadOnlyList<CertExtension>>? SectionExtensions,
    CopyExtensions Copy,
    bool UniqueSubject);

/// <summary>A certificate made by <see cref="Issuer.Sign"/> and the index row that records it.</summary>
public sealed record Issued(X509Certificate Certificate, IndexEntry Row);

/// <summary>A certificate checked and laid out by <see cref="Issuer.Certify"/>, to be signed, and its index row.</summary>
public sealed record Certified(CertificateTemplate Template, IndexEntry Row);

/// <summary>apps/ca.c certify() and do_body(): check a request, rebuild its subject, make and sign the certificate.</summary>
public static class Issuer
{
    /// <summary>Everything of do_body() but the signature: every check and message, in OpenSSL's order.</summary>
    /// <returns>the certificate to sign, or null when the operator answered no ("CERTIFICATE WILL NOT BE CERTIFIED")</returns>
    public static Certified? Certify(Pkcs10CertificationRequest request, IssueSettings s, BigInteger serial,
        KnownRows rows, DateTime now, TextReader input, TextWriter err)
    {
        err.Write("Check that the request matches the signature\n");
        // apps/ca.c certify(): with -selfsign the request must carry the CA key's public half.
        if (s.CaCertificate == null && !KeyChecks.KeyMatches(s.CaKey, request.GetCertificationRequestInfo().SubjectPublicKeyInfo))
            throw new CnfSignerException("Certificate request and CA private key do not match");
        if (!VerifySignature(request))
            throw new CnfSignerException("Signature did not match the certificate request");
        err.Write("Signature ok\n");

        var requested = s.Subject != null
            ? SubjectParser.Parse(s.Subject, "ca", "subject", new NameBuilder(s.Charset, StringTypes.Utf8), err).Build()
            : request.GetCertificationRequestInfo().Subject;
        err.Write("The Subject's Distinguished Name is as follows\n");
        foreach (var entry in NameEntries.Of(requested))
        {
            if (DnListing.Problem(entry) is { } problem) throw new CnfSignerException(problem);
            err.Write(DnListing.Line(entry));
        }

        var caSubject = s.CaCertificate?.SubjectDN ?? requested;
        var subject = s.Preserve ? requested : Policy.Apply(s.Policy, requested, caSubject);
        var certSubject = s.EmailInDn ? subject : Policy.WithoutEmail(subject);
        var spki = request.GetCertificationRequestInfo().SubjectPublicKeyInfo;
        var notBefore = s.StartDate ?? now;
        var notAfter = s.EndDate ?? Timestamps.AddDays(now, s.Days);

        var context = new ExtensionContext(spki, certSubject, s.CaCertificate) { SerialNumber = serial };
        var fromSection = s.SectionExtensions?.Invoke(context) ?? [];
        var merged = ExtensionMerge.Merge(fromSection, ExtensionMerge.FromRequest(request), s.Copy);
        var extensions = ExtensionBuilder.WithDefaultKeyIdentifiers(merged, context);

        var serialHex = SerialFile.ToHex(serial);
        var oneline = NamePrinter.Oneline((Asn1Sequence)certSubject.ToAsn1Object());
        var name = oneline.Length == 0 ? serialHex : oneline;
        CheckClashes(rows, name, serialHex, s.UniqueSubject);

        var days = s.EndDate == null ? s.Days : (long)(notAfter - now).TotalDays;
        err.Write($"Certificate is to be certified until {Timestamps.Print(Truncate(notAfter))}{(days != 0 ? $" ({days} days)" : "")}\n");
        if (!s.Batch && !Confirm("Sign the certificate? [y/n]:", "CERTIFICATE WILL NOT BE CERTIFIED", input, err)) return null;

        var template = new CertificateTemplate(serial, s.CaCertificate?.SubjectDN ?? certSubject, certSubject, notBefore, notAfter,
            spki, extensions.Count > 0 ? ExtensionBuilder.ToX509Extensions(extensions) : null, s.Digest) { Version3 = merged.Count > 0 };
        var expiry = Timestamps.Format(Truncate(notAfter));
        return new Certified(template, new IndexEntry(IndexEntry.Valid, expiry, "", serialHex, "unknown", name));
    }

    /// <summary>Signs a certified certificate with the CA key; thread-safe, so a batch can be signed in parallel.</summary>
    public static Issued Sign(Certified certified, IssueSettings s) =>
        new(CertificateSigner.Sign(certified.Template, s.CaKey.Private), certified.Row);

    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static bool VerifySignature(Pkcs10CertificationRequest request)
    {
        try
        {
            return SignatureCheck.Verify(request);
        }
        catch (Exception e) when (e is not CnfSignerException)
        {
            return false; // an unreadable key or signature cannot match
        }
    }

    /// <summary>apps/ca.c do_body(): a valid row with the same subject (unique_subject) or any row with the serial.</summary>
    private static void CheckClashes(KnownRows rows, string name, string serial, bool uniqueSubject)
    {
        string? header = null;
        var clash = uniqueSubject ? rows.ValidWithSubject(name) : null;
        if (clash != null) header = $"ERROR:There is already a certificate for {name}";
        else if ((clash = rows.WithSerial(serial)) != null)
            header = $"ERROR:Serial number {serial} has already been issued,\n      check the database/serial_file for corruption";
        if (clash == null) return;

        var type = clash.Status == IndexEntry.Expired ? "Expired" : clash.Status == IndexEntry.Revoked ? "Revoked"
            : clash.Status == IndexEntry.Valid ? "Valid" : "\ninvalid type, Database error\n";
        var revoked = clash.Status == IndexEntry.Revoked ? $"Was revoked on:{clash.Expiry}\n" : "";
        throw new CnfSignerException($"{header}\nThe matching entry has the following details\nType          :{type}\n{revoked}" +
            $"Expires on    :{clash.Expiry}\nSerial Number :{clash.Serial}\nFile name     :{clash.FileName}\nSubject Name  :{clash.Subject}");
    }

    /// <summary>The y/n questions of apps/ca.c: only the first character counts.</summary>
    public static bool Confirm(string question, string refusal, TextReader input, TextWriter err)
    {
        err.Write(question);
        var answer = input.ReadLine();
        if (answer == null) { err.Write(refusal + ": I/O error\n"); return false; }
        if (answer.StartsWith('y') || answer.StartsWith('Y')) return true;
        err.Write(refusal + "\n");
        return false;
    }
}
