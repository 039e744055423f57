using System.Globalization;
using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Tools;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>
/// The OCSP structures of RFC 6960 as crypto/ocsp builds them: certificate IDs (ocsp_lib.c OCSP_cert_id_new),
/// the nonce extension (ocsp_ext.c) and the DER readers apps/ocsp.c uses (d2i_OCSP_REQUEST_bio, d2i_OCSP_RESPONSE_bio).
/// </summary>
internal static class OcspMessages
{
    public static readonly DerObjectIdentifier NonceOid = OcspObjectIdentifiers.PkixOcspNonce;
    public static readonly DerObjectIdentifier BasicOid = OcspObjectIdentifiers.PkixOcspBasic;

    /// <summary>OCSP_cert_id_new(): hashes of the issuer's subject DER and of its public key bits; NULL parameters.</summary>
    public static CertID IssuerId(string digest, X509Certificate issuer, DerInteger serial)
    {
        var md = MessageDigests.Find(digest) ?? throw new CnfSignerException($"Unknown digest {digest}");
        var nameHash = md.Compute(issuer.CertificateStructure.Subject.GetEncoded(Asn1Encodable.Der));
        var keyHash = md.Compute(issuer.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetOctets());
        return new CertID(new AlgorithmIdentifier(Digests.Oid(digest), DerNull.Instance),
            new DerOctetString(nameHash), new DerOctetString(keyHash), serial);
    }

    /// <summary>OCSP_id_issuer_cmp(): same hash algorithm OID and the same two hashes.</summary>
    public static bool SameIssuer(CertID a, CertID b) =>
        a.HashAlgorithm.Algorithm.Equals(b.HashAlgorithm.Algorithm)
        && a.IssuerNameHash.GetOctets().AsSpan().SequenceEqual(b.IssuerNameHash.GetOctets())
        && a.IssuerKeyHash.GetOctets().AsSpan().SequenceEqual(b.IssuerKeyHash.GetOctets());

    /// <summary>OCSP_id_cmp(): the issuer and the serial number.</summary>
    public static bool SameId(CertID a, CertID b) => SameIssuer(a, b) && a.SerialNumber.Value.Equals(b.SerialNumber.Value);

    /// <summary>OCSP_request_add1_nonce(req, NULL, -1): 16 random bytes in an OCTET STRING, the extension not critical.</summary>
    public static X509Extension NewNonce() =>
        new(false, new DerOctetString(new DerOctetString(OsRandom.Bytes(16)).GetEncoded(Asn1Encodable.Der)));

    /// <summary>One DER element from the front of the bytes, as d2i_*_bio reads it (anything after is ignored).</summary>
    public static Asn1Object? ReadElement(byte[] der)
    {
        try
        {
            using var input = new Asn1InputStream(new MemoryStream(der), der.Length);
            return input.ReadObject();
        }
        catch (Exception e) when (e is IOException or Asn1Exception or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>d2i_OCSP_REQUEST_bio(): null when the bytes are not an OCSPRequest.</summary>
    public static OcspRequest? ReadRequest(byte[] der)
    {
        try
        {
            var request = OcspRequest.GetInstance(ReadElement(der));
            // Touch every part d2i decodes so a malformed one fails here, not when it is used.
            if (request != null) foreach (var one in request.TbsRequest.RequestList) _ = Request.GetInstance(one).ReqCert.SerialNumber;
            _ = request?.TbsRequest.RequestExtensions;
            return request;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>d2i_OCSP_RESPONSE_bio() and, when there are response bytes, the BasicOCSPResponse inside.</summary>
    public static OcspResponse? ReadResponse(byte[] der)
    {
        try
        {
            var response = OcspResponse.GetInstance(ReadElement(der));
            _ = response?.ResponseStatus.IntValueExact;
            return response;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or FormatException or ArithmeticException)
        {
            return null;
        }
    }

    /// <summary>OCSP_response_get1_basic(): null when the response carries no basic response.</summary>
    public static BasicOcspResponse? Basic(OcspResponse response)
    {
        var bytes = response.ResponseBytes;
        if (bytes == null || !bytes.ResponseType.Equals(BasicOid)) return null;
        try
        {
            return BasicOcspResponse.GetInstance(ReadElement(bytes.Response.GetOctets()));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>OCSP_response_create(): the status and, for a signed one, the basic response in its OCTET STRING.</summary>
    public static byte[] Response(int status, BasicOcspResponse? basic) =>
        new OcspResponse(new OcspResponseStatus(status),
            basic == null ? null : new ResponseBytes(BasicOid, new DerOctetString(basic.GetEncoded(Asn1Encodable.Der))))
            .GetEncoded(Asn1Encodable.Der);

    /// <summary>A GeneralizedTime of whole seconds, as X509_gmtime_adj() makes it.</summary>
    public static Asn1GeneralizedTime Time(DateTime utc) =>
        new DerGeneralizedTime(utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z");

    /// <summary>s2i_ASN1_INTEGER(): decimal, or hex after 0x, with an optional leading '-'.</summary>
    public static DerInteger? ParseSerial(string text)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) digits = digits[2..];
        if (digits.Length == 0 || !digits.All(hex ? char.IsAsciiHexDigit : char.IsAsciiDigit)) return null;
        var value = new Org.BouncyCastle.Math.BigInteger(digits, hex ? 16 : 10);
        return new DerInteger(negative ? value.Negate() : value);
    }
}
