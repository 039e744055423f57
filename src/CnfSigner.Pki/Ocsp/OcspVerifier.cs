using CnfSigner.Pki.Signing;
using CnfSigner.Pki.Tools;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>The OCSP_basic_verify() flags apps/ocsp.c sets from its options.</summary>
[Flags]
public enum OcspVerifyFlags
{
    None = 0,
    NoIntern = 0x2, NoSigs = 0x4, NoChain = 0x8, NoVerify = 0x10, NoExplicit = 0x20, NoChecks = 0x100, TrustOther = 0x200,
}

/// <summary>
/// crypto/ocsp/ocsp_vfy.c OCSP_basic_verify(): find the signer by the responder ID (in -verify_other, then in the
/// response unless -no_intern), check the signature, verify the signer's chain for the OCSP helper purpose, then
/// check that the signer is the issuer of the certificates asked about or its delegate (OCSP signing usage).
/// Returns null when the response is verified, else OpenSSL's error line.
/// </summary>
internal static class OcspVerifier
{
    public static string? Verify(BasicOcspResponse basic, IReadOnlyList<X509Certificate> certs, TrustStore store,
        OcspVerifyFlags flags, DateTimeOffset now)
    {
        var included = basic.Certs?.Cast<Asn1Encodable>().Select(c => new X509Certificate(X509CertificateStructure.GetInstance(c))).ToList() ?? [];
        var responder = basic.TbsResponseData.ResponderID;
        var signer = certs.FirstOrDefault(c => Matches(responder, c));
        if (signer != null && flags.HasFlag(OcspVerifyFlags.TrustOther)) flags |= OcspVerifyFlags.NoVerify;
        if (signer == null && !flags.HasFlag(OcspVerifyFlags.NoIntern)) signer = included.FirstOrDefault(c => Matches(responder, c));
        if (signer == null) return "signer certificate not found";

        if (!flags.HasFlag(OcspVerifyFlags.NoSigs)
            && !SignatureCheck.Verify(basic.SignatureAlgorithm, basic.Signature.GetOctets(),
                basic.TbsResponseData.GetEncoded(Asn1Encodable.Der), signer.GetPublicKey()))
            return "signature failure";
        if (flags.HasFlag(OcspVerifyFlags.NoVerify)) return null;

        IReadOnlyList<X509Certificate> untrusted = flags.HasFlag(OcspVerifyFlags.NoChain) ? [] : [.. included, .. certs];
        var result = new ChainVerifier(store, untrusted, [], new VerifyOptions { Purpose = Purposes.Find("ocsphelper") })
            .Verify(signer, now);
        if (!result.IsValid)
            return $"certificate verify error: Verify error: {result.FirstError?.Text ?? VerifyErrors.Text(VerifyErrors.Unspecified)}";
        if (flags.HasFlag(OcspVerifyFlags.NoChecks)) return null;
        var issuer = CheckIssuer(basic, result.Chain);
        if (issuer > 0) return null;
        if (flags.HasFlag(OcspVerifyFlags.NoExplicit)) return issuer < 0 ? "missing ocspsigning usage" : "root ca not trusted";
        // X509_check_trust(root, NID_OCSP_sign): without trust settings a self-signed root is trusted (trust_compat).
        return new CertificateFacts(result.Chain[^1]).SelfSigned ? null : "root ca not trusted";
    }

    /// <summary>ocsp_find_signer_sk(): by subject name, or by the SHA-1 of the public key bits.</summary>
    private static bool Matches(ResponderID id, X509Certificate cert)
    {
        if (id.Name != null) return id.Name.Equivalent(cert.SubjectDN) || id.Name.GetEncoded().AsSpan().SequenceEqual(cert.CertificateStructure.Subject.GetEncoded());
        var hash = MessageDigests.Find("sha1")!.Compute(cert.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetOctets());
        return id.GetKeyHash()?.AsSpan().SequenceEqual(hash) == true;
    }

    /// <summary>
    /// ocsp_check_issuer(): 1 when the signer issued every certificate asked about, or its issuer did and it has
    /// the OCSP signing usage; -1 when it is a delegate without that usage; 0 when neither.
    /// </summary>
    private static int CheckIssuer(BasicOcspResponse basic, IReadOnlyList<X509Certificate> chain)
    {
        var ids = basic.TbsResponseData.Responses.Cast<Asn1Encodable>().Select(r => SingleResponse.GetInstance(r).CertId).ToList();
        if (ids.Count == 0) return 0;
        if (ids.Any(id => !OcspMessages.SameIssuer(id, ids[0]))) return 0;
        if (chain.Count > 1 && IssuedBy(chain[1], ids[0]))
            return new CertificateFacts(chain[0]).ExtendedKeyUsage.HasFlag(ExtendedUsages.OcspSign) ? 1 : -1;
        return IssuedBy(chain[0], ids[0]) ? 1 : 0;
    }

    /// <summary>ocsp_match_issuerid(): the certificate is the issuer the ID names (with the ID's own hash).</summary>
    private static bool IssuedBy(X509Certificate cert, CertID id)
    {
        var digest = Digests.NameOf(id.HashAlgorithm.Algorithm);
        return digest != null && MessageDigests.Find(digest) != null && OcspMessages.SameIssuer(OcspMessages.IssuerId(digest, cert, id.SerialNumber), id);
    }
}
