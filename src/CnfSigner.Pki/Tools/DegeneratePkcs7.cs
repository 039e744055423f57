using System.Text;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CnfSigner.Pki.Tools;

/// <summary>
/// `crl2pkcs7` (apps/crl2pkcs7.c): a PKCS#7 SignedData with no signers that carries certificates and a CRL.
/// The certificates field is present (possibly empty) whenever -certfile was given, the CRLs field whenever a
/// CRL was read; both keep file order, as OpenSSL's SEQUENCE-OF templates do.
/// </summary>
public static class DegeneratePkcs7
{
    /// <summary>The DER of the ContentInfo; null lists mean the field is absent.</summary>
    public static byte[] Build(byte[]? crl, IReadOnlyList<byte[]>? certificates)
    {
        var signedData = new Asn1EncodableVector
        {
            DerInteger.ValueOf(1),
            DerSet.Empty,
            new DerSequence(PkcsObjectIdentifiers.Data),
        };
        if (certificates != null)
            signedData.Add(new DerTaggedObject(false, 0, new DerSequence(certificates.Select(Asn1Object.FromByteArray).ToArray())));
        if (crl != null)
            signedData.Add(new DerTaggedObject(false, 1, new DerSequence(Asn1Object.FromByteArray(crl))));
        signedData.Add(DerSet.Empty);
        return new DerSequence(PkcsObjectIdentifiers.SignedData, new DerTaggedObject(true, 0, new DerSequence(signedData)))
            .GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>crl2pkcs7's -in: PEM_read_bio_X509_CRL or d2i_X509_CRL_bio as -inform says.</summary>
    public static byte[] ReadCrl(byte[] data, bool der)
    {
        byte[]? crl = der ? data : PemBlock.Find(Encoding.Latin1.GetString(data), "X509 CRL");
        try
        {
            if (crl != null)
            {
                Org.BouncyCastle.Asn1.X509.CertificateList.GetInstance(Asn1Object.FromByteArray(crl));
                return crl; // OpenSSL writes a CRL back from the encoding it read
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or FormatException)
        {
        }
        throw new CnfSignerException("unable to load CRL");
    }

    /// <summary>add_certs_from_file(): the PEM certificates of a -certfile, in order.</summary>
    public static IReadOnlyList<byte[]> ReadCertificates(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnfSignerException($"error opening the file, {path}\nerror loading certificates", 1, e);
        }
        var certificates = new List<byte[]>();
        foreach (var block in PemBlock.ReadAll(data))
            if (block.Label is "CERTIFICATE" or "X509 CERTIFICATE")
                certificates.Add(block.Contents);
        return certificates;
    }
}
