using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Issuance;

/// <summary>
/// The one place a certificate is made, for every command: the extension context, the sections' extensions,
/// copy_extensions with its CA guard, the pre-certificate poison, the default key identifiers, the version rule,
/// the TBSCertificate and the signature.
/// </summary>
public static class CertificateIssuer
{
    private static readonly DerObjectIdentifier PrecertPoison = new("1.3.6.1.4.1.11129.2.4.3");

    /// <summary>
    /// Not in OpenSSL, which signs past the issuer's end in silence (ca, x509 -req -CA, req -x509 -CA): such a
    /// certificate stops verifying when its CA certificate expires, so say so on standard error (and still sign).
    /// </summary>
    public static void WarnIfOutlivesIssuer(Signer signer, DateTime notAfter, TextWriter err)
    {
        if (signer.Certificate?.NotAfter.ToUniversalTime() is { } caEnd && notAfter > caEnd)
            err.Write($"Warning: the certificate outlives its CA certificate, which expires {Timestamps.Print(caEnd)}\n");
    }

    /// <summary>Lays out and signs the certificate.</summary>
    public static X509Certificate Issue(CertificateOrder order) => Sign(Prepare(order), order.Signer.Key);

    /// <summary>Everything but the signature, so that `ca` can confirm first and sign a batch on several cores.</summary>
    public static CertificateTemplate Prepare(CertificateOrder order)
    {
        var context = new ExtensionContext(order.PublicKey, order.Subject, order.Signer.Certificate)
        {
            SerialNumber = order.Serial,
            // X509V3_set_issuer_pkey(): without an issuer certificate the signing key is the issuer's key.
            IssuerPublicKey = order.Signer.Certificate == null ? order.Signer.Key.PublicInfo : null,
        };
        var built = order.Sections.Select(s => s.Build(context)).ToList();
        // x509 re-signing: the -extfile section's extensions replace the kept ones of the same type (X509V3_CTX_REPLACE).
        var requested = order.Existing is { } existing
            ? ExtensionCopy.ReplaceAll([.. existing.Extensions], built)
            : order.Copy.Apply(built);
        if (order.Precert) AddPoison(requested);
        var extensions = ExtensionBuilder.WithDefaultKeyIdentifiers(requested, context);
        return new CertificateTemplate(order.Serial, order.Signer.IssuerName(order.Subject), order.Subject,
            order.NotBefore, order.NotAfter, order.PublicKey, requested, extensions, order.Digest)
        {
            Existing = order.Existing,
            SignatureOptions = order.SignatureOptions,
        };
    }

    /// <summary>
    /// Builds the TBSCertificate and signs it; thread-safe, so a batch can be signed in parallel. Times are
    /// <see cref="Timestamps.ToAsn1Time"/>'s (apps/lib/apps.c do_X509_sign, ca.c do_body).
    /// </summary>
    public static X509Certificate Sign(CertificateTemplate t, PrivateKey key)
    {
        var factory = Digests.SignatureFactory(t.Digest, key, t.SignatureOptions);
        var algorithm = (AlgorithmIdentifier)factory.AlgorithmDetails;
        var tbs = ToBeSigned(t, t.Extensions, algorithm, t.Version);
        var signature = Digests.Sign(factory, tbs.GetDerEncoded());
        return new X509Certificate(X509CertificateStructure.GetInstance(
            new DerSequence(tbs, algorithm, new DerBitString(signature))));
    }

    /// <summary>
    /// The certificate as apps/ca.c do_body() shows it under "Certificate Details:", before do_X509_sign(): no
    /// version set yet (it prints as 1), no default key identifiers yet, and no signature.
    /// </summary>
    public static byte[] Unsigned(CertificateTemplate t)
    {
        var placeholder = new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);
        return new DerSequence(ToBeSigned(t, t.Requested, placeholder, version: 0), placeholder, new DerBitString([])).GetEncoded();
    }

    // RFC 5280 4.1: version [0] is present only for v3; extensions [3] only when there are any.
    private static DerSequence ToBeSigned(CertificateTemplate t, IReadOnlyList<CertExtension> extensions,
        AlgorithmIdentifier algorithm, int version)
    {
        var fields = new Asn1EncodableVector();
        if (version != 0) fields.Add(new DerTaggedObject(true, 0, DerInteger.ValueOf(version)));
        fields.Add(new DerInteger(t.Serial), algorithm, t.Issuer,
            t.Existing?.Validity ?? new DerSequence(Timestamps.ToAsn1Time(t.NotBefore), Timestamps.ToAsn1Time(t.NotAfter)),
            t.Subject, t.PublicKey);
        if (extensions.Count > 0)
            fields.Add(new DerTaggedObject(true, 3, ExtensionBuilder.ToExtensionsSequence(extensions)));
        return new DerSequence(fields);
    }

    // apps/req.c -precert: X509_add1_ext_i2d(NID_ct_precert_poison, NULL, critical, X509V3_ADD_DEFAULT), a
    // critical extension whose extnValue is empty (RFC 6962 says ASN.1 NULL; OpenSSL 3.0 writes no bytes at all);
    // one already present is an error.
    private static void AddPoison(List<CertExtension> list)
    {
        if (list.Any(e => e.Oid.Equals(PrecertPoison))) throw new CnfSignerException("Error adding poison extension\nextension exists");
        list.Add(new CertExtension(PrecertPoison, true, []));
    }
}
