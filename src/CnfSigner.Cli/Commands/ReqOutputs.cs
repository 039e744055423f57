using CnfSigner.Pki.Io;
using System.Text;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Text;
using CnfSigner.Pki.Requests;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Commands;

/// <summary>The end of apps/req.c main: -pubkey, -text, -subject, -modulus, then the object, all to -out.</summary>
internal static class ReqOutputs
{
    /// <param name="made">the request, with what -text and -subject print for it; null for a new -x509 certificate</param>
    public static void Write(ParsedOptions o, MadeRequest? made, X509Certificate? certificate, PendingOutput files)
    {
        // Nothing is opened when -noout leaves nothing to print.
        if (o.Has("noout") && !o.Has("text") && !o.Has("modulus") && !o.Has("subject") && !o.Has("pubkey")) return;
        var output = new MemoryStream();
        void Text(string s) => output.Write(Printing.Bytes(s));
        var publicKey = made?.Request.GetCertificationRequestInfo().SubjectPublicKeyInfo
            ?? certificate!.CertificateStructure.SubjectPublicKeyInfo;
        if (o.Has("pubkey")) Text(KeyWriter.PublicKeyPem(publicKey));
        if (o.Has("text")) Text(certificate != null ? TextDump.Certificate(certificate) : TextDump.Request(made!.TextDer));
        if (o.Has("subject"))
            Text("subject=" + Printing.Name(certificate?.CertificateStructure.Subject ?? made!.TextSubject,
                Printing.NameFormat("req", o.Values("nameopt"))) + "\n");
        if (o.Has("modulus"))
            Text(Printing.Modulus(certificate?.CertificateStructure.SubjectPublicKeyInfo ?? publicKey) + "\n");
        if (!o.Has("noout"))
        {
            var der = certificate?.GetEncoded() ?? made!.Request.GetEncoded();
            var label = certificate != null ? "CERTIFICATE" : o.Has("newhdr") ? "NEW CERTIFICATE REQUEST" : "CERTIFICATE REQUEST";
            output.Write(o.Value("outform") is { } f && OptionTable.ParseFormat(f) == "DER"
                ? der
                : Encoding.ASCII.GetBytes(PemBlock.Of(label, der).Encode()));
        }
        files.Add(o.Value("out"), output.ToArray(), secret: false);
    }
}
