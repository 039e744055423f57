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
    public static void Write(ParsedOptions o, MadeRequest made, X509Certificate? certificate, PendingOutput files)
    {
        var request = made.Request;
        // Nothing is opened when -noout leaves nothing to print.
        if (o.Has("noout") && !o.Has("text") && !o.Has("modulus") && !o.Has("subject") && !o.Has("pubkey")) return;
        var output = new MemoryStream();
        void Text(string s) => output.Write(Printing.Bytes(s));
        var info = request.GetCertificationRequestInfo();
        if (o.Has("pubkey")) Text(KeyWriter.PublicKeyPem(info.SubjectPublicKeyInfo));
        if (o.Has("text")) Text(certificate != null ? TextDump.Certificate(certificate) : TextDump.Request(made.TextDer));
        if (o.Has("subject"))
            Text("subject=" + Printing.Name(certificate?.CertificateStructure.Subject ?? made.TextSubject,
                Printing.NameFormat("req", o.Values("nameopt"))) + "\n");
        if (o.Has("modulus"))
            Text(Printing.Modulus(certificate?.CertificateStructure.SubjectPublicKeyInfo ?? info.SubjectPublicKeyInfo) + "\n");
        if (!o.Has("noout"))
        {
            var der = certificate?.GetEncoded() ?? request.GetEncoded();
            var label = certificate != null ? "CERTIFICATE" : o.Has("newhdr") ? "NEW CERTIFICATE REQUEST" : "CERTIFICATE REQUEST";
            output.Write(o.Value("outform") is { } f && OptionTable.ParseFormat(f) == "DER"
                ? der
                : Encoding.ASCII.GetBytes(PemBlock.Of(label, der).Encode()));
        }
        files.Add(o.Value("out"), output.ToArray(), secret: false);
    }
}
