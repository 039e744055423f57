using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Signing;

/// <summary>The fields of a certificate to be signed; the issuer and subject are DER Names copied as they are.</summary>
public sealed record CertificateTemplate(
    BigInteger Serial,
    X509Name Issuer,
    X509Name Subject,
    DateTime NotBefore,
    DateTime NotAfter,
    SubjectPublicKeyInfo PublicKey,
    X509Extensions? Extensions,
    string Digest)
{
    /// <summary>Version 3 even without extensions (an extension section was used but yielded none).</summary>
    public bool Version3 { get; init; }
}

public static class CertificateSigner
{
    /// <summary>
    /// Builds the TBSCertificate and signs it. Version 3 when there is at least one extension, else version 1,
    /// as OpenSSL (apps/lib/apps.c do_X509_sign / ca.c do_body). Times before 2050 are UTCTime, later ones
    /// GeneralizedTime (RFC 5280 4.1.2.5), both to the second.
    /// </summary>
    public static X509Certificate Sign(CertificateTemplate t, AsymmetricKeyParameter signingKey)
    {
        var factory = Digests.SignatureFactory(t.Digest, signingKey);
        var algorithm = (AlgorithmIdentifier)factory.AlgorithmDetails;
        var version3 = t.Version3 || (t.Extensions != null && t.Extensions.GetExtensionOids().Length > 0);

        // RFC 5280 4.1: version [0] is present only for v3; extensions [3] only when there are any.
        var fields = new Asn1EncodableVector();
        if (version3) fields.Add(new DerTaggedObject(true, 0, DerInteger.Two));
        fields.Add(new DerInteger(t.Serial), algorithm, t.Issuer,
            new DerSequence(ToTime(t.NotBefore), ToTime(t.NotAfter)), t.Subject, t.PublicKey);
        if (t.Extensions != null && t.Extensions.GetExtensionOids().Length > 0)
            fields.Add(new DerTaggedObject(true, 3, t.Extensions));
        var tbs = TbsCertificateStructure.GetInstance(new DerSequence(fields));

        var signature = Sign(factory, tbs.GetDerEncoded());
        return new X509Certificate(X509CertificateStructure.GetInstance(
            new DerSequence(tbs, algorithm, new DerBitString(signature))));
    }

    internal static byte[] Sign(ISignatureFactory factory, byte[] data)
    {
        var calculator = factory.CreateCalculator();
        using (var stream = calculator.Stream) stream.Write(data, 0, data.Length);
        return ((IBlockResult)calculator.GetResult()).Collect();
    }

    /// <summary>OpenSSL's ASN1_TIME_set: UTCTime for 1950–2049, GeneralizedTime otherwise; seconds precision.</summary>
    public static Time ToTime(DateTime utc)
    {
        utc = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return utc.Year is >= 1950 and < 2050
            ? new Time(new DerUtcTime(utc, 2049))
            : new Time(new DerGeneralizedTime(utc));
    }

    /// <summary>apps/lib/apps.c rand_serial(): BN_rand(159 bits, top any, bottom any), so never negative.</summary>
    public static BigInteger RandomSerial(SecureRandom? random = null) => new(159, random ?? OsRandom.Create());
}
