using System.Text;

namespace CnfSigner.Pki.Text;

/// <summary>
/// "x509 -purpose": X509_check_purpose() for each standard purpose, leaf and CA (crypto/x509/v3_purp.c as in 3.0),
/// from the flags x509v3_cache_extensions() derives.
/// </summary>
public static class CertificatePurposes
{
    private const int KuDigitalSignature = 0x80, KuNonRepudiation = 0x40, KuKeyEncipherment = 0x20,
        KuKeyAgreement = 0x08, KuKeyCertSign = 0x04, KuCrlSign = 0x02;
    private const int NsSslClient = 0x80, NsSslServer = 0x40, NsSmime = 0x20, NsSslCa = 0x04, NsSmimeCa = 0x02, NsAnyCa = 0x07;
    private const int XkuSslServer = 0x1, XkuSslClient = 0x2, XkuSmime = 0x4, XkuSgc = 0x10, XkuTimestamp = 0x40;

    private static readonly (string Name, Func<CertificateFlags, bool, int> Check)[] Purposes =
    [
        ("SSL client", SslClient), ("SSL server", SslServer), ("Netscape SSL server", NetscapeSslServer),
        ("S/MIME signing", SmimeSign), ("S/MIME encryption", SmimeEncrypt), ("CRL signing", CrlSign),
        ("Any Purpose", (_, _) => 1), ("OCSP helper", (f, ca) => ca ? CheckCa(f) : 1), ("Time Stamp signing", TimestampSign),
    ];

    /// <summary>"Certificate purposes:" and two lines per purpose, as apps/x509.c purpose_print() writes them.</summary>
    public static string Print(ReadOnlyMemory<byte> certificate)
    {
        var flags = CertificateFlags.Read(certificate);
        var text = new StringBuilder("Certificate purposes:\n");
        foreach (var (name, check) in Purposes)
            for (var ca = 0; ca < 2; ca++)
            {
                var result = flags.Invalid ? -1 : check(flags, ca == 1);
                text.Append(name).Append(ca == 1 ? " CA" : "").Append(" : ")
                    .Append(result switch { 1 => "Yes", 0 => "No", _ => $"Yes (WARNING code={result})" }).Append('\n');
            }
        return text.ToString();
    }

    private static bool KuReject(CertificateFlags f, int usage) => f.KeyUsage is { } ku && (ku & usage) == 0;
    private static bool XkuReject(CertificateFlags f, int usage) => f.ExtendedKeyUsage is { } xku && (xku & usage) == 0;
    private static bool NsReject(CertificateFlags f, int usage) => f.NetscapeCertType is { } ns && (ns & usage) == 0;

    /// <summary>check_ca(): 1 a CA, 3 a self-signed v1 root, 4 key usage allows signing, 5 Netscape CA bits.</summary>
    private static int CheckCa(CertificateFlags f)
    {
        if (KuReject(f, KuKeyCertSign)) return 0;
        if (f.BasicConstraints) return f.IsCa ? 1 : 0;
        if (f.Version1 && f.SelfSigned) return 3;
        if (f.KeyUsage != null) return 4;
        if (f.NetscapeCertType is { } ns && (ns & NsAnyCa) != 0) return 5;
        return 0;
    }

    /// <summary>check_ssl_ca(): as 3.0.19 behaves, a plain yes/no (a v1 root gives 1, not 3).</summary>
    private static int SslCa(CertificateFlags f)
    {
        var ca = CheckCa(f);
        if (ca == 5 && (f.NetscapeCertType & NsSslCa) != 0) return 0;
        return ca != 0 ? 1 : 0;
    }

    private static int SslClient(CertificateFlags f, bool ca)
    {
        if (XkuReject(f, XkuSslClient)) return 0;
        if (ca) return SslCa(f);
        return KuReject(f, KuDigitalSignature | KuKeyAgreement) || NsReject(f, NsSslClient) ? 0 : 1;
    }

    private static int SslServer(CertificateFlags f, bool ca)
    {
        if (XkuReject(f, XkuSslServer | XkuSgc)) return 0;
        if (ca) return SslCa(f);
        return NsReject(f, NsSslServer) || KuReject(f, KuDigitalSignature | KuKeyEncipherment | KuKeyAgreement) ? 0 : 1;
    }

    private static int NetscapeSslServer(CertificateFlags f, bool ca)
    {
        var result = SslServer(f, ca);
        if (result == 0 || ca) return result;
        return KuReject(f, KuKeyEncipherment) ? 0 : result;
    }

    private static int Smime(CertificateFlags f, bool ca)
    {
        if (XkuReject(f, XkuSmime)) return 0;
        if (ca)
        {
            var result = CheckCa(f);
            if (result == 0) return 0;
            return result != 5 || (f.NetscapeCertType & NsSmimeCa) != 0 ? result : 0;
        }
        if (f.NetscapeCertType is { } ns)
            return (ns & NsSmime) != 0 ? 1 : (ns & NsSslClient) != 0 ? 2 : 0;
        return 1;
    }

    private static int SmimeSign(CertificateFlags f, bool ca)
    {
        var result = Smime(f, ca);
        if (result == 0 || ca) return result;
        return KuReject(f, KuDigitalSignature | KuNonRepudiation) ? 0 : result;
    }

    private static int SmimeEncrypt(CertificateFlags f, bool ca)
    {
        var result = Smime(f, ca);
        if (result == 0 || ca) return result;
        return KuReject(f, KuKeyEncipherment) ? 0 : result;
    }

    private static int CrlSign(CertificateFlags f, bool ca)
    {
        if (ca) { var result = CheckCa(f); return result != 2 ? result : 0; }
        return KuReject(f, KuCrlSign) ? 0 : 1;
    }

    private static int TimestampSign(CertificateFlags f, bool ca)
    {
        if (ca) return CheckCa(f);
        const int signing = KuNonRepudiation | KuDigitalSignature;
        if (f.KeyUsage is { } ku && ((ku & ~signing) != 0 || (ku & signing) == 0)) return 0;
        if (f.ExtendedKeyUsage != XkuTimestamp) return 0;
        return f.ExtendedKeyUsageCritical ? 1 : 0;
    }
}
