using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>
/// crypto/pkcs12/p12_crt.c PKCS12_create_ex() as apps/pkcs12.c calls it: the certificates (the key's own first,
/// with friendlyName and localKeyID) in one safe, encrypted with the certificate PBE, then the key in a plain
/// safe as a shrouded key bag (or a plain key bag with -keypbe NONE), then the MAC.
/// </summary>
internal static class Pkcs12Writer
{
    private static readonly DerObjectIdentifier FriendlyName = PkcsObjectIdentifiers.Pkcs9AtFriendlyName;
    private static readonly DerObjectIdentifier LocalKeyId = PkcsObjectIdentifiers.Pkcs9AtLocalKeyID;
    private static readonly DerObjectIdentifier CspName = new("1.3.6.1.4.1.311.17.1");
    private static readonly DerObjectIdentifier LocalKeySet = new("1.3.6.1.4.1.311.17.2");
    private static readonly DerObjectIdentifier KeyUsageAttribute = new("2.5.29.15");

    /// <summary>A certificate with the friendlyName to give it (-caname), or none.</summary>
    public sealed record NamedCertificate(X509Certificate Certificate, string? Name);

    public static byte[] Create(PrivateKey? key, X509Certificate? keyCertificate, IReadOnlyList<NamedCertificate> others,
        Pkcs12Password password, Pkcs12Password? macPassword, Pkcs12ExportOptions options)
    {
        byte[]? keyId = null;
        if (key != null && keyCertificate != null)
            keyId = Org.BouncyCastle.Security.DigestUtilities.CalculateDigest("SHA1", keyCertificate.GetEncoded());

        var safes = new List<Asn1Encodable>();
        var certBags = new List<Asn1Encodable>();
        if (keyCertificate != null) certBags.Add(CertBag(keyCertificate, options.Name, keyId));
        certBags.AddRange(others.Select(c => CertBag(c.Certificate, c.Name, null)));
        if (certBags.Count > 0) safes.Add(Safe(certBags, options.CertPbeOid, options.Iterations, password, options.LegacyAlgorithms));

        if (key != null)
        {
            var attributes = new List<Asn1Encodable>();
            if (options.CspName != null) attributes.Add(Attribute(CspName, new DerBmpString(options.CspName)));
            if (options.LocalMachineKeySet) attributes.Add(new DerSequence(LocalKeySet, new DerSet()));
            if (options.Name != null) attributes.Add(Attribute(FriendlyName, new DerBmpString(options.Name)));
            if (keyId != null) attributes.Add(Attribute(LocalKeyId, new DerOctetString(keyId)));
            safes.Add(ContentInfoOfData(new DerSequence(KeyBag(key, options, password, attributes))));
        }

        var authSafe = new DerSequence(safes.ToArray()).GetEncoded(Asn1Encodable.Der);
        var items = new Asn1EncodableVector(DerInteger.ValueOf(3), ContentInfoOfData(authSafe));
        if (!options.NoMac) items.Add(MacData(authSafe, macPassword ?? password, options));
        return new DerSequence(items).GetEncoded(Asn1Encodable.Der);
    }

    private static Asn1Encodable CertBag(X509Certificate certificate, string? name, byte[]? keyId)
    {
        var attributes = new List<Asn1Encodable>();
        if (name != null) attributes.Add(Attribute(FriendlyName, new DerBmpString(name)));
        if (keyId != null) attributes.Add(Attribute(LocalKeyId, new DerOctetString(keyId)));
        var certBag = new DerSequence(PkcsObjectIdentifiers.X509Certificate,
            new DerTaggedObject(true, 0, new DerOctetString(certificate.GetEncoded())));
        return SafeBag(PkcsObjectIdentifiers.CertBag, certBag, attributes);
    }

    // p12_crt.c PKCS12_add_key_ex(): EVP_PKEY2PKCS8 with the -keyex/-keysig attribute, shrouded unless -keypbe NONE.
    private static Asn1Encodable KeyBag(PrivateKey key, Pkcs12ExportOptions options, Pkcs12Password password, List<Asn1Encodable> attributes)
    {
        var info = KeyEncoding.Canonical(key).Info;
        if (options.KeyUsage != Pkcs12KeyUsage.None)
        {
            // PKCS8_add_keyusage(): a one-byte BIT STRING, KEY_EX 0x10 or KEY_SIG 0x80, unused trailing bits dropped.
            var bits = options.KeyUsage == Pkcs12KeyUsage.Exchange ? new DerBitString(new byte[] { 0x10 }, 4) : new DerBitString(new byte[] { 0x80 }, 7);
            info = new PrivateKeyInfo(info.PrivateKeyAlgorithm, info.ParsePrivateKey(), new DerSet(Attribute(KeyUsageAttribute, bits)));
        }
        var der = info.GetEncoded(Asn1Encodable.Der);
        if (options.KeyPbeOid == null) return SafeBag(PkcsObjectIdentifiers.KeyBag, Asn1Object.FromByteArray(der), attributes);
        var (algorithm, data) = Pkcs12Crypto.Encrypt(options.KeyPbeOid, password, options.Iterations, der, options.LegacyAlgorithms);
        return SafeBag(PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag, new DerSequence(algorithm, new DerOctetString(data)), attributes);
    }

    // p12_crt.c PKCS12_add_safe_ex(): -1 (NONE) a plain data safe, else PKCS12_pack_p7encdata_ex().
    private static Asn1Encodable Safe(List<Asn1Encodable> bags, string? pbeOid, int iterations, Pkcs12Password password, bool legacy)
    {
        var contents = new DerSequence(bags.ToArray()).GetEncoded(Asn1Encodable.Der);
        if (pbeOid == null) return ContentInfoOfData(contents);
        var (algorithm, data) = Pkcs12Crypto.Encrypt(pbeOid, password, iterations, contents, legacy);
        var encryptedContentInfo = new DerSequence(PkcsObjectIdentifiers.Data, algorithm, new DerTaggedObject(false, 0, new DerOctetString(data)));
        var encryptedData = new DerSequence(DerInteger.Zero, encryptedContentInfo);
        return new DerSequence(PkcsObjectIdentifiers.EncryptedData, new DerTaggedObject(true, 0, encryptedData));
    }

    private static Asn1Encodable SafeBag(DerObjectIdentifier type, Asn1Encodable value, List<Asn1Encodable> attributes)
    {
        var items = new Asn1EncodableVector(type, new DerTaggedObject(true, 0, value));
        // SET OF in DER: OpenSSL sorts the attributes by their encoding (a short friendlyName comes first).
        if (attributes.Count > 0) items.Add(new DerSet(attributes.ToArray()));
        return new DerSequence(items);
    }

    private static Asn1Encodable Attribute(DerObjectIdentifier type, Asn1Encodable value) => new DerSequence(type, new DerSet(value));

    private static Asn1Encodable ContentInfoOfData(byte[] content) =>
        new DerSequence(PkcsObjectIdentifiers.Data, new DerTaggedObject(true, 0, new DerOctetString(content)));

    private static Asn1Encodable ContentInfoOfData(Asn1Encodable content) => ContentInfoOfData(content.GetEncoded(Asn1Encodable.Der));

    // p12_mutl.c PKCS12_set_mac(): SHA-256 unless -macalg, an 8-byte salt, the iteration count left out when 1.
    private static Asn1Encodable MacData(byte[] authSafe, Pkcs12Password password, Pkcs12ExportOptions options)
    {
        var digest = Pkcs12Crypto.FindMacDigest(options.MacDigest ?? (options.Legacy ? "sha1" : "sha256"))!;
        var salt = Pkcs12Crypto.NewSalt();
        var mac = Pkcs12Crypto.Mac(digest, password, salt, options.MacIterations, authSafe);
        var digestInfo = new DerSequence(new AlgorithmIdentifier(new DerObjectIdentifier(digest.Oid), DerNull.Instance), new DerOctetString(mac));
        var items = new Asn1EncodableVector(digestInfo, new DerOctetString(salt));
        if (options.MacIterations > 1) items.Add(DerInteger.ValueOf(options.MacIterations));
        return new DerSequence(items);
    }
}
