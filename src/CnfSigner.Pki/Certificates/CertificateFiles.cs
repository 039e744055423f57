using CnfSigner.Pki.Io;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Certificates;

/// <summary>The certificates and CRLs found in one file.</summary>
public sealed record PkiObjects(IReadOnlyList<X509Certificate> Certificates, IReadOnlyList<X509Crl> Crls)
{
    /// <summary>
    /// The X509_CERT_AUX (trust settings) that followed a certificate read from a TRUSTED CERTIFICATE block, keyed by
    /// that very certificate object (d2i_X509_AUX()).
    /// </summary>
    public IReadOnlyDictionary<X509Certificate, byte[]> Aux { get; init; } =
        new Dictionary<X509Certificate, byte[]>(ReferenceEqualityComparer.Instance);
}

/// <summary>A file that could not be used: the lines OpenSSL prints for it (without its library error lines).</summary>
public sealed record LoadFailure(string Message);

/// <summary>
/// Reads certificates and CRLs the way OpenSSL's loaders do: PEM blocks anywhere in the text (so `ca` output with
/// its text dump in front works, crypto/pem/pem_info.c skips other lines), or a single DER object.
/// </summary>
public static class CertificateFiles
{
    /// <summary>All PEM certificates and CRLs in the data, in file order; a DER certificate or CRL when there is no PEM.</summary>
    public static PkiObjects Parse(byte[] data)
    {
        var certificates = new List<X509Certificate>();
        var crls = new List<X509Crl>();
        var aux = new Dictionary<X509Certificate, byte[]>(ReferenceEqualityComparer.Instance);
        var blocks = PemBlock.ReadAll(data).ToList();
        foreach (var block in blocks)
        {
            var der = block.Contents;
            switch (block.Label)
            {
                case "CERTIFICATE" or "X509 CERTIFICATE":
                    if (TryCertificate(der) is { } cert) certificates.Add(cert);
                    break;
                case "TRUSTED CERTIFICATE":
                    if (TryCertificate(der) is not { } trusted) break;
                    var length = trusted.CertificateStructure.GetDerEncoded().Length;
                    if (der.Length > length && !ValidAux(der[length..])) break; // d2i_X509_AUX() fails as a whole
                    if (der.Length > length) aux[trusted] = der[length..];
                    certificates.Add(trusted);
                    break;
                case "X509 CRL":
                    if (TryCrl(der) is { } crl) crls.Add(crl);
                    break;
            }
        }
        if (blocks.Count == 0 && TryCertificate(data) is { } derCert) certificates.Add(derCert);
        else if (blocks.Count == 0 && TryCrl(data) is { } derCrl) crls.Add(derCrl);
        return new PkiObjects(certificates, crls) { Aux = aux };
    }

    /// <summary>load_cert() for commands that stop on failure: the certificate, or OpenSSL's words as an error.</summary>
    public static X509Certificate Load(string path, string description)
    {
        var (certificate, failure) = LoadCertificate(path, description);
        return certificate ?? throw new CnfSignerException(failure!.Message);
    }

    /// <summary>apps/lib/apps.c load_cert(): the first certificate of a file, or OpenSSL's failure lines.</summary>
    public static (X509Certificate? Certificate, LoadFailure? Failure) LoadCertificate(string path, string description)
    {
        var data = ReadFile(path) ?? (Directory.Exists(path) ? [] : null); // a directory holds no certificate
        if (data == null)
            return (null, new LoadFailure($"Could not open file or uri for loading {description} from {path}\n" +
                                          $"No such file or directory: calling stat({path})\nUnable to load {description}"));
        return FromData(data, path, description);
    }

    /// <summary>load_cert() on standard input, which OpenSSL names "&lt;stdin&gt;" in its messages.</summary>
    public static (X509Certificate? Certificate, LoadFailure? Failure) FromData(byte[] data, string path, string description)
    {
        var first = Parse(data).Certificates.FirstOrDefault();
        return first != null
            ? (first, null)
            : (null, new LoadFailure($"Could not read {description} from {path}\nUnable to load {description}"));
    }

    /// <summary>apps/lib/apps.c load_certs()/load_crls(): every object of one kind, or the failure lines.</summary>
    public static (PkiObjects? Objects, LoadFailure? Failure) LoadAll(string path, string description, bool crls)
    {
        var data = ReadFile(path);
        // OSSL_STORE opens a directory and finds no objects in it
        if (data == null && Directory.Exists(path)) return (null, new LoadFailure($"Could not read any {description} from {path}"));
        if (data == null)
        {
            var what = crls ? description : "certs of " + description;
            return (null, new LoadFailure($"Could not open file or uri for loading {what} from {path}\n" +
                                          $"No such file or directory: calling stat({path})"));
        }
        var objects = Parse(data);
        var empty = crls ? objects.Crls.Count == 0 : objects.Certificates.Count == 0;
        return empty ? (null, new LoadFailure($"Could not read any {description} from {path}")) : (objects, null);
    }

    /// <summary>crypto/x509/by_file.c X509_load_cert_crl_file_ex() as apps' setup_verify() reports it.</summary>
    public static (PkiObjects? Objects, LoadFailure? Failure) LoadTrustFile(string path)
    {
        var data = ReadFile(path);
        // a directory opens (fopen() succeeds on Linux) and reads as empty
        if (data == null && Directory.Exists(path)) data = [];
        if (data == null)
            return (null, new LoadFailure($"Error loading file {path}\nNo such file or directory: calling fopen({path}, r)"));
        var objects = PemBlock.LooksLikePem(data) ? Parse(data) : new PkiObjects([], []);
        return objects.Certificates.Count + objects.Crls.Count == 0
            ? (null, new LoadFailure($"Error loading file {path}\nno certificate or crl found"))
            : (objects, null);
    }

    private static byte[]? ReadFile(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static X509Certificate? TryCertificate(byte[] der)
    {
        try
        {
            // "TRUSTED CERTIFICATE" is the certificate followed by OpenSSL's aux data: read the first element only
            using var stream = new Asn1InputStream(der);
            var structure = X509CertificateStructure.GetInstance(stream.ReadObject());
            return structure == null ? null : new X509Certificate(structure);
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            return null;
        }
    }

    private static X509Crl? TryCrl(byte[] der)
    {
        try
        {
            using var stream = new Asn1InputStream(der);
            var list = CertificateList.GetInstance(stream.ReadObject());
            if (list == null) return null;
            var crl = new X509Crl(list);
            CrlContents.Inspect(crl);
            return crl;
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            return null;
        }
    }

    // BouncyCastle reports malformed input as any of these (X509Certificate parses key usage and basic
    // constraints eagerly and throws CertificateParsingException, a GeneralSecurityException).
    private static bool ValidAux(byte[] aux)
    {
        try { return Text.TrustSettings.Parse(aux) is not null; }
        catch (Exception e) when (IsParseFailure(e)) { return false; }
    }

    private static bool IsParseFailure(Exception e) =>
        e is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or GeneralSecurityException or FormatException or OverflowException;
}
