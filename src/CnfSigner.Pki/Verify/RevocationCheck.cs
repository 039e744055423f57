using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// CRL checking as x509_vfy.c check_revocation()/check_cert()/check_crl()/cert_crl() with OpenSSL's default
/// (no extended CRL support, no delta CRLs): the leaf only, or every certificate with -crl_check_all.
/// </summary>
internal static class RevocationCheck
{
    // x509_vfy.c CRL_SCORE_* bits
    private const int ScoreNoCritical = 0x100, ScoreScope = 0x080, ScoreTime = 0x040, ScoreIssuerName = 0x020,
        ScoreValid = ScoreNoCritical | ScoreTime | ScoreScope, ScoreIssuerCert = 0x018, ScoreSamePath = 0x008,
        ScoreAkid = 0x004;

    private const int ReasonRemoveFromCrl = 8;

    private sealed record Candidate(X509Crl Crl, int Score, CertificateFacts? Issuer);

    public static bool Check(VerificationContext ctx)
    {
        if (!ctx.Options.CrlCheck && !ctx.Options.CrlCheckAll) return true;
        var last = ctx.Options.CrlCheckAll ? ctx.Chain.Count - 1 : 0;
        for (var i = 0; i <= last; i++)
            if (!CheckCertificate(ctx, i)) return false;
        return true;
    }

    // check_cert(): one pass finds all reasons for CRLs without an issuing distribution point
    private static bool CheckCertificate(VerificationContext ctx, int depth)
    {
        var x = ctx.Chain[depth];
        if (x.IsProxy) return true;
        var best = FindCrl(ctx, x, depth);
        if (best == null) return ctx.Report(VerifyErrors.UnableToGetCrl, depth, x);
        if (!CheckCrl(ctx, best, depth)) return false;
        if (!CheckEntry(ctx, best.Crl, x, depth)) return false;
        // without scope no reasons were gained: OpenSSL gives up with "unable to get certificate CRL"
        return (best.Score & ScoreScope) != 0 || ctx.Report(VerifyErrors.UnableToGetCrl, depth, x);
    }

    // get_crl_delta()/get_crl_sk(): the best-scoring CRL from -CRLfile, then from the store if none is fully valid
    private static Candidate? FindCrl(VerificationContext ctx, CertificateFacts x, int depth)
    {
        var best = Best(ctx, x, depth, ctx.Crls, null);
        if (best != null && best.Score >= ScoreValid) return best;
        var stored = ctx.Trusted.CrlsWithIssuer(x.Issuer);
        return stored == null ? best : Best(ctx, x, depth, stored, best);
    }

    private static Candidate? Best(VerificationContext ctx, CertificateFacts x, int depth, IEnumerable<X509Crl> crls, Candidate? best)
    {
        foreach (var crl in crls)
        {
            var (score, issuer) = Score(ctx, crl, x, depth);
            if (score == 0 || (best != null && score < best.Score)) continue;
            // an equally good CRL replaces the current one only when it is newer
            if (best != null && score == best.Score && crl.ThisUpdate <= best.Crl.ThisUpdate) continue;
            best = new Candidate(crl, score, issuer);
        }
        return best;
    }

    // get_crl_score()
    private static (int Score, CertificateFacts? Issuer) Score(VerificationContext ctx, X509Crl crl, CertificateFacts x, int depth)
    {
        var idp = CrlContents.IssuingDistributionPoint(crl);
        if (idp != null && (idp.IsIndirectCrl || idp.OnlySomeReasons != null)) return (0, null);
        if (crl.GetExtensionValue(X509Extensions.DeltaCrlIndicator) != null) return (0, null);
        if (!CanonicalName.AreEqual(x.Issuer, crl.IssuerDN)) return (0, null);
        var score = ScoreIssuerName;
        if (!CrlContents.HasUnhandledCritical(crl)) score |= ScoreNoCritical;
        if (CrlTimeStatus(ctx, crl) == VerifyErrors.Ok) score |= ScoreTime;

        var issuer = AkidIssuer(ctx, crl, depth, ref score);
        if ((score & ScoreAkid) == 0) return (0, null);
        if (InScope(x, idp)) score |= ScoreScope;
        return (score, issuer);
    }

    // crl_akid_check(): the CRL issuer is the certificate's issuer, or another certificate of the chain
    private static CertificateFacts? AkidIssuer(VerificationContext ctx, X509Crl crl, int depth, ref int score)
    {
        var chain = ctx.Chain;
        var index = depth != chain.Count - 1 ? depth + 1 : depth;
        var akid = CrlContents.AuthorityKeyId(crl);
        if (AkidMatches(chain[index], akid)) { score |= ScoreAkid | ScoreIssuerCert; return chain[index]; }
        for (index++; index < chain.Count; index++)
        {
            if (!CanonicalName.AreEqual(chain[index].Subject, crl.IssuerDN) || !AkidMatches(chain[index], akid)) continue;
            score |= ScoreAkid | ScoreSamePath;
            return chain[index];
        }
        return null;
    }

    // crl_crldp_check() for CRLs without reasons or indirect issuers
    private static bool InScope(CertificateFacts x, IssuingDistributionPoint? idp)
    {
        if (idp == null) return true;
        if (idp.OnlyContainsAttributeCerts) return false;
        if (x.IsCa ? idp.OnlyContainsUserCerts : idp.OnlyContainsCACerts) return false;
        if (idp.DistributionPoint == null) return true;
        var wanted = idp.DistributionPoint.GetDerEncoded();
        return (x.CrlDistributionPoints ?? []).Any(dp => dp.CrlIssuer == null
            && dp.DistributionPointName?.GetDerEncoded().AsSpan().SequenceEqual(wanted) == true);
    }

    // check_crl()
    private static bool CheckCrl(VerificationContext ctx, Candidate candidate, int depth)
    {
        var chain = ctx.Chain;
        var issuer = candidate.Issuer;
        if (issuer == null && depth < chain.Count - 1) issuer = chain[depth + 1];
        if (issuer == null)
        {
            issuer = chain[^1];
            if (Issuance.LikelyIssued(issuer, issuer) != VerifyErrors.Ok
                && !ctx.Report(VerifyErrors.UnableToGetCrlIssuer, depth, chain[depth])) return false;
        }
        var x = chain[depth];
        if (Issuance.RejectsKeyUsage(issuer, KeyUsageBits.CrlSign)
            && !ctx.Report(VerifyErrors.KeyUsageNoCrlSign, depth, x)) return false;
        if ((candidate.Score & ScoreScope) == 0 && !ctx.Report(VerifyErrors.DifferentCrlScope, depth, x)) return false;
        if ((candidate.Score & ScoreTime) == 0 && !ReportCrlTime(ctx, candidate.Crl, depth, x)) return false;
        if (issuer.PublicKey == null)
            return ctx.Report(VerifyErrors.UnableToDecodeIssuerPublicKey, depth, x);
        var suiteB = SuiteBCheck.CrlError(issuer, candidate.Crl.SigAlgOid, ctx.Options.SuiteB);
        if (suiteB != VerifyErrors.Ok && !ctx.Report(suiteB, depth, x)) return false;
        return Issuance.SignatureVerifies(candidate.Crl, issuer.PublicKey)
               || ctx.Report(VerifyErrors.CrlSignatureFailure, depth, x);
    }

    // cert_crl()
    private static bool CheckEntry(VerificationContext ctx, X509Crl crl, CertificateFacts x, int depth)
    {
        if (!ctx.Options.IgnoreCritical && CrlContents.HasUnhandledCritical(crl)
            && !ctx.Report(VerifyErrors.UnhandledCriticalCrlExtension, depth, x)) return false;
        var entry = crl.GetRevokedCertificate(x.Certificate.SerialNumber);
        if (entry == null || CrlContents.ReasonOf(entry) == ReasonRemoveFromCrl) return true;
        return ctx.Report(VerifyErrors.CertRevoked, depth, x);
    }

    // ossl_x509_check_crl_time(): 0, CRL not yet valid or CRL expired
    private static int CrlTimeStatus(VerificationContext ctx, X509Crl crl)
    {
        if (ctx.CheckTime is not { } at) return VerifyErrors.Ok;
        if (VerificationContext.CompareTime(crl.ThisUpdate, at) > 0) return VerifyErrors.CrlNotYetValid;
        if (crl.NextUpdate is { } next && VerificationContext.CompareTime(next, at) < 0) return VerifyErrors.CrlHasExpired;
        return VerifyErrors.Ok;
    }

    private static bool ReportCrlTime(VerificationContext ctx, X509Crl crl, int depth, CertificateFacts x)
    {
        if (ctx.CheckTime is not { } at) return true;
        if (VerificationContext.CompareTime(crl.ThisUpdate, at) > 0 && !ctx.Report(VerifyErrors.CrlNotYetValid, depth, x))
            return false;
        if (crl.NextUpdate is { } next && VerificationContext.CompareTime(next, at) < 0
            && !ctx.Report(VerifyErrors.CrlHasExpired, depth, x)) return false;
        return true;
    }

    // X509_check_akid(issuer, crl->akid)
    private static bool AkidMatches(CertificateFacts issuer, AuthorityKeyIdentifier? akid)
    {
        if (akid == null) return true;
        var keyId = akid.KeyIdentifier?.GetOctets();
        if (keyId != null && issuer.SubjectKeyId != null && !keyId.AsSpan().SequenceEqual(issuer.SubjectKeyId)) return false;
        if (akid.AuthorityCertSerialNumber != null && !akid.AuthorityCertSerialNumber.Equals(issuer.Certificate.SerialNumber))
            return false;
        var dirName = akid.AuthorityCertIssuer?.GetNames().FirstOrDefault(n => n.TagNo == GeneralName.DirectoryName);
        return dirName == null || CanonicalName.AreEqual(X509Name.GetInstance(dirName.Name), issuer.Issuer);
    }
}
