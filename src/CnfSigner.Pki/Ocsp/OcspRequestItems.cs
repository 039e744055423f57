using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Tools;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>
/// The request apps/ocsp.c builds while it parses -issuer, -cert, -serial and digest options (add_ocsp_cert(),
/// add_ocsp_serial()): each certificate ID uses the issuer named before it and the digest named before it (SHA-1
/// by default). Names are kept for the status summary; every -issuer is kept for the verification fallback.
/// </summary>
public sealed class OcspRequestItems
{
    private readonly List<CertID> _ids = [];
    private readonly List<string> _names = [];
    private readonly List<X509Certificate> _issuers = [];

    /// <summary>Non-null once a -cert or -serial made a request.</summary>
    internal List<CertID>? Request => _ids.Count > 0 ? _ids : null;
    internal IReadOnlyList<CertID> Ids => _ids;
    internal IReadOnlyList<string> Names => _names;
    internal IReadOnlyList<X509Certificate> Issuers => _issuers;

    internal static OcspRequestItems Build(IReadOnlyList<(string Kind, string Value)> items)
    {
        var built = new OcspRequestItems();
        X509Certificate? issuer = null;
        string? digest = null;
        var trailingDigest = false;
        foreach (var (kind, value) in items)
        {
            switch (kind)
            {
                case "issuer":
                    issuer = CertificateFiles.Load(value, "issuer certificate");
                    built._issuers.Add(issuer);
                    break;
                case "cert":
                    var cert = CertificateFiles.Load(value, "certificate");
                    built.Add(issuer, digest ?? "sha1", cert.CertificateStructure.SerialNumber, value);
                    trailingDigest = false;
                    break;
                case "serial":
                    if (issuer == null) throw new CnfSignerException("No issuer certificate specified");
                    var serial = OcspMessages.ParseSerial(value) ?? throw new CnfSignerException($"Error converting serial number {value}");
                    built.Add(issuer, digest ?? "sha1", serial, value);
                    trailingDigest = false;
                    break;
                case "digest":
                    if (trailingDigest) throw DigestOrder();
                    digest = value;
                    trailingDigest = true;
                    break;
            }
        }
        if (trailingDigest) throw DigestOrder();
        return built;
    }

    private void Add(X509Certificate? issuer, string digest, DerInteger serial, string name)
    {
        if (issuer == null) throw new CnfSignerException("No issuer certificate specified");
        if (MessageDigests.Find(digest) == null) throw new CnfSignerException("Error Creating OCSP request");
        _ids.Add(OcspMessages.IssuerId(digest, issuer, serial));
        _names.Add(name);
    }

    private static CnfSignerException DigestOrder() => new("ocsp: Digest must be before -cert or -serial\nocsp: Use -help for summary.");

    /// <summary>The DER OCSPRequest, with a fresh nonce unless -no_nonce.</summary>
    internal byte[] Finish(bool nonce)
    {
        var requests = _ids.Select(id => (Asn1Encodable)new Request(id, null)).ToArray();
        var extensions = nonce
            ? new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension> { [OcspMessages.NonceOid] = OcspMessages.NewNonce() })
            : null;
        return new OcspRequest(new TbsRequest(null, new DerSequence(requests), extensions), null).GetEncoded(Asn1Encodable.Der);
    }
}
