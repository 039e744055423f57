using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>apps/crl.c -verify: find the issuer among the -CAfile certificates by name and check the CRL's signature.</summary>
public static class CrlSignature
{
    /// <summary>True or false for the signature; null when no certificate in <paramref name="caFileText"/> is named as the issuer.</summary>
    public static bool? Verify(byte[] crlDer, string caFileText)
    {
        var issuer = CanonicalName.Encode(Der.Parse(CrlFields.Parse(crlDer).Issuer));
        var parser = new X509CertificateParser();
        foreach (var der in PemBlocks(caFileText))
        {
            X509Certificate cert;
            try { cert = parser.ReadCertificate(der); }
            catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException)
            {
                continue;
            }
            var subject = CanonicalName.Encode(Der.Parse(CertificateFields.Parse(der).Subject));
            if (subject.AsSpan().SequenceEqual(issuer)) return SignedBy(crlDer, cert);
        }
        return null;
    }

    /// <summary>
    /// With -CApath or -CAstore: setup_verify()'s store (-CAfile, the hashed directories, the store URI) and the first
    /// certificate X509_STORE_CTX_get_obj_by_subject() finds for the issuer. A store URI that cannot be loaded is the
    /// failure.
    /// </summary>
    public static (bool? Verified, LoadFailure? Failure) Verify(byte[] crlDer, string? caFile, string? caPath, string? caStore)
    {
        var (store, failure) = TrustSetup.Build(caFile, noCaFile: true, caPath, noCaPath: true, caStore, noCaStore: true);
        if (store == null) return (null, failure);
        var issuer = store.CertificatesWithSubject(new X509CrlParser().ReadCrl(crlDer).IssuerDN).FirstOrDefault();
        return (issuer == null ? null : SignedBy(crlDer, issuer.Certificate), null);
    }

    private static bool SignedBy(byte[] crlDer, X509Certificate cert)
    {
        try
        {
            return SignatureCheck.Verify(new X509CrlParser().ReadCrl(crlDer), cert.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException
                                      or Org.BouncyCastle.Security.Certificates.CrlException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<byte[]> PemBlocks(string text)
    {
        const string begin = "-----BEGIN CERTIFICATE-----";
        for (var at = text.IndexOf(begin, StringComparison.Ordinal); at >= 0; at = text.IndexOf(begin, at + 1, StringComparison.Ordinal))
            if (PemBlock.Find(text[at..], "CERTIFICATE") is { } der) yield return der;
    }
}
