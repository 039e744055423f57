using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Tools;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>How the responder signs: -rmd, -resp_no_certs, -resp_key_id, -nmin/-ndays, -rcid.</summary>
public sealed record ResponderSettings
{
    public string? Digest { get; init; }
    public bool NoCerts { get; init; }
    public bool KeyId { get; init; }
    /// <summary>-ndays (-1: no nextUpdate; -nmin alone makes it 0).</summary>
    public int Days { get; init; } = -1;
    public int Minutes { get; init; }
    /// <summary>-rcid: the digest of the certificate IDs in the response; null keeps the request's.</summary>
    public string? ResponseIdDigest { get; init; }
}

/// <summary>The responder's certificate and key, the CA certificates it answers for and -rother.</summary>
public sealed record ResponderKeys(X509Certificate Signer, PrivateKey Key, IReadOnlyList<X509Certificate> CaCertificates,
    IReadOnlyList<X509Certificate> Other);

/// <summary>
/// apps/ocsp.c make_ocsp_response(): one status per certificate ID of the request from the index. An ID whose
/// issuer is none of the -CA certificates, or whose serial is not in the index, is unknown; a V row is good, an
/// R row revoked with its time, reason and invalidity date or hold instruction; an E row gets no status at all
/// (as OpenSSL). The nonce is copied, and the response signed with the responder key.
/// </summary>
public static class OcspResponder
{
    private const int Successful = 0, MalformedRequest = 1, InternalError = 2;
    private static readonly DerObjectIdentifier InvalidityOid = X509Extensions.InvalidityDate,
        HoldOid = X509Extensions.InstructionCode;

    /// <summary>The DER OCSPResponse answering <paramref name="request"/> at <paramref name="now"/>.</summary>
    internal static byte[] Respond(OcspRequest request, IndexRows index, ResponderKeys keys, ResponderSettings settings, DateTime now)
    {
        var requests = request.TbsRequest.RequestList.Cast<Asn1Encodable>().Select(Request.GetInstance).ToList();
        if (requests.Count == 0) return OcspMessages.Response(MalformedRequest, null);
        var thisUpdate = OcspMessages.Time(now);
        var nextUpdate = settings.Days == -1 ? null
            : OcspMessages.Time(now.AddDays(settings.Days).AddSeconds(60.0 * settings.Minutes));

        var responses = new List<Asn1Encodable>();
        foreach (var one in requests)
        {
            var id = one.ReqCert;
            var digest = Digests.NameOf(id.HashAlgorithm.Algorithm);
            if (digest == null || MessageDigests.Find(digest) == null) return OcspMessages.Response(InternalError, null);
            var ca = keys.CaCertificates.FirstOrDefault(c => OcspMessages.SameIssuer(OcspMessages.IssuerId(digest, c, id.SerialNumber), id));
            var row = LookupSerial(index, id.SerialNumber);
            if (ca != null && settings.ResponseIdDigest != null) id = OcspMessages.IssuerId(settings.ResponseIdDigest, ca, id.SerialNumber);
            if (ca == null || row == null)
                responses.Add(new SingleResponse(id, new CertStatus(2, DerNull.Instance), thisUpdate, nextUpdate, (X509Extensions?)null));
            else if (row.Status.StartsWith('V'))
                responses.Add(new SingleResponse(id, new CertStatus(), thisUpdate, nextUpdate, (X509Extensions?)null));
            else if (row.Status.StartsWith('R'))
                responses.Add(Revoked(id, RevocationInfo.Parse(row.Revocation), thisUpdate, nextUpdate));
        }

        var nonce = request.TbsRequest.RequestExtensions?.GetExtension(OcspMessages.NonceOid);
        var extensions = nonce == null ? null : new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension> { [OcspMessages.NonceOid] = nonce });
        var data = new ResponseData(ResponderId(keys.Signer, settings.KeyId), OcspMessages.Time(now), new DerSequence(responses.ToArray()), extensions);
        return OcspMessages.Response(Successful, Sign(data, keys, settings));
    }

    /// <summary>OCSP_basic_sign_ctx(): signer certificate then -rother, unless -resp_no_certs.</summary>
    private static BasicOcspResponse Sign(ResponseData data, ResponderKeys keys, ResponderSettings settings)
    {
        var factory = Digests.SignatureFactory(settings.Digest ?? "default", keys.Key);
        var algorithm = (AlgorithmIdentifier)factory.AlgorithmDetails;
        var signature = Digests.Sign(factory, data.GetEncoded(Asn1Encodable.Der));
        Asn1Sequence? certs = settings.NoCerts ? null
            : new DerSequence(new Asn1Encodable[] { keys.Signer.CertificateStructure }.Concat(keys.Other.Select(c => c.CertificateStructure)).ToArray());
        return new BasicOcspResponse(data, algorithm, new DerBitString(signature), certs);
    }

    /// <summary>OCSP_RESPID_set_by_name() or, with -resp_key_id, the SHA-1 of the signer's public key bits.</summary>
    private static ResponderID ResponderId(X509Certificate signer, bool byKey) => byKey
        ? new ResponderID(new DerOctetString(MessageDigests.Find("sha1")!.Compute(signer.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetOctets())))
        : new ResponderID(signer.CertificateStructure.Subject);

    /// <summary>unpack_revinfo() then OCSP_basic_add1_status(): the time as GeneralizedTime, the reason when there is one.</summary>
    private static SingleResponse Revoked(CertID id, RevocationInfo info, Asn1GeneralizedTime thisUpdate, Asn1GeneralizedTime? nextUpdate)
    {
        var revoked = new RevokedInfo(new DerGeneralizedTime(ToGeneralized(info.Date)),
            info.ReasonCode is { } reason ? new CrlReason(reason) : null);
        X509Extensions? extensions = null;
        if (info.InvalidityDate != null)
            extensions = Single(InvalidityOid, new DerGeneralizedTime(info.InvalidityDate));
        else if (info.HoldInstruction != null)
            extensions = Single(HoldOid, info.HoldInstruction);
        return new SingleResponse(id, new CertStatus(revoked), thisUpdate, nextUpdate, extensions);
    }

    private static X509Extensions Single(DerObjectIdentifier oid, Asn1Encodable value) =>
        new(new Dictionary<DerObjectIdentifier, X509Extension> { [oid] = new(false, new DerOctetString(value.GetEncoded(Asn1Encodable.Der))) });

    /// <summary>ASN1_TIME_to_generalizedtime() of the index's UTCTime: the century in front.</summary>
    private static string ToGeneralized(string utc) =>
        (int.Parse(utc[..2], System.Globalization.CultureInfo.InvariantCulture) < 50 ? "20" : "19") + utc;

    /// <summary>apps/ocsp.c lookup_serial(): BN_bn2hex of the serial ("00" for zero) against the index's serials.</summary>
    private static IndexEntry? LookupSerial(IndexRows index, DerInteger serial)
    {
        var value = serial.Value;
        var hex = value.SignValue == 0 ? "00" : (value.SignValue < 0 ? "-" : "") + Hex(value.Abs().ToByteArrayUnsigned());
        var row = index.IndexOfSerial(hex);
        return row < 0 ? null : index[row];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
