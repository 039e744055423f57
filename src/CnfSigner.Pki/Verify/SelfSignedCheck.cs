using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// apps/x509.c self_signed() with its callb(): before -CA re-signs an existing certificate, the certificate is
/// verified against the default trust store with X509_V_FLAG_CHECK_SS_SIGNATURE. Error 18 (self-signed at depth 0)
/// is what is wanted and passes silently; every other error is printed ("subject=...", "Error with certificate -
/// error N at depth D", its text) and verification goes on; when it ends with any error but 18 still standing
/// (also none at all: a certificate the store already trusts), "Error with certificate to be certified - should be
/// self-signed" and the command fails.
/// </summary>
public static class SelfSignedCheck
{
    /// <summary>Prints the errors on <paramref name="err"/>; throws with the final line when the check fails.</summary>
    public static void Require(X509Certificate certificate, DateTimeOffset now, NameFormat names, TextWriter err)
    {
        var (store, failure) = TrustSetup.Build(null, false, null, false, null, false);
        if (store == null) throw new CnfSignerException(failure!.Message);
        var options = new VerifyOptions
        {
            CheckSelfSignature = true,
            ContinueAfter = e =>
            {
                if (e.Code == VerifyErrors.DepthZeroSelfSignedCert) return true;
                var subject = (e.Certificate ?? certificate).CertificateStructure.Subject.GetEncoded(Asn1Encodable.DL);
                err.Write(NamePrinter.PrintLine("subject=", subject, names));
                err.Write($"Error with certificate - error {e.Code} at depth {e.Depth}\n{e.Text}\n");
                return true;
            },
        };
        var result = new ChainVerifier(store, options).Verify(certificate, now);
        // callb() at the end of internal_verify(): ok == 1 with the last error retained.
        if (result.Errors.Count > 0 && result.Errors[^1].Code == VerifyErrors.DepthZeroSelfSignedCert) return;
        throw new CnfSignerException("Error with certificate to be certified - should be self-signed");
    }
}
