using System.Net;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cockroach.Checker;

/// <summary>The parts of a certificate Go's crypto/x509 acts on, read from the DER as Go's parser does.</summary>
public sealed class GoCertificateView
{
    public static readonly DerObjectIdentifier ServerAuth = KeyPurposeID.id_kp_serverAuth;
    public static readonly DerObjectIdentifier ClientAuth = KeyPurposeID.id_kp_clientAuth;
    private static readonly DerObjectIdentifier AnyPurpose = KeyPurposeID.AnyExtendedKeyUsage;

    // go1.19 crypto/x509/parser.go processExtensions(): the extensions Go understands; any other critical one
    // makes Verify fail with "x509: unhandled critical extension".
    private static readonly HashSet<string> Handled =
    [
        "2.5.29.15", "2.5.29.37", "2.5.29.19", "2.5.29.17", "2.5.29.30", "2.5.29.31", "2.5.29.35", "2.5.29.14", "2.5.29.32",
    ];

    // Go rejects chains signed with these (x509: insecure algorithm ...): MD2, MD5 and SHA-1 with RSA, DSA, ECDSA.
    private static readonly Dictionary<string, string> Insecure = new()
    {
        ["1.2.840.113549.1.1.2"] = "MD2-RSA",
        ["1.2.840.113549.1.1.4"] = "MD5-RSA",
        ["1.2.840.113549.1.1.5"] = "SHA1-RSA",
        ["1.3.14.3.2.29"] = "SHA1-RSA",
        ["1.2.840.10040.4.3"] = "DSA-SHA1",
        ["1.2.840.10045.4.1"] = "ECDSA-SHA1",
    };

    public GoCertificateView(X509Certificate cert)
    {
        Cert = cert;
        var tbs = cert.CertificateStructure.TbsCertificate;
        RawSubject = tbs.Subject.GetEncoded(Asn1Encodable.Der);
        RawIssuer = tbs.Issuer.GetEncoded(Asn1Encodable.Der);
        var cns = tbs.Subject.GetValueList(X509Name.CN);
        CommonName = cns.Count > 0 ? cns[^1] : ""; // pkix.Name.FillFromRDNSequence(): the last CN wins
        var extensions = tbs.Extensions;
        ExtensionOids = extensions?.ExtensionOids.Select(o => o.Id).ToList() ?? [];
        UnhandledCritical = extensions?.GetCriticalExtensionOids().Select(o => o.Id).Where(o => !Handled.Contains(o)).ToList() ?? [];
        Eku = cert.GetExtendedKeyUsage()?.Select(o => o.Id).ToList();
        KeyUsage = cert.GetKeyUsage();
        HasBasicConstraints = extensions?.GetExtension(X509Extensions.BasicConstraints) != null;
        IsCa = cert.GetBasicConstraints() >= 0;
        ReadSan(extensions);
    }

    public X509Certificate Cert { get; }
    public byte[] RawSubject { get; }
    public byte[] RawIssuer { get; }
    public string CommonName { get; }
    public IReadOnlyList<string> ExtensionOids { get; }
    public IReadOnlyList<string> UnhandledCritical { get; }
    /// <summary>null when the certificate has no extendedKeyUsage extension (any usage).</summary>
    public IReadOnlyList<string>? Eku { get; }
    public bool[]? KeyUsage { get; }
    public bool HasBasicConstraints { get; }
    public bool IsCa { get; }
    public List<string> DnsNames { get; } = [];
    public List<IPAddress> IpAddresses { get; } = [];
    public List<string> Uris { get; } = [];
    public bool HasSan { get; private set; }

    public bool IsSelfIssued => RawSubject.AsSpan().SequenceEqual(RawIssuer);
    public string Subject => Cert.SubjectDN.ToString();

    /// <summary>The subject's attributes as TYPE=value pairs (CN, O, OU, ...), for --*-cert-distinguished-name.</summary>
    public IReadOnlyList<string> SubjectAttributes =>
        Cert.SubjectDN.GetOidList().Zip(Cert.SubjectDN.GetValueList(), (oid, value) => $"{(X509Name.DefaultSymbols.TryGetValue(oid, out var sym) ? sym : oid.Id)}={value}").ToList();
    public string? InsecureSignature => Insecure.GetValueOrDefault(Cert.SigAlgOid);
    public string? DuplicateExtension => ExtensionOids.GroupBy(o => o).FirstOrDefault(g => g.Count() > 1)?.Key;

    /// <summary>go1.19 verify.go checkChainForKeyUsage(): no EKU extension, anyExtendedKeyUsage or the usage itself.</summary>
    public bool AllowsUsage(DerObjectIdentifier usage) =>
        Eku == null || Eku.Contains(AnyPurpose.Id) || Eku.Contains(usage.Id);

    /// <summary>x509.go CheckSignatureFrom(): a v3 parent needs CA:TRUE, and keyCertSign when it has keyUsage.</summary>
    public string? CannotSignBecause()
    {
        if (Cert.Version == 3 && !IsCa) return HasBasicConstraints ? "basicConstraints has CA:FALSE" : "it has no basicConstraints CA:TRUE";
        if (KeyUsage != null && (KeyUsage.Length <= 5 || !KeyUsage[5])) return "its keyUsage lacks keyCertSign";
        return null;
    }

    /// <summary>The names a client may dial, as `cockroach cert list` prints them: DNS names first, then IPs.</summary>
    public string Addresses => string.Join(",", DnsNames.Concat(IpAddresses.Select(a => a.ToString())));

    private void ReadSan(X509Extensions? extensions)
    {
        var san = extensions?.GetExtension(X509Extensions.SubjectAlternativeName);
        if (san == null) return;
        HasSan = true;
        foreach (var name in GeneralNames.GetInstance(san.GetParsedValue()).GetNames())
        {
            if (name.TagNo == GeneralName.DnsName) DnsNames.Add(DerIA5String.GetInstance(name.Name).GetString());
            else if (name.TagNo == GeneralName.UniformResourceIdentifier) Uris.Add(DerIA5String.GetInstance(name.Name).GetString());
            else if (name.TagNo == GeneralName.IPAddress && Asn1OctetString.GetInstance(name.Name).GetOctets() is { Length: 4 or 16 } ip)
                IpAddresses.Add(new IPAddress(ip));
        }
    }
}
