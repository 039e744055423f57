using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;

namespace CnfSigner.Pki.Tests.Text;

internal static class NameLines
{
    /// <summary>What "openssl x509 -noout -subject -issuer -nameopt ..." prints.</summary>
    public static string SubjectAndIssuer(byte[] der, NameFormat flags)
    {
        var fields = CertificateFields.Parse(der);
        return NamePrinter.PrintLine("subject=", fields.Subject, flags) + NamePrinter.PrintLine("issuer=", fields.Issuer, flags);
    }
}
