namespace CnfSigner.Pki.Verify;

/// <summary>
/// check_chain()'s -x509_strict block (RFC 5280 conformance, 3.0): skipped for a lone self-issued certificate
/// (RFC 6818 section 2). Each failure is reported and, if the callback allows, the next rule is checked.
/// </summary>
internal static class StrictChecks
{
    public static bool Check(VerificationContext ctx, CertificateFacts x, int i)
    {
        var num = ctx.Chain.Count;
        bool Fail(bool condition, int code) => condition && !ctx.Report(code, i, x);

        if (x.PathLength != -1)
        {
            if (Fail(!x.IsCa, VerifyErrors.PathlenInvalidForNonCa)) return false;
            if (Fail((x.KeyUsage & KeyUsageBits.KeyCertSign) == 0, VerifyErrors.PathlenWithoutKuKeyCertSign)) return false;
        }
        if (Fail(x.IsCa && x.HasBasicConstraints && !x.BasicConstraintsCritical, VerifyErrors.CaBconsNotCritical)) return false;
        if (x.IsCa ? Fail(!x.HasKeyUsage, VerifyErrors.CaCertMissingKeyUsage)
                   : Fail((x.KeyUsage & KeyUsageBits.KeyCertSign) != 0, VerifyErrors.KuKeyCertSignInvalidForNonCa))
            return false;
        var subjectEmpty = x.Subject.GetOidList().Count == 0;
        if (Fail(x.Issuer.GetOidList().Count == 0, VerifyErrors.IssuerNameEmpty)) return false;
        if (Fail((x.IsCa || (x.KeyUsage & KeyUsageBits.CrlSign) != 0 || x.AltNames == null) && subjectEmpty,
                VerifyErrors.SubjectNameEmpty)) return false;
        if (Fail(subjectEmpty && x.AltNames != null && !x.AltNamesCritical, VerifyErrors.EmptySubjectSanNotCritical)) return false;
        if (Fail(x.AltNames is { Length: 0 }, VerifyErrors.EmptySubjectAltName)) return false;
        if (Fail(!SignatureAlgorithmsAgree(x), VerifyErrors.SignatureAlgorithmInconsistency)) return false;
        if (Fail(x.HasAuthorityKeyId && x.AuthorityKeyIdCritical, VerifyErrors.AuthorityKeyIdentifierCritical)) return false;
        if (Fail(x.SubjectKeyId != null && x.SubjectKeyIdCritical, VerifyErrors.SubjectKeyIdentifierCritical)) return false;
        if (x.Version >= 3)
        {
            if (Fail(i + 1 < num && (!x.HasAuthorityKeyId || x.AuthorityKeyId == null),
                    VerifyErrors.MissingAuthorityKeyIdentifier)) return false;
            if (Fail(x.IsCa && x.SubjectKeyId == null, VerifyErrors.MissingSubjectKeyIdentifier)) return false;
        }
        else if (Fail(x.Certificate.CertificateStructure.TbsCertificate.Extensions != null,
                     VerifyErrors.ExtensionsRequireVersion3)) return false;
        return true;
    }

    // X509_ALGOR_cmp(&x->sig_alg, &x->cert_info.signature)
    private static bool SignatureAlgorithmsAgree(CertificateFacts x)
    {
        var structure = x.Certificate.CertificateStructure;
        return structure.SignatureAlgorithm.GetDerEncoded().AsSpan()
            .SequenceEqual(structure.TbsCertificate.Signature.GetDerEncoded());
    }
}
