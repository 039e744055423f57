using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Requests;

/// <summary>req's printing options: -pubkey, -text, -subject (with -nameopt), -modulus, -noout, -newhdr, -outform, -out.</summary>
public sealed record ReqPrintOptions(bool PublicKey, bool Text, bool Subject, bool Modulus, bool NoOut, bool NewHeader,
    bool Der, NameFormat Names, string? Out)
{
    /// <summary>-reqopt: X509_print_ex / X509_REQ_print_ex flags for -text (apps/req.c reqflag).</summary>
    public CertPrintFlags Flags { get; init; } = CertPrintFlags.Compat;
}

/// <summary>The end of apps/req.c main: -pubkey, -text, -subject, -modulus, then the object, all to -out.</summary>
public static class ReqPrinting
{
    /// <param name="made">the request, with what -text and -subject print for it; null for a new -x509 certificate</param>
    /// <returns>the bytes for -out, or null when -noout leaves nothing to print (nothing is opened then)</returns>
    public static byte[]? Output(ReqPrintOptions o, MadeRequest? made, X509Certificate? certificate)
    {
        if (o.NoOut && !o.Text && !o.Modulus && !o.Subject && !o.PublicKey) return null;
        var output = new MemoryStream();
        void Text(string s) => output.Write(TextDump.ToBytes(s));
        var publicKey = made?.Request.GetCertificationRequestInfo().SubjectPublicKeyInfo
            ?? certificate!.CertificateStructure.SubjectPublicKeyInfo;
        if (o.PublicKey) Text(KeyWriter.PublicKeyPem(publicKey));
        var textOptions = new TextDumpOptions(o.Names, o.Flags);
        if (o.Text) Text(certificate != null ? TextDump.Certificate(certificate.GetEncoded(), textOptions) : TextDump.Request(made!.TextDer, textOptions));
        if (o.Subject)
        {
            var subject = certificate?.CertificateStructure.Subject ?? made!.TextSubject;
            Text(NamePrinter.PrintLine("subject=", subject.ToAsn1Object().GetEncoded(Asn1Encodable.DL), o.Names));
        }
        if (o.Modulus) Text(Modulus(certificate?.CertificateStructure.SubjectPublicKeyInfo ?? publicKey) + "\n");
        if (!o.NoOut)
        {
            var der = certificate?.GetEncoded() ?? made!.Request.GetEncoded();
            var label = certificate != null ? "CERTIFICATE" : o.NewHeader ? "NEW CERTIFICATE REQUEST" : "CERTIFICATE REQUEST";
            output.Write(o.Der ? der : Encoding.ASCII.GetBytes(PemBlock.Of(label, der).Encode()));
        }
        return output.ToArray();
    }

    /// <summary>req -modulus: "Modulus=" and the RSA modulus in upper-case hex (BN_print), else "unavailable".</summary>
    private static string Modulus(SubjectPublicKeyInfo key) =>
        PublicKeyFactory.CreateKey(key) is RsaKeyParameters rsa
            ? "Modulus=" + rsa.Modulus.ToString(16).ToUpperInvariant()
            : "Modulus=unavailable";
}
