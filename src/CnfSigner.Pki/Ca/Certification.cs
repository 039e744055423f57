using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>A certificate checked and laid out by <see cref="Certification.Certify"/>, to be signed, and its index row.</summary>
public sealed record Certified(CertificateTemplate Template, IndexEntry Row);

/// <summary>apps/ca.c certify() and do_body(): check a request, rebuild its subject, make and sign the certificate.</summary>
public static class Certification
{
    /// <summary>Everything of do_body() but the signature: every check and message, in OpenSSL's order.</summary>
    /// <returns>the certificate to sign, or null when the operator answered no ("CERTIFICATE WILL NOT BE CERTIFIED")</returns>
    public static Certified? Certify(Pkcs10CertificationRequest request, SigningSettings s, Signer signer, BigInteger serial,
        KnownRows rows, bool uniqueSubject, DateTime now, TextReader input, TextWriter err)
    {
        err.Write("Check that the request matches the signature\n");
        var spki = request.GetCertificationRequestInfo().SubjectPublicKeyInfo;
        // apps/ca.c certify(): with -selfsign the request must carry the CA key's public half.
        if (signer.Certificate == null && !KeyChecks.KeyMatches(signer.Key, spki))
            throw new CnfSignerException("Certificate request and CA private key do not match");
        switch (SignatureCheck.Check(request))
        {
            // apps/ca.c certify(): X509_REQ_verify() < 0 (OpenSSL then exits 0; cnfsigner fails).
            case SignatureStatus.Unverifiable:
                throw new CnfSignerException("Signature verification problems...\nunknown signature algorithm");
            case SignatureStatus.Invalid:
                throw new CnfSignerException("Signature did not match the certificate request");
        }
        err.Write("Signature ok\n");

        var subject = Subject(request, s, signer, err);
        var notAfter = Timestamps.WholeSeconds(s.EndDate ?? Timestamps.AddDays(now, s.Days));
        var order = new CertificateOrder(subject, spki, signer, serial, s.StartDate ?? now, notAfter, s.Digest)
        {
            Sections = s.Extensions == null ? [] : [s.Extensions],
            Copy = new ExtensionCopy(s.Ca.Copy, ExtensionCopy.FromRequest(request), AfterSections: true),
            SignatureOptions = SignatureOptions.Parse(s.Line.SignatureOptions, signer.Key),
        };
        var template = CertificateIssuer.Prepare(order);

        var serialHex = SerialFile.ToHex(serial);
        var oneline = NamePrinter.Oneline((Asn1Sequence)subject.ToAsn1Object());
        var name = oneline.Length == 0 ? serialHex : oneline;
        CheckClashes(rows, name, serialHex, uniqueSubject);
        if (s.Ca.Details is { } details)
            err.Write("Certificate Details:\n" + TextDump.Certificate(CertificateIssuer.Unsigned(template), details));

        var days = s.EndDate == null ? s.Days : (long)(notAfter - now).TotalDays;
        err.Write($"Certificate is to be certified until {Timestamps.Print(notAfter)}{(days != 0 ? $" ({days} days)" : "")}\n");
        CertificateIssuer.WarnIfOutlivesIssuer(signer, notAfter, err);
        if (!s.Line.Batch && !Confirm("Sign the certificate? [y/n]:", "CERTIFICATE WILL NOT BE CERTIFIED", input, err)) return null;
        return new Certified(template, new IndexEntry(IndexEntry.Valid, Timestamps.Format(notAfter), "", serialHex, "unknown", name));
    }

    /// <summary>
    /// apps/ca.c do_body(): the request's subject (or -subj), listed and checked entry by entry, then rebuilt from the
    /// policy (unless preserve) and without emailAddress (unless email_in_dn).
    /// </summary>
    private static X509Name Subject(Pkcs10CertificationRequest request, SigningSettings s, Signer signer, TextWriter err)
    {
        var requested = s.Line.Subject != null
            ? SubjectParser.Parse(s.Line.Subject, "ca", "subject",
                new NameBuilder(s.Line.Utf8 ? InputCharset.Utf8 : InputCharset.Ascii, StringTypes.Utf8), err).Build()
            : request.GetCertificationRequestInfo().Subject;
        // The entries are always checked; they are listed only when "Certificate Details:" will not be shown.
        var listing = s.Ca.Details == null;
        if (listing) err.Write("The Subject's Distinguished Name is as follows\n");
        foreach (var entry in NameEntries.Of(requested))
        {
            if (DnListing.Problem(entry) is { } problem) throw new CnfSignerException(problem);
            if (listing) err.Write(DnListing.Line(entry));
        }
        var subject = s.Ca.Preserve ? requested : Policy.Apply(s.Policy, requested, signer.Certificate?.SubjectDN ?? requested);
        return s.EmailInDn ? subject : Policy.WithoutEmail(subject);
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
