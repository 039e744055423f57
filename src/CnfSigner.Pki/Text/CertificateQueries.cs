using CnfSigner.Pki.Io;
using System.Numerics;
using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>The smaller "openssl x509" printing options, each reading the certificate's DER.</summary>
public static class CertificateQueries
{
    private const string EmailAddress = "1.2.840.113549.1.9.1", SubjectAltName = "2.5.29.17",
        InfoAccess = "1.3.6.1.5.5.7.1.1", Ocsp = "1.3.6.1.5.5.7.48.1";

    /// <summary>
    /// X509_get1_email(): IA5 emailAddress values of the subject, then SAN email names, without duplicates.
    /// crypto/x509/v3_utl.c keeps the list sorted by each lookup before an append, so all but the last are sorted.
    /// </summary>
    public static IReadOnlyList<string> Emails(ReadOnlyMemory<byte> certificate)
    {
        var fields = CertificateFields.Parse(certificate);
        var found = new List<string>();
        foreach (var (_, type, value) in NamePrinter.Entries(Der.Parse(fields.Subject)))
            if (type.Oid() == EmailAddress && value.Is(22)) Append(found, value.Bytes);
        foreach (var ext in fields.Extensions().Where(e => e.Oid == SubjectAltName))
            foreach (var name in Der.Parse(ext.Value).Children())
                if (name.IsContext(1)) Append(found, name.Bytes);
        return found;
    }

    /// <summary>X509_get1_ocsp(): the URIs of the OCSP entries of authorityInfoAccess.</summary>
    public static IReadOnlyList<string> OcspUris(ReadOnlyMemory<byte> certificate)
    {
        var found = new List<string>();
        foreach (var ext in CertificateFields.Parse(certificate).Extensions().Where(e => e.Oid == InfoAccess))
            foreach (var access in Der.Parse(ext.Value).Children())
            {
                var parts = access.Children();
                if (parts[0].Oid() == Ocsp && parts[1].IsContext(6)) Append(found, parts[1].Bytes);
            }
        return found;
    }

    private static void Append(List<string> list, ReadOnlySpan<byte> value)
    {
        if (value.Length == 0) return;
        var text = TextDump.RawBytes(value);
        var nul = text.IndexOf('\0');
        if (nul >= 0) text = text[..nul];
        // sk_OPENSSL_STRING_find() sorts the stack before searching it.
        list.Sort(StringComparer.Ordinal);
        if (!list.Contains(text)) list.Add(text);
    }

    /// <summary>"serial=" value: i2a_ASN1_INTEGER, upper-case hex with an even number of digits.</summary>
    public static string SerialHex(ReadOnlyMemory<byte> certificate) =>
        IntegerPrinter.Hex(CertificateFields.Parse(certificate).SerialContent.Span);

    /// <summary>"-next_serial": the serial plus one, in the same form.</summary>
    public static string NextSerialHex(ReadOnlyMemory<byte> certificate)
    {
        var serial = new BigInteger(CertificateFields.Parse(certificate).SerialContent.Span, isUnsigned: false, isBigEndian: true) + 1;
        return IntegerPrinter.Hex(serial.ToByteArray(isUnsigned: false, isBigEndian: true));
    }

    /// <summary>X509_ocspid_print(): SHA-1 of the subject's DER and of the public key bits.</summary>
    public static string OcspId(ReadOnlyMemory<byte> certificate)
    {
        var fields = CertificateFields.Parse(certificate);
        var key = Der.Parse(fields.SubjectPublicKeyInfo).Children()[1].Bytes[1..].ToArray();
        var subject = Fingerprints.Compute("sha1", fields.Subject.ToArray())!;
        return $"        Subject OCSP hash: {Convert.ToHexString(subject)}\n" +
               $"        Public key OCSP hash: {Convert.ToHexString(Fingerprints.Compute("sha1", key)!)}\n";
    }

    /// <summary>"Modulus=" text: BN_print of an RSA modulus (upper-case hex), else OpenSSL's words.</summary>
    public static string Modulus(ReadOnlyMemory<byte> certificate)
    {
        var spki = Der.Parse(CertificateFields.Parse(certificate).SubjectPublicKeyInfo).Children();
        // apps/x509.c: EVP_PKEY_is_a(pkey, "RSA") or "RSA-PSS"; DSA prints its public value, nothing else has one.
        if (spki[0].Children()[0].Oid() is not ("1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10")) return "No modulus for this public key type";
        var modulus = Der.Parse(spki[1].Content[1..]).Children()[0].Integer();
        var sign = modulus.Sign < 0 ? "-" : "";
        var hex = BigInteger.Abs(modulus).ToString("X").TrimStart('0');
        return sign + (hex.Length == 0 ? "0" : hex);
    }

    /// <summary>PEM_write_bio_PUBKEY(): the SubjectPublicKeyInfo as "PUBLIC KEY".</summary>
    public static string PublicKeyPem(ReadOnlyMemory<byte> certificate) =>
        PemBlock.Encode("PUBLIC KEY", CertificateFields.Parse(certificate).SubjectPublicKeyInfo.Span);

    /// <summary>
    /// apps/x509.c print_x509v3_exts(): the kept extensions whose short name is exactly one of the
    /// comma-separated <paramref name="names"/>, at indent 0 without a title. Null when the certificate has
    /// no (kept) extensions: OpenSSL then says "No extensions in certificate" on stderr.
    /// </summary>
    public static string? SelectedExtensions(ReadOnlyMemory<byte> certificate, string names)
    {
        var kept = Keep(CertificateFields.Parse(certificate).Extensions(), names);
        if (kept.Count == 0) return null;
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var selected = new List<ExtensionPrinter.Extension>();
        foreach (var ext in kept)
        {
            var shortName = ObjectNames.Find(ext.Oid)?.ShortName;
            if (shortName == null) continue;
            // No break: a name given twice prints the extension twice.
            foreach (var name in wanted) if (name == shortName) selected.Add(ext);
        }
        var output = new StringBuilder();
        ExtensionPrinter.PrintAll(output, null, selected, CertPrintFlags.Compat, 0);
        return output.ToString();
    }

    internal static List<ExtensionPrinter.Extension> Keep(List<ExtensionPrinter.Extension> extensions, string? names) =>
        names == null ? extensions
            : extensions.Where(e => names.Contains(ObjectNames.Find(e.Oid)?.ShortName ?? "UNDEF", StringComparison.Ordinal)).ToList();
}
