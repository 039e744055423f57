using System.Text;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// apps/ca.c -gencrl: a CRL of every row whose type starts with R, sorted by serial, signed with the CA key.
/// The DER is written field by field so that times stored in the index as text (a revocation date with an
/// offset, a fractional invalidity date) are encoded exactly as OpenSSL copies them.
/// </summary>
public static class CrlIssuer
{
    private static readonly DerObjectIdentifier CrlNumberOid = new("2.5.29.20"), ReasonOid = new("2.5.29.21"),
        HoldOid = new("2.5.29.23"), InvalidityOid = new("2.5.29.24");

    /// <summary>
    /// Makes and signs the CRL, advances the crlnumber file (its old bytes kept as ".old") and writes the PEM
    /// to <paramref name="outPath"/> or standard output. The output is staged with crlnumber, so an unwritable output moves nothing.
    /// </summary>
    public static void Run(CaConfig ca, CrlOverrides overrides, Signer signer, CaDatabase db, string digest, DateTime now,
        string? outPath, Action<byte[]> stdout)
    {
        var settings = CrlSettings.Resolve(ca, overrides, signer.Certificate!, now);
        var der = Build(settings, db.Entries, signer.Certificate!, signer.Key, digest,
            SignatureOptions.Parse(overrides.SignatureOptions, signer.Key));
        var pem = Encoding.ASCII.GetBytes(PemBlock.Of("X509 CRL", der).Encode());
        // crlnumber (and its .old) and the CRL are staged together: nothing moves unless all can be written.
        using var batch = new FileBatch();
        if (settings.Number is { } n)
        {
            batch.Add(n.Path + ".old", n.Bytes, durable: false);
            batch.Add(n.Path, SerialFile.Format(n.Value.Add(BigInteger.One)));
        }
        if (outPath != null) batch.Add(outPath, pem);
        batch.Publish();
        if (outPath == null) stdout(pem);
    }

    /// <summary>The signed CertificateList (RFC 5280 5.1) in DER.</summary>
    public static byte[] Build(CrlSettings settings, IReadOnlyList<IndexEntry> rows, X509Certificate caCert, PrivateKey key,
        string digest, SignatureOptions? options = null)
    {
        var revoked = rows.Where(r => r.Status.StartsWith('R'))
            .Select(r => (Serial: ParseSerial(r.Serial), Info: RevocationInfo.Parse(r.Revocation)))
            .OrderBy(e => e.Serial, SerialOrder.Instance)
            .ToList();
        var extensions = settings.Extensions.ToList();
        if (settings.Number != null)
            extensions.Add(new CertExtension(CrlNumberOid, false, new DerInteger(settings.Number.Value).GetDerEncoded()));
        // apps/ca.c: version 2 when a CRL extension section is named, a crlnumber is used, or an entry has a reason.
        var v2 = settings.ExtensionSection != null || settings.Number != null || revoked.Any(e => e.Info.ReasonCode != null);

        var factory = Digests.SignatureFactory(digest, key, options ?? SignatureOptions.None);
        var algorithm = ((AlgorithmIdentifier)factory.AlgorithmDetails).GetDerEncoded();
        var tbs = Der.Sequence(
            v2 ? DerInteger.One.GetDerEncoded() : [],
            algorithm,
            caCert.CertificateStructure.Subject.GetDerEncoded(),
            Timestamps.ToAsn1Time(settings.LastUpdate).GetDerEncoded(),
            Timestamps.ToAsn1Time(settings.NextUpdate).GetDerEncoded(),
            revoked.Count > 0 ? Der.Sequence([.. revoked.Select(e => Entry(e.Serial, e.Info))]) : [],
            extensions.Count > 0 ? Der.Tagged(0xA0, ExtensionBuilder.ToExtensionsSequence(extensions).GetDerEncoded()) : []);
        var signature = Digests.Sign(factory, tbs);
        return Der.Sequence(tbs, algorithm, new DerBitString(signature).GetDerEncoded());
    }

    /// <summary>
    /// apps/ca.c make_revoked(): revocationDate as the index's UTCTime text, then the entry extensions in
    /// OpenSSL's order: reason code, invalidity date, hold instruction code.
    /// </summary>
    private static byte[] Entry(BigInteger serial, RevocationInfo info)
    {
        var extensions = new List<CertExtension>();
        if (info.ReasonCode is { } reason)
            extensions.Add(new CertExtension(ReasonOid, false, new DerEnumerated(reason).GetDerEncoded()));
        if (info.InvalidityDate != null)
            extensions.Add(new CertExtension(InvalidityOid, false, Der.Text(0x18, info.InvalidityDate)));
        if (info.HoldInstruction != null)
            extensions.Add(new CertExtension(HoldOid, false, info.HoldInstruction.GetDerEncoded()));
        return Der.Sequence(
            new DerInteger(serial).GetDerEncoded(),
            Der.Text(0x17, info.Date),
            extensions.Count > 0 ? ExtensionBuilder.ToExtensionsSequence(extensions).GetDerEncoded() : []);
    }

    /// <summary>BN_hex2bn(): hex digits with an optional leading '-'.</summary>
    private static BigInteger ParseSerial(string hex) =>
        hex.StartsWith('-') ? new BigInteger(hex[1..], 16).Negate() : new BigInteger(hex, 16);

    /// <summary>
    /// X509_CRL_sort() compares serials with ASN1_STRING_cmp(): magnitude length, then magnitude bytes, then
    /// type (a negative INTEGER after the positive one of the same magnitude).
    /// </summary>
    private sealed class SerialOrder : IComparer<BigInteger>
    {
        public static readonly SerialOrder Instance = new();

        public int Compare(BigInteger? x, BigInteger? y)
        {
            var a = x!.Abs().ToByteArrayUnsigned();
            var b = y!.Abs().ToByteArrayUnsigned();
            if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
            var c = a.AsSpan().SequenceCompareTo(b);
            return c != 0 ? c : (x.SignValue < 0).CompareTo(y.SignValue < 0);
        }
    }

    /// <summary>Minimal DER assembly for the parts that must keep their exact bytes.</summary>
    private static class Der
    {
        public static byte[] Sequence(params byte[][] parts) => Tagged(0x30, parts);

        public static byte[] Text(byte tag, string text) => Tagged(tag, Encoding.ASCII.GetBytes(text));

        public static byte[] Tagged(byte tag, params byte[][] parts) => Names.Der.Tagged(tag, parts);
    }
}
