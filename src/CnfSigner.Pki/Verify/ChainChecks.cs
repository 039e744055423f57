using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>The checks verify_chain() runs on a built chain, from crypto/x509/x509_vfy.c.</summary>
internal static class ChainChecks
{
    /// <summary>
    /// check_chain() (3.0; check_extensions() in later versions): critical extensions, CA flags, strict RFC 5280
    /// rules, purpose and path length, for each certificate from the leaf up.
    /// </summary>
    public static bool CheckExtensions(VerificationContext ctx)
    {
        var num = ctx.Chain.Count;
        int plen = 0, proxyPathLength = 0;
        // -1: the leaf, CA or not; 0: below a proxy certificate, must not be a CA; 1: must be a CA
        var mustBeCa = -1;
        for (var i = 0; i < num; i++)
        {
            var x = ctx.Chain[i];
            if (!ctx.Options.IgnoreCritical && x.HasUnhandledCritical
                && !ctx.Report(VerifyErrors.UnhandledCriticalExtension, i)) return false;
            if (!ctx.Options.AllowProxyCerts && x.IsProxy
                && !ctx.Report(VerifyErrors.ProxyCertificatesNotAllowed, i)) return false;
            if (!CheckCaFlags(ctx, x, i, mustBeCa)) return false;
            if (num > 1 && Issuance.HasExplicitCurve(x) && !ctx.Report(VerifyErrors.EcKeyExplicitParams, i)) return false;
            if (ctx.Options.X509Strict && num > 1 && !StrictChecks.Check(ctx, x, i)) return false;
            if (ctx.Options.Purpose is { } purpose && !CheckPurpose(ctx, x, purpose, i, mustBeCa > 0)) return false;
            if (i > 1 && x.PathLength != -1 && plen > (long)x.PathLength + proxyPathLength
                && !ctx.Report(VerifyErrors.PathLengthExceeded, i)) return false;
            if (i > 0 && !x.SelfIssued) plen++;
            // RFC 3820 4.1.3 (b)(1), 4.1.4 (a), checked from the leaf up
            if (x.IsProxy)
            {
                if (x.ProxyPathLength != -1)
                {
                    if (proxyPathLength > x.ProxyPathLength
                        && !ctx.Report(VerifyErrors.ProxyPathLengthExceeded, i)) return false;
                    proxyPathLength = (int)Math.Min(x.ProxyPathLength, int.MaxValue / 2);
                }
                proxyPathLength++;
                mustBeCa = 0;
            }
            else mustBeCa = 1;
        }
        return true;
    }

    private static bool CheckCaFlags(VerificationContext ctx, CertificateFacts x, int i, int mustBeCa)
    {
        var ret = Purposes.CheckCa(x);
        var invalid = mustBeCa switch
        {
            -1 => ctx.Options.X509Strict && ret != 1 && ret != 0,
            0 => ret != 0,
            // X509_V_FLAG_X509_STRICT is implicit for intermediate CAs
            _ => ret == 0 || ((i + 1 < ctx.Chain.Count || ctx.Options.X509Strict) && ret != 1),
        };
        return !invalid || ctx.Report(mustBeCa == 0 ? VerifyErrors.InvalidNonCa : VerifyErrors.InvalidCa, i);
    }

    /// <summary>
    /// check_purpose(): a trusted certificate's auxiliary trust settings decide first (trusted passes, rejected
    /// fails); otherwise X509_check_purpose(), whose values other than 0 and 1 fail only with -x509_strict.
    /// </summary>
    private static bool CheckPurpose(VerificationContext ctx, CertificateFacts x, Purpose purpose, int depth, bool mustBeCa)
    {
        var trust = depth >= ctx.NumUntrusted ? ctx.Trust.Check(x, noSelfSignedCompat: true) : TrustAnswer.Untrusted;
        if (trust == TrustAnswer.Trusted) return true;
        if (trust == TrustAnswer.Untrusted)
        {
            var ret = Purposes.CheckPurpose(x, purpose, mustBeCa);
            if (ret == 1 || (ret != 0 && !ctx.Options.X509Strict)) return true;
        }
        return ctx.Report(VerifyErrors.InvalidPurpose, depth, x);
    }

    /// <summary>check_id(): host, then e-mail, then IP address, always reported against the leaf at depth 0.</summary>
    public static bool CheckIdentity(VerificationContext ctx)
    {
        var leaf = ctx.Leaf;
        var options = ctx.Options;
        if (options.Hostname != null && !IdentityMatch.MatchesHost(leaf, options.Hostname)
            && !ctx.Report(VerifyErrors.HostnameMismatch, 0, leaf)) return false;
        if (options.Email != null && !IdentityMatch.MatchesEmail(leaf, options.Email)
            && !ctx.Report(VerifyErrors.EmailMismatch, 0, leaf)) return false;
        if (options.IpAddress != null && !IdentityMatch.MatchesIp(leaf, options.IpAddress)
            && !ctx.Report(VerifyErrors.IpAddressMismatch, 0, leaf)) return false;
        return true;
    }

    /// <summary>
    /// internal_verify(): from the top of the chain down, the issuer's key usage and signature on each certificate
    /// (a self-signed anchor's own signature is skipped), then each certificate's validity period.
    /// </summary>
    public static bool InternalVerify(VerificationContext ctx)
    {
        var n = ctx.Chain.Count - 1;
        CertificateFacts? xi = ctx.Chain[n];
        var xs = xi;
        if (Issuance.LikelyIssued(xi, xi) != VerifyErrors.Ok && !ctx.Options.PartialChain)
        {
            if (n > 0) xs = ctx.Chain[--n];
            else if (!ctx.Report(VerifyErrors.UnableToVerifyLeafSignature, 0, xi)) return false;
        }

        while (n >= 0)
        {
            // -check_ss_sig: the self-signed anchor's own signature as well
            if ((xs != xi || (ctx.Options.CheckSelfSignature && xi.SelfSigned)) && !CheckSignature(ctx, xi, xs, n)) return false;
            if (!ctx.CheckCertTime(xs, n)) return false;
            if (--n >= 0)
            {
                xi = xs;
                xs = ctx.Chain[n];
            }
        }
        return true;
    }

    // A self-issued end-entity certificate checking itself is free of key usage rules (RFC 6818 section 2).
    private static bool CheckSignature(VerificationContext ctx, CertificateFacts issuer, CertificateFacts subject, int n)
    {
        var self = issuer == subject;
        var issuerDepth = self ? n : n + 1;
        var allowed = self && !issuer.IsCa ? VerifyErrors.Ok : Issuance.SigningAllowed(issuer, subject);
        if (allowed != VerifyErrors.Ok && !ctx.Report(allowed, issuerDepth, issuer)) return false;
        if (issuer.PublicKey == null)
            return ctx.Report(VerifyErrors.UnableToDecodeIssuerPublicKey, issuerDepth, issuer);
        var withId = ctx.LeafHasDistinguishingId && ReferenceEquals(subject, ctx.Leaf);
        return (!withId && Issuance.SignatureVerifies(subject.Certificate, issuer.PublicKey))
               || ctx.Report(VerifyErrors.CertSignatureFailure, n, subject);
    }

    /// <summary>
    /// check_name_constraints(): from the top of the chain down, each certificate (self-issued ones only when it is
    /// the leaf) against the nameConstraints of every certificate above it, trust anchor included, the topmost
    /// first. The leaf's commonNames are checked as host names too when it has no DNS subjectAltName.
    /// </summary>
    public static bool CheckNameConstraints(VerificationContext ctx)
    {
        var chain = ctx.Chain;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var x = chain[i];
            if (i != 0 && x.SelfIssued) continue;
            if (x.IsProxy && !ProxySubjectValid(x) && !ctx.Report(VerifyErrors.ProxySubjectNameViolation, i, x)) return false;
            for (var j = chain.Count - 1; j > i; j--)
            {
                if (chain[j].NameConstraints is not { } nc) continue;
                var rv = NameConstraints.Check(x, nc);
                // has_san_id(x, GEN_DNS): OpenSSL 3.0's default host flags check the CN only without a DNS SAN
                if (rv == VerifyErrors.Ok && i == 0 && !(x.AltNames ?? []).Any(n => n.TagNo == GeneralName.DnsName))
                    rv = NameConstraints.CheckCommonName(x, nc);
                if (rv != VerifyErrors.Ok && !ctx.Report(rv, i, x)) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// check_policy(): the policy tree over the chain. Certificates with invalid policy extensions are reported
    /// (error 42) each at its depth; a required explicit policy that the tree does not give is error 43, with no
    /// certificate, after which `openssl verify` prints the tree; -policy_print prints it when all went well.
    /// </summary>
    public static bool CheckPolicy(VerificationContext ctx)
    {
        var (outcome, tree, explicitPolicy, invalidDepths) = PolicyTree.Check(ctx.Chain, ctx.Options.Policies, ctx.Options);
        switch (outcome)
        {
            case PolicyTree.Outcome.Internal:
                // the tree outgrew 1000 nodes (CVE-2023-0464): OpenSSL fails with X509_V_ERR_OUT_OF_MEM and no
                // callback, so `openssl verify` prints no error line, only that verification failed
                return false;
            case PolicyTree.Outcome.Invalid:
                foreach (var depth in invalidDepths)
                    if (!ctx.Report(VerifyErrors.InvalidPolicyExtension, depth)) return false;
                return true;
            case PolicyTree.Outcome.Failure:
                return ctx.ReportWithoutCertificate(VerifyErrors.NoExplicitPolicy, 0, PolicyTree.Print(tree, explicitPolicy));
        }
        if (ctx.Options.NotifyPolicy && ctx.Errors.Count == 0) ctx.PolicyNotice = PolicyTree.Print(tree, explicitPolicy);
        return true;
    }

    /// <summary>
    /// check_name_constraints() for proxy certificates (RFC 3820 3.4): the subject is the issuer plus one
    /// commonName in an RDN of its own.
    /// </summary>
    private static bool ProxySubjectValid(CertificateFacts x)
    {
        var rdns = Asn1Sequence.GetInstance(x.Subject.ToAsn1Object());
        var entries = rdns.Cast<Asn1Encodable>().Sum(r => Asn1Set.GetInstance(r).Count);
        var issuerEntries = x.Issuer.GetOidList().Count;
        if (entries < 2 || entries != issuerEntries + 1) return false;
        var last = Asn1Set.GetInstance(rdns[rdns.Count - 1]);
        if (last.Count != 1) return false;
        var lastType = DerObjectIdentifier.GetInstance(Asn1Sequence.GetInstance(last[0])[0]);
        if (!lastType.Equals(X509Name.CN)) return false;
        var rest = X509Name.GetInstance(new DerSequence(rdns.Cast<Asn1Encodable>().SkipLast(1).ToArray()));
        return CanonicalName.Encode(rest).AsSpan().SequenceEqual(x.IssuerCanon);
    }
}
