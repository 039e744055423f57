using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Requests;

public static class RequestFiles
{
    /// <summary>
    /// apps/lib/apps.c load_csr(): PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST", text before it
    /// allowed) or DER; standard input when no file is named. <paramref name="what"/> names it in
    /// "Unable to load ..." ("X509 request" for req, "certificate request" for ca).
    /// </summary>
    public static Pkcs10CertificationRequest Load(string? path, string format, TextReader stdin, string what)
    {
        byte[] data;
        try
        {
            data = path == null ? System.Text.Encoding.Latin1.GetBytes(stdin.ReadToEnd()) : SafeFile.ReadAllBytes(path);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{e.Message}\nUnable to load {what}");
        }
        return Parse(data, format, what);
    }

    public static Pkcs10CertificationRequest Parse(byte[] data, string format, string what)
    {
        byte[] der;
        if (format == "DER") der = data;
        else
        {
            var block = PemBlock.ReadAll(data).FirstOrDefault(b => b.Label is "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST")
                ?? throw new CnfSignerException($"Unable to load {what}\nno start line: Expecting: CERTIFICATE REQUEST");
            der = block.Contents;
        }
        try
        {
            var request = new Pkcs10CertificationRequest(der);
            _ = request.GetCertificationRequestInfo().Subject; // force the lazy parts to parse now
            return request;
        }
        catch (Exception e) when (e is not CnfSignerException)
        {
            // The operator gets the reason, never a .NET exception type.
            throw new CnfSignerException($"Unable to load {what}\nnot a valid certificate request", 1, e);
        }
    }
}
