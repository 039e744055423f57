namespace CnfSigner.Pki.Verify;

/// <summary>One X509_PURPOSE row (crypto/x509/v3_purp.c xstandard[]).</summary>
public sealed record Purpose(string ShortName, string Name, Func<CertificateFacts, bool, int> Check);

/// <summary>
/// crypto/x509/v3_purp.c: the purposes `-purpose` names, their check_purpose_*() functions and check_ca().
/// A check returns 0 (unsuitable), 1 (suitable) or another positive value (suitable only when not strict).
/// </summary>
public static class Purposes
{
    private const uint KuTls = KeyUsageBits.DigitalSignature | KeyUsageBits.KeyEncipherment | KeyUsageBits.KeyAgreement;

    public static readonly IReadOnlyList<Purpose> All =
    [
        new("sslclient", "SSL client", SslClient),
        new("sslserver", "SSL server", SslServer),
        new("nssslserver", "Netscape SSL server", NsSslServer),
        new("smimesign", "S/MIME signing", SmimeSign),
        new("smimeencrypt", "S/MIME encryption", SmimeEncrypt),
        new("crlsign", "CRL signing", CrlSign),
        new("any", "Any Purpose", (_, _) => 1),
        new("ocsphelper", "OCSP helper", (x, ca) => ca ? CheckCa(x) : 1),
        new("timestampsign", "Time Stamp signing", TimestampSign),
    ];

    public static Purpose? Find(string shortName) => All.FirstOrDefault(p => p.ShortName == shortName);

    /// <summary>X509_check_purpose(): -1 when the certificate's extensions could not be read.</summary>
    public static int CheckPurpose(CertificateFacts x, Purpose purpose, bool ca) => x.Invalid ? -1 : purpose.Check(x, ca);

    /// <summary>
    /// v3_purp.c check_ca(): 0 not a CA, 1 basicConstraints CA:TRUE, 3 a v1 self-signed root, 4 key usage with
    /// keyCertSign but no basicConstraints, 5 a Netscape CA type.
    /// </summary>
    public static int CheckCa(CertificateFacts x)
    {
        if (x.Invalid || Issuance.RejectsKeyUsage(x, KeyUsageBits.KeyCertSign)) return 0;
        if (x.HasBasicConstraints) return x.IsCa ? 1 : 0;
        if (x.Version == 1 && x.SelfSigned) return 3;
        if (x.HasKeyUsage) return 4;
        if (x.HasNetscapeCertType && (x.NetscapeCertType & KeyUsageBits.NsAnyCa) != 0) return 5;
        return 0;
    }

    private static bool RejectsEku(CertificateFacts x, ExtendedUsages usage) =>
        x.HasExtendedKeyUsage && (x.ExtendedKeyUsage & usage) == 0;

    private static bool RejectsNs(CertificateFacts x, uint usage) =>
        x.HasNetscapeCertType && (x.NetscapeCertType & usage) == 0;

    private static int SslCa(CertificateFacts x)
    {
        var ca = CheckCa(x);
        if (ca == 0) return 0;
        return ca != 5 || (x.NetscapeCertType & KeyUsageBits.NsSslCa) != 0 ? 1 : 0;
    }

    private static int SslClient(CertificateFacts x, bool ca)
    {
        if (RejectsEku(x, ExtendedUsages.SslClient)) return 0;
        if (ca) return SslCa(x);
        if (Issuance.RejectsKeyUsage(x, KeyUsageBits.DigitalSignature | KeyUsageBits.KeyAgreement)) return 0;
        return RejectsNs(x, KeyUsageBits.NsSslClient) ? 0 : 1;
    }

    private static int SslServer(CertificateFacts x, bool ca)
    {
        if (RejectsEku(x, ExtendedUsages.SslServer | ExtendedUsages.Sgc)) return 0;
        if (ca) return SslCa(x);
        if (RejectsNs(x, KeyUsageBits.NsSslServer)) return 0;
        return Issuance.RejectsKeyUsage(x, KuTls) ? 0 : 1;
    }

    private static int NsSslServer(CertificateFacts x, bool ca)
    {
        var ret = SslServer(x, ca);
        if (ret == 0 || ca) return ret;
        return Issuance.RejectsKeyUsage(x, KeyUsageBits.KeyEncipherment) ? 0 : ret;
    }

    private static int Smime(CertificateFacts x, bool ca)
    {
        if (RejectsEku(x, ExtendedUsages.Smime)) return 0;
        if (ca)
        {
            var caRet = CheckCa(x);
            if (caRet == 0) return 0;
            return caRet != 5 || (x.NetscapeCertType & KeyUsageBits.NsSmimeCa) != 0 ? caRet : 0;
        }
        if (!x.HasNetscapeCertType) return 1;
        if ((x.NetscapeCertType & KeyUsageBits.NsSmime) != 0) return 1;
        return (x.NetscapeCertType & KeyUsageBits.NsSslClient) != 0 ? 2 : 0; // "buggy certificates" work-around
    }

    private static int SmimeSign(CertificateFacts x, bool ca)
    {
        var ret = Smime(x, ca);
        if (ret == 0 || ca) return ret;
        return Issuance.RejectsKeyUsage(x, KeyUsageBits.DigitalSignature | KeyUsageBits.NonRepudiation) ? 0 : ret;
    }

    private static int SmimeEncrypt(CertificateFacts x, bool ca)
    {
        var ret = Smime(x, ca);
        if (ret == 0 || ca) return ret;
        return Issuance.RejectsKeyUsage(x, KeyUsageBits.KeyEncipherment) ? 0 : ret;
    }

    private static int CrlSign(CertificateFacts x, bool ca)
    {
        if (!ca) return Issuance.RejectsKeyUsage(x, KeyUsageBits.CrlSign) ? 0 : 1;
        var caRet = CheckCa(x);
        return caRet == 2 ? 0 : caRet;
    }

    private static int TimestampSign(CertificateFacts x, bool ca)
    {
        if (ca) return CheckCa(x);
        const uint allowed = KeyUsageBits.NonRepudiation | KeyUsageBits.DigitalSignature;
        if (x.HasKeyUsage && ((x.KeyUsage & ~allowed) != 0 || (x.KeyUsage & allowed) == 0)) return 0;
        // Only the time-stamping EKU, and it must be critical
        if (!x.HasExtendedKeyUsage || x.ExtendedKeyUsage != ExtendedUsages.Timestamp) return 0;
        return x.ExtendedKeyUsageCritical ? 1 : 0;
    }
}
