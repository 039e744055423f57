using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Certificates;

/// <summary>
/// Certificates as apps/lib/apps.c load_cert_pass() reads them: PEM (text before it allowed, as in the files
/// `ca` writes; "CERTIFICATE", "X509 CERTIFICATE" or "TRUSTED CERTIFICATE") or DER.
/// </summary>
public static class CertificateFiles
{
    private static readonly string[] Labels = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

    /// <param name="what">how messages name it: "CA certificate", "certificate to be revoked"</param>
    public static X509Certificate Load(string path, string what)
    {
        byte[] data;
        try
        {
            data = SafeFile.ReadAllBytes(path, what);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{e.Message}\nUnable to load {what}");
        }
        return ParseAll(data).FirstOrDefault()
            ?? throw new CnfSignerException($"Could not read {what} from {path}\nNo supported data to decode. Input structure: Certificate\nUnable to load {what}");
    }

    /// <summary>Every certificate in the data: all PEM blocks of a certificate label, or one DER certificate.</summary>
    public static IReadOnlyList<X509Certificate> ParseAll(byte[] data)
    {
        var list = new List<X509Certificate>();
        if (PemBlock.LooksLikePem(data))
        {
            foreach (var block in PemBlock.ReadAll(data).Where(b => Labels.Contains(b.Label)))
                if (TryParse(block.Contents) is { } cert) list.Add(cert);
            return list;
        }
        if (TryParse(data) is { } single) list.Add(single);
        return list;
    }

    private static X509Certificate? TryParse(byte[] der)
    {
        try
        {
            var structure = X509CertificateStructure.GetInstance(der);
            return structure == null ? null : new X509Certificate(structure);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or FormatException or InvalidOperationException)
        {
            return null; // not a certificate
        }
    }
}
