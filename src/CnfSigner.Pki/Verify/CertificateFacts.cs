using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// What OpenSSL caches about a certificate before verifying it (crypto/x509/v3_purp.c
/// ossl_x509v3_cache_extensions()): basic constraints, key usages, key identifiers, names, self-issued and
/// self-signed flags. Built once per certificate; the verifier reads only these facts and the signature.
/// </summary>
public sealed class CertificateFacts
{
    // crypto/x509/v3_purp.c X509_supported_extension(): critical extensions OpenSSL understands.
    private static readonly HashSet<string> SupportedExtensions =
    [
        "2.16.840.1.113730.1.1", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.32", "2.5.29.31", "2.5.29.37",
        "1.3.6.1.5.5.7.1.7", "1.3.6.1.5.5.7.1.8", "1.3.6.1.5.5.7.48.1.5", "2.5.29.36", "1.3.6.1.5.5.7.1.14",
        "2.5.29.30", "2.5.29.33", "2.5.29.54",
    ];

    /// <summary>The extensions <see cref="Read"/> takes in.</summary>
    private static readonly HashSet<string> DecodedExtensions =
    [
        "2.5.29.19", "2.5.29.15", "2.5.29.37", "2.16.840.1.113730.1.1", "2.5.29.14", "2.5.29.35", "2.5.29.17",
        "2.5.29.31", "1.3.6.1.5.5.7.1.14", "2.5.29.30",
    ];

    public CertificateFacts(X509Certificate certificate)
    {
        Certificate = certificate;
        Der = certificate.GetEncoded();
        Subject = certificate.SubjectDN;
        Issuer = certificate.IssuerDN;
        SubjectCanon = CanonicalName.Encode(Subject);
        IssuerCanon = CanonicalName.Encode(Issuer);
        try { ReadExtensions(); }
        catch (Exception e) when (IsDecodingError(e))
        {
            Invalid = true;
        }
        _publicKey = new Lazy<AsymmetricKeyParameter?>(() => TryGetPublicKey(certificate));
        SelfIssued = SubjectCanon.AsSpan().SequenceEqual(IssuerCanon);
        SelfSigned = SelfIssued && Issuance.CheckAkid(this, this) == VerifyErrors.Ok
                     && Issuance.CheckSignatureAlgorithm(this, this) == VerifyErrors.Ok;
    }

    public X509Certificate Certificate { get; }
    public byte[] Der { get; }
    /// <summary>The auxiliary trust settings of a TRUSTED CERTIFICATE (X509_CERT_AUX); null for a plain certificate.</summary>
    public Text.TrustSettings? Aux { get; init; }
    public X509Name Subject { get; }
    public X509Name Issuer { get; }
    internal byte[] SubjectCanon { get; }
    internal byte[] IssuerCanon { get; }
    // Decoding keys is slow in BouncyCastle (EC points are validated): done only when a signature is checked.
    private readonly Lazy<AsymmetricKeyParameter?> _publicKey;

    /// <summary>X509_get0_pubkey(): the decoded key, or null when it cannot be decoded.</summary>
    public AsymmetricKeyParameter? PublicKey => _publicKey.Value;

    public bool Invalid { get; private set; }
    public bool HasBasicConstraints { get; private set; }
    public bool BasicConstraintsCritical { get; private set; }
    public bool IsCa { get; private set; }
    /// <summary>pathLenConstraint, or -1 when absent (x->ex_pathlen).</summary>
    public int PathLength { get; private set; } = -1;
    public bool HasKeyUsage { get; private set; }
    /// <summary>OpenSSL's ex_kusage: first key-usage byte, second byte shifted by 8 (KU_* bits).</summary>
    public uint KeyUsage { get; private set; }
    public bool HasExtendedKeyUsage { get; private set; }
    public bool ExtendedKeyUsageCritical { get; private set; }
    public ExtendedUsages ExtendedKeyUsage { get; private set; }
    public bool HasNetscapeCertType { get; private set; }
    public uint NetscapeCertType { get; private set; }
    public byte[]? SubjectKeyId { get; private set; }
    public bool SubjectKeyIdCritical { get; private set; }
    public bool HasAuthorityKeyId { get; private set; }
    public bool AuthorityKeyIdCritical { get; private set; }
    public byte[]? AuthorityKeyId { get; private set; }
    public X509Name? AuthorityCertIssuer { get; private set; }
    public BigInteger? AuthorityCertSerial { get; private set; }
    public GeneralName[]? AltNames { get; private set; }
    public bool AltNamesCritical { get; private set; }
    public DistributionPoint[]? CrlDistributionPoints { get; private set; }
    /// <summary>The nameConstraints extension (x->nc), or null when absent or undecodable.</summary>
    public NameConstraintSet? NameConstraints { get; private set; }
    public bool HasUnhandledCritical { get; private set; }
    public bool IsProxy { get; private set; }
    /// <summary>proxyCertInfo's pCPathLenConstraint, or -1 when absent (x->ex_pcpathlen).</summary>
    public long ProxyPathLength { get; private set; } = -1;
    public bool SelfIssued { get; }
    public bool SelfSigned { get; }
    public int Version => Certificate.Version;

    /// <summary>X509_cmp(): the same certificate (OpenSSL compares the cached SHA-1 of the DER).</summary>
    public bool SameAs(CertificateFacts other) => Der.AsSpan().SequenceEqual(other.Der);

    private void ReadExtensions()
    {
        var extensions = Certificate.CertificateStructure.TbsCertificate.Extensions;
        if (extensions == null) return;
        foreach (var oid in extensions.ExtensionOids)
        {
            var ext = extensions.GetExtension(oid);
            if (ext.IsCritical && !SupportedExtensions.Contains(oid.Id)) HasUnhandledCritical = true;
            // only the extensions x509v3_cache_extensions() decodes can make the certificate invalid (not AIA, say)
            if (!DecodedExtensions.Contains(oid.Id)) continue;
            Read(oid.Id, ext.IsCritical, ext.GetParsedValue());
        }
        CheckProxy(extensions);
    }

    private void Read(string oid, bool critical, Asn1Object value)
    {
        switch (oid)
        {
            case "2.5.29.19": ReadBasicConstraints(BasicConstraints.GetInstance(value), critical); break;
            case "2.5.29.15": ReadKeyUsage(DerBitString.GetInstance(value)); break;
            case "2.5.29.37": ReadExtendedKeyUsage(Asn1Sequence.GetInstance(value), critical); break;
            case "2.16.840.1.113730.1.1":
                HasNetscapeCertType = true;
                var ns = DerBitString.GetInstance(value).GetBytes();
                NetscapeCertType = ns.Length > 0 ? ns[0] : 0u;
                break;
            case "2.5.29.14":
                SubjectKeyId = Asn1OctetString.GetInstance(value).GetOctets();
                SubjectKeyIdCritical = critical;
                break;
            case "2.5.29.35": ReadAuthorityKeyId(Asn1Sequence.GetInstance(value), critical); break;
            case "2.5.29.17":
                AltNames = GeneralNames.GetInstance(value).GetNames();
                AltNamesCritical = critical;
                break;
            case "2.5.29.31": CrlDistributionPoints = CrlDistPoint.GetInstance(value).GetDistributionPoints(); break;
            case "1.3.6.1.5.5.7.1.14": ReadProxyCertInfo(value); break;
            case "2.5.29.30": ReadNameConstraints(value); break;
        }
    }

    // v3_purp.c: a proxy certificate that is a CA or names subject or issuer alternative names is invalid
    private void ReadProxyCertInfo(Asn1Object value)
    {
        IsProxy = true;
        var info = Asn1Sequence.GetInstance(value);
        if (info.Count > 0 && info[0] is DerInteger pathLen)
            ProxyPathLength = pathLen.Value.BitLength > 63 ? long.MaxValue : pathLen.Value.LongValue;
    }

    /// <summary>v3_purp.c: checked once all extensions are read.</summary>
    private void CheckProxy(X509Extensions extensions)
    {
        if (IsProxy && (IsCa || extensions.GetExtension(X509Extensions.SubjectAlternativeName) != null
                        || extensions.GetExtension(X509Extensions.IssuerAlternativeName) != null))
            Invalid = true;
    }

    // v3_purp.c: an undecodable nameConstraints makes the certificate invalid and constrains nothing
    private void ReadNameConstraints(Asn1Object value)
    {
        try { NameConstraints = NameConstraintSet.Parse(value); }
        catch (Exception e) when (IsDecodingError(e))
        {
            Invalid = true;
        }
    }

    private static bool IsDecodingError(Exception e) =>
        e is ArgumentException or InvalidCastException or IOException or InvalidOperationException
            or GeneralSecurityException or FormatException or OverflowException;

    private void ReadBasicConstraints(BasicConstraints bc, bool critical)
    {
        HasBasicConstraints = true;
        BasicConstraintsCritical = critical;
        IsCa = bc.IsCA();
        var pathLen = bc.PathLenConstraint;
        if (pathLen == null) return;
        // v3_purp.c: a negative pathlen makes the certificate invalid
        if (pathLen.SignValue < 0) Invalid = true;
        else PathLength = pathLen.BitLength > 31 ? int.MaxValue : pathLen.IntValue;
    }

    private void ReadKeyUsage(DerBitString bits)
    {
        var bytes = bits.GetBytes();
        HasKeyUsage = true;
        KeyUsage = bytes.Length > 0 ? bytes[0] : 0u;
        if (bytes.Length > 1) KeyUsage |= (uint)bytes[1] << 8;
        // v3_purp.c: an empty key usage is invalid (RFC 5280 4.2.1.3)
        if (KeyUsage == 0) Invalid = true;
    }

    private void ReadExtendedKeyUsage(Asn1Sequence oids, bool critical)
    {
        HasExtendedKeyUsage = true;
        ExtendedKeyUsageCritical = critical;
        foreach (var oid in oids) ExtendedKeyUsage |= ExtendedUsagesOf(DerObjectIdentifier.GetInstance(oid).Id);
    }

    // read field by field: BouncyCastle's AuthorityKeyIdentifier refuses an issuer without a serial, OpenSSL does not
    private void ReadAuthorityKeyId(Asn1Sequence akid, bool critical)
    {
        HasAuthorityKeyId = true;
        AuthorityKeyIdCritical = critical;
        foreach (var element in akid)
        {
            var tagged = Asn1TaggedObject.GetInstance(element);
            switch (tagged.TagNo)
            {
                case 0: AuthorityKeyId = Asn1OctetString.GetInstance(tagged, false).GetOctets(); break;
                case 1:
                    var dirName = GeneralNames.GetInstance(tagged, false).GetNames().FirstOrDefault(n => n.TagNo == GeneralName.DirectoryName);
                    if (dirName != null) AuthorityCertIssuer = X509Name.GetInstance(dirName.Name);
                    break;
                case 2: AuthorityCertSerial = DerInteger.GetInstance(tagged, false).Value; break;
            }
        }
    }

    // v3_purp.c x509v3_cache_extensions(): EKU OIDs to XKU_* bits
    private static ExtendedUsages ExtendedUsagesOf(string oid) => oid switch
    {
        "1.3.6.1.5.5.7.3.1" => ExtendedUsages.SslServer,
        "1.3.6.1.5.5.7.3.2" => ExtendedUsages.SslClient,
        "1.3.6.1.5.5.7.3.4" => ExtendedUsages.Smime,
        "1.3.6.1.5.5.7.3.3" => ExtendedUsages.CodeSign,
        "1.3.6.1.4.1.311.10.3.3" or "2.16.840.1.113730.4.1" => ExtendedUsages.Sgc,
        "1.3.6.1.5.5.7.3.9" => ExtendedUsages.OcspSign,
        "1.3.6.1.5.5.7.3.8" => ExtendedUsages.Timestamp,
        "1.3.6.1.5.5.7.3.10" => ExtendedUsages.Dvcs,
        "2.5.29.37.0" => ExtendedUsages.AnyEku,
        _ => ExtendedUsages.None,
    };

    private static AsymmetricKeyParameter? TryGetPublicKey(X509Certificate certificate)
    {
        try
        {
            // X.500's rsa (2.5.8.1.1) holds an RSAPublicKey as rsaEncryption does; BouncyCastle knows only the latter
            var info = certificate.CertificateStructure.SubjectPublicKeyInfo;
            if (info.Algorithm.Algorithm.Id == "2.5.8.1.1")
            {
                var rsa = Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure.GetInstance(info.ParsePublicKey());
                return new Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent);
            }
            return certificate.GetPublicKey();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or SecurityUtilityException or NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>OpenSSL's XKU_* bits (include/openssl/x509v3.h).</summary>
[Flags]
public enum ExtendedUsages : uint
{
    None = 0, SslServer = 0x1, SslClient = 0x2, Smime = 0x4, CodeSign = 0x8, Sgc = 0x10, OcspSign = 0x20,
    Timestamp = 0x40, Dvcs = 0x80, AnyEku = 0x100,
}

/// <summary>OpenSSL's KU_* and NS_* bits.</summary>
public static class KeyUsageBits
{
    public const uint DigitalSignature = 0x80, NonRepudiation = 0x40, KeyEncipherment = 0x20, DataEncipherment = 0x10,
        KeyAgreement = 0x08, KeyCertSign = 0x04, CrlSign = 0x02, EncipherOnly = 0x01, DecipherOnly = 0x8000;

    public const uint NsSslClient = 0x80, NsSslServer = 0x40, NsSmime = 0x20, NsObjsign = 0x10, NsSslCa = 0x04,
        NsSmimeCa = 0x02, NsObjsignCa = 0x01, NsAnyCa = NsSslCa | NsSmimeCa | NsObjsignCa;
}
