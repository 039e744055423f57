using CnfSigner.Pki.Io;
using System.Text;

namespace CnfSigner.Pki.Text;

/// <summary>
/// apps/lib/apps.c load_cert()/load_crl() through OSSL_STORE: PEM (with any text around it) or DER, whatever
/// -inform says, with OpenSSL's messages when that fails.
/// </summary>
public static class CertificateInput
{
    private static readonly string[] CertificateLabels = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

    /// <summary>The certificate's DER from a file, or from <paramref name="stdin"/> when <paramref name="path"/> is null.</summary>
    public static byte[] LoadCertificate(string? path, Func<string> stdin) => LoadTrustedCertificate(path, stdin).Der;

    /// <summary>
    /// The certificate's DER and, for a TRUSTED CERTIFICATE, the X509_CERT_AUX (trust settings, alias, key id)
    /// that follows it; null otherwise.
    /// </summary>
    public static (byte[] Der, byte[]? Aux) LoadTrustedCertificate(string? path, Func<string> stdin)
    {
        byte[]? aux = null;
        var der = Load(path, stdin, "certificate", CertificateLabels, d => { CertificateFields.Parse(d); TextDump.Certificate(d); },
            rest => aux = rest);
        return (der, aux);
    }

    /// <summary>The CRL's DER, as "openssl crl -in" loads it.</summary>
    public static byte[] LoadCrl(string? path, Func<string> stdin) =>
        Load(path, stdin, "CRL", ["X509 CRL"], d => TextDump.Crl(d), _ => { });

    private static byte[] Load(string? path, Func<string> stdin, string what, string[] labels, Action<byte[]> check,
        Action<byte[]?> trailer)
    {
        var source = path ?? "<stdin>";
        byte[] bytes;
        try
        {
            bytes = path == null ? Encoding.Latin1.GetBytes(stdin()) : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CnfSignerException($"Could not open file or uri for loading {what} from {source}\n" +
                $"No such file or directory: calling stat({source})\nUnable to load {what}", 1, e);
        }
        catch (UnauthorizedAccessException e) when (!Directory.Exists(path))
        {
            throw new CnfSignerException($"Could not open file or uri for loading {what} from {source}\n" +
                $"Permission denied: calling fopen({source}, rb)\nUnable to load {what}", 1, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(what, source, null, e);
        }
        var der = Decode(bytes, labels, trailer);
        if (der != null && Valid(der, check)) return der;
        var text = Encoding.Latin1.GetString(bytes);
        var otherPem = text.Contains("-----BEGIN ", StringComparison.Ordinal);
        throw Unreadable(what, source, otherPem ? $"No supported data to decode. Input structure: {Structure(what)}" : null, null);
    }

    private static string Structure(string what) => what == "CRL" ? "CertificateList" : "Certificate";

    private static byte[]? Decode(byte[] bytes, string[] labels, Action<byte[]?> trailer)
    {
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var label in labels)
        {
            var der = PemBlock.Find(text, label);
            if (der == null) continue;
            // A TRUSTED CERTIFICATE carries its trust settings after the certificate itself.
            if (label != "TRUSTED CERTIFICATE") return der;
            var certificate = FirstElement(der);
            if (certificate != null && certificate.Length < der.Length) trailer(FirstElement(der[certificate.Length..]));
            return certificate;
        }
        return bytes.Length > 0 && bytes[0] == 0x30 ? FirstElement(bytes) : null;
    }

    private static byte[]? FirstElement(byte[] der)
    {
        try { return Names.Der.Parse(der).Encoded.ToArray(); }
        catch (FormatException) { return null; }
    }

    private static bool Valid(byte[] der, Action<byte[]> check)
    {
        try { check(der); return true; }
        // OverflowException: a version or other INTEGER too large for a long (found by fuzzing); OpenSSL's decoder
        // refuses such input too ("Could not read CRL").
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
                                      or OverflowException)
        {
            return false;
        }
    }

    private static CnfSignerException Unreadable(string what, string source, string? reason, Exception? inner) =>
        new($"Could not read {what} from {source}\n{(reason == null ? "" : reason + "\n")}Unable to load {what}", 1, inner);
}
