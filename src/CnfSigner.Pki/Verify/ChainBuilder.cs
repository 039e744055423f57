namespace CnfSigner.Pki.Verify;

/// <summary>
/// x509_vfy.c build_chain() with OpenSSL's default X509_V_FLAG_TRUSTED_FIRST: at each step look for the issuer
/// in the trust store first, otherwise among the untrusted certificates; stop at a trust anchor. Alternative chains
/// are only tried by OpenSSL when trusted-first is off, so they are not needed here.
/// </summary>
internal static class ChainBuilder
{
    private const int Trusted = 1, Untrusted = 2;
    private enum Trust { Untrusted, Trusted, Rejected }

    public static bool Build(VerificationContext ctx)
    {
        var pool = ctx.Untrusted.ToList();
        var search = Trusted | (pool.Count > 0 ? Untrusted : 0);
        var maxDepth = ctx.Options.Depth + 1;
        var trust = Trust.Untrusted;

        while (search != 0)
        {
            if ((search & Trusted) != 0)
            {
                var (found, stop) = ExtendFromStore(ctx, maxDepth, ref search, ref trust);
                if (stop) break;
                if (found) continue;
                if ((search & Untrusted) == 0) break;
            }
            if ((search & Untrusted) != 0) ExtendFromUntrusted(ctx, pool, maxDepth, ref search);
        }

        var num = ctx.Chain.Count;
        if (num <= maxDepth && trust == Trust.Untrusted && num == ctx.NumUntrusted) trust = CheckTrust(ctx, num);
        if (trust == Trust.Rejected) return false; // the callback has been told
        return trust == Trust.Trusted || ReportFailure(ctx, maxDepth);
    }

    // The S_DOTRUSTED step. Returns found = "an issuer was added, look further", stop = "trust decided".
    private static (bool Found, bool Stop) ExtendFromStore(VerificationContext ctx, int maxDepth, ref int search, ref Trust trust)
    {
        var num = ctx.Chain.Count;
        var current = ctx.Chain[num - 1];
        var issuer = num > maxDepth ? null : TrustedIssuer(ctx, current);
        if (issuer == null) return (false, false);

        var selfSigned = current.SelfSigned;
        if (!selfSigned)
        {
            ctx.Chain.Add(issuer);
            selfSigned = issuer.SelfSigned;
        }
        else if (!current.SameAs(issuer))
        {
            return (false, false); // a self-signed untrusted mimic of a trust anchor
        }
        else
        {
            // replace the self-signed untrusted certificate by its trusted twin
            ctx.NumUntrusted = --num;
            ctx.Chain[num] = issuer;
        }

        search &= ~Untrusted;
        trust = CheckTrust(ctx, num);
        if (trust != Trust.Untrusted) return (false, true);
        return (!selfSigned, false);
    }

    private static void ExtendFromUntrusted(VerificationContext ctx, List<CertificateFacts> pool, int maxDepth, ref int search)
    {
        var num = ctx.Chain.Count;
        var current = ctx.Chain[num - 1];
        var issuer = current.SelfSigned || num > maxDepth ? null : BestIssuer(ctx, pool, current, noDuplicates: true);
        if (issuer == null)
        {
            search = Trusted;
            return;
        }
        pool.Remove(issuer);
        ctx.Chain.Add(issuer);
        ctx.NumUntrusted++;
    }

    /// <summary>X509_STORE_CTX_get1_issuer(): trusted certificates named as the issuer.</summary>
    private static CertificateFacts? TrustedIssuer(VerificationContext ctx, CertificateFacts x) =>
        BestIssuer(ctx, ctx.Trusted.CertificatesWithSubject(x.Issuer), x, noDuplicates: false);

    /// <summary>get0_best_issuer_sk(): the first issuer valid now, else the one that expires last.</summary>
    private static CertificateFacts? BestIssuer(VerificationContext ctx, IReadOnlyList<CertificateFacts> candidates,
        CertificateFacts x, bool noDuplicates)
    {
        CertificateFacts? best = null;
        foreach (var candidate in candidates)
        {
            if (noDuplicates && !(x.SelfIssued && ctx.Chain.Count == 1) && ctx.Chain.Any(c => c.SameAs(candidate)))
                continue;
            if (Issuance.LikelyIssued(candidate, x) != VerifyErrors.Ok) continue;
            if (ctx.TimeValid(candidate)) return candidate;
            if (best == null || candidate.Certificate.NotAfter > best.Certificate.NotAfter) best = candidate;
        }
        return best;
    }

    /// <summary>
    /// x509_vfy.c check_trust(): the first trusted certificate at or above index <paramref name="from"/> that
    /// X509_check_trust() trusts (by its auxiliary settings, or self-signed without any) anchors the chain, one it
    /// rejects ends it with error 28; with -partial_chain any trusted certificate anchors, and a leaf found as such
    /// in the store as well.
    /// </summary>
    private static Trust CheckTrust(VerificationContext ctx, int from)
    {
        var num = ctx.Chain.Count;
        for (var i = from; i < num; i++)
        {
            var answer = ctx.Trust.Check(ctx.Chain[i], noSelfSignedCompat: false);
            if (answer == TrustAnswer.Trusted) return Trust.Trusted;
            if (answer == TrustAnswer.Rejected) return Rejected(ctx, i);
        }
        if (from < num) return ctx.Options.PartialChain ? Trust.Trusted : Trust.Untrusted;
        if (!ctx.Options.PartialChain) return Trust.Untrusted;
        var match = ctx.Trusted.FindSame(ctx.Chain[0]);
        if (match == null) return Trust.Untrusted;
        if (ctx.Trust.Check(match, noSelfSignedCompat: false) == TrustAnswer.Rejected) return Rejected(ctx, 0);
        ctx.Chain[0] = match;
        ctx.NumUntrusted = 0;
        return Trust.Trusted;
    }

    // check_trust()'s "rejected:" label: a callback that lets it pass leaves the chain untrusted
    private static Trust Rejected(VerificationContext ctx, int depth) =>
        ctx.Report(VerifyErrors.CertRejected, depth) ? Trust.Untrusted : Trust.Rejected;

    // The end of build_chain(): which error explains why no trust anchor was reached.
    private static bool ReportFailure(VerificationContext ctx, int maxDepth)
    {
        var num = ctx.Chain.Count;
        if (num > maxDepth && !ctx.Report(VerifyErrors.CertChainTooLong, num - 1)) return false;
        if (ctx.Chain[num - 1].SelfSigned)
            return ctx.Report(num == 1 ? VerifyErrors.DepthZeroSelfSignedCert : VerifyErrors.SelfSignedCertInChain, num - 1);
        return ctx.Report(ctx.NumUntrusted < num ? VerifyErrors.UnableToGetIssuerCert
            : VerifyErrors.UnableToGetIssuerCertLocally, num - 1);
    }
}
