using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Certificates;

/// <summary>
/// The parts of a CRL that loading checks and verification read (crypto/x509/x_crl.c crl_cb() decodes them
/// when the CRL is loaded): issuing distribution point, authority key id, reasons, unhandled critical extensions.
/// </summary>
public static class CrlContents
{
    /// <summary>
    /// Reads every part of a CRL the checks use, so malformed extensions fail when the file is loaded (as
    /// OpenSSL's d2i_X509_CRL() callback crl_cb() does) instead of in the middle of a verification.
    /// </summary>
    public static void Inspect(X509Crl crl)
    {
        _ = (crl.ThisUpdate, crl.NextUpdate, crl.IssuerDN, AuthorityKeyId(crl), IssuingDistributionPoint(crl), HasUnhandledCritical(crl));
        foreach (var entry in crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>()) _ = (entry.SerialNumber, ReasonOf(entry));
    }

    /// <summary>crypto/x509/x_crl.c crl_cb(): critical CRL or entry extensions other than these make the CRL "critical".</summary>
    public static bool HasUnhandledCritical(X509Crl crl)
    {
        var handled = new[] { "2.5.29.28", "2.5.29.35", "2.5.29.27" };
        if ((crl.GetCriticalExtensionOids() ?? new HashSet<string>()).Any(o => !handled.Contains(o))) return true;
        var entryHandled = new[] { "2.5.29.29", "2.5.29.21" };
        return (crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>())
            .Any(e => (e.GetCriticalExtensionOids() ?? new HashSet<string>()).Any(o => !entryHandled.Contains(o)));
    }

    /// <summary>The entry's CRLReason code, or -1 without one.</summary>
    public static int ReasonOf(X509CrlEntry entry)
    {
        var value = entry.GetExtensionValue(X509Extensions.ReasonCode);
        return value == null ? -1 : DerEnumerated.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).IntValueExact;
    }

    public static IssuingDistributionPoint? IssuingDistributionPoint(X509Crl crl)
    {
        var value = crl.GetExtensionValue(X509Extensions.IssuingDistributionPoint);
        return value == null ? null : Org.BouncyCastle.Asn1.X509.IssuingDistributionPoint.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
    }

    public static AuthorityKeyIdentifier? AuthorityKeyId(X509Crl crl)
    {
        var value = crl.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier);
        return value == null ? null : AuthorityKeyIdentifier.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
    }
}
