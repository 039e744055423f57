using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// Certificate chain verification as OpenSSL 3.0's X509_verify_cert() (crypto/x509/x509_vfy.c verify_chain()):
/// build the chain (trusted store first, then the untrusted certificates), then check extensions and purpose,
/// the expected identity, revocation, the signatures and validity times, the name constraints and last the certificate policies, in
/// OpenSSL's order so the same error is reported first.
/// </summary>
public sealed class ChainVerifier(TrustStore trusted, IReadOnlyList<X509Certificate> untrusted,
    IReadOnlyList<X509Crl> crls, VerifyOptions options)
{
    private readonly IReadOnlyList<CertificateFacts> _untrusted = untrusted.Select(c => new CertificateFacts(c)).ToList();

    public ChainVerifier(TrustStore trusted, VerifyOptions options) : this(trusted, [], [], options) { }

    /// <param name="distinguishingId">
    /// the certificate carries an SM2 distinguishing ID (-vfyopt distid): X509_verify() then fails for any key but
    /// SM2, which CnfSigner does not verify, so its signature fails.
    /// </param>
    public VerifyResult Verify(X509Certificate certificate, DateTimeOffset now, bool distinguishingId = false)
    {
        var ctx = new VerificationContext(trusted, _untrusted, crls, options, now, new CertificateFacts(certificate))
        {
            LeafHasDistinguishingId = distinguishingId,
        };
        var completed = VerifyChain(ctx);
        return new VerifyResult(ctx.Errors, ctx.Chain.Select(c => c.Certificate).ToList(), ctx.NumUntrusted, completed)
        {
            PolicyNotice = ctx.PolicyNotice,
        };
    }

    // X509_verify_cert(): a leaf key too weak for -auth_level stops it early; then verify_chain()
    private static bool VerifyChain(VerificationContext ctx) =>
        (SecurityLevel.KeyStrongEnough(ctx.Leaf, ctx.Options.AuthLevel) || ctx.Report(VerifyErrors.EeKeyTooSmall, 0))
        && ChainBuilder.Build(ctx)
        && ChainChecks.CheckExtensions(ctx)
        && SecurityLevel.Check(ctx)
        && ChainChecks.CheckIdentity(ctx)
        && RevocationCheck.Check(ctx)
        && SuiteBCheck.Check(ctx)
        && ChainChecks.InternalVerify(ctx)
        && ChainChecks.CheckNameConstraints(ctx)
        && (!ctx.Options.ChecksPolicy || ChainChecks.CheckPolicy(ctx));
}
