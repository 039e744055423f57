using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>The mutable state of one verification (OpenSSL's X509_STORE_CTX): the chain being built and the errors.</summary>
internal sealed class VerificationContext(TrustStore trusted, IReadOnlyList<CertificateFacts> untrusted,
    IReadOnlyList<X509Crl> crls, VerifyOptions options, DateTimeOffset now, CertificateFacts leaf)
{
    public TrustStore Trusted { get; } = trusted;
    public IReadOnlyList<CertificateFacts> Untrusted { get; } = untrusted;
    public IReadOnlyList<X509Crl> Crls { get; } = crls;
    public VerifyOptions Options { get; } = options;
    public CertificateFacts Leaf { get; } = leaf;
    public List<CertificateFacts> Chain { get; } = [leaf];
    public int NumUntrusted { get; set; } = 1;
    public List<VerifyError> Errors { get; } = [];
    /// <summary>-vfyopt distid: the leaf's signature cannot be checked (see <see cref="ChainVerifier.Verify"/>).</summary>
    public bool LeafHasDistinguishingId { get; init; }
    /// <summary>ctx->param->trust: the trust setting, or the purpose's when none was given.</summary>
    public AuxTrust Trust => Options.Trust ?? AuxTrust.ForPurpose(Options.Purpose);

    /// <summary>x509_vfy.c verify_cb_cert(): record the error; true when the callback lets verification continue.</summary>
    public bool Report(int code, int depth, CertificateFacts? cert = null)
    {
        var error = new VerifyError(code, depth, (cert ?? Chain[depth]).Certificate);
        Errors.Add(error);
        return Options.ContinueAfter?.Invoke(error) ?? false;
    }

    /// <summary>verify_cb with no current certificate (error 43): the name line is left out.</summary>
    public bool ReportWithoutCertificate(int code, int depth, string? detail)
    {
        var error = new VerifyError(code, depth, null) { Detail = detail };
        Errors.Add(error);
        return Options.ContinueAfter?.Invoke(error) ?? false;
    }

    /// <summary>-policy_print's report, set when check_policy() notified with no earlier error.</summary>
    public string? PolicyNotice { get; set; }

    /// <summary>The time certificates are checked at, or null with -no_check_time (X509_V_FLAG_USE_CHECK_TIME wins).</summary>
    public DateTimeOffset? CheckTime => Options.AtTime ?? (Options.NoCheckTime ? null : now);

    /// <summary>
    /// x509_vfy.c X509_cmp_time(): 1 when the time is after the check time, -1 when at or before it
    /// (OpenSSL compares whole seconds).
    /// </summary>
    public static int CompareTime(DateTime time, DateTimeOffset checkTime)
    {
        var t = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
        return t > checkTime.ToUnixTimeSeconds() ? 1 : -1;
    }

    /// <summary>ossl_x509_check_cert_time() without the callback: whether the certificate is valid now.</summary>
    public bool TimeValid(CertificateFacts x) =>
        CheckTime is not { } at
        || (CompareTime(x.Certificate.NotBefore, at) < 0 && CompareTime(x.Certificate.NotAfter, at) > 0);

    /// <summary>ossl_x509_check_cert_time() with the callback, at a chain depth.</summary>
    public bool CheckCertTime(CertificateFacts x, int depth)
    {
        if (CheckTime is not { } at) return true;
        if (CompareTime(x.Certificate.NotBefore, at) > 0 && !Report(VerifyErrors.CertNotYetValid, depth, x)) return false;
        if (CompareTime(x.Certificate.NotAfter, at) < 0 && !Report(VerifyErrors.CertHasExpired, depth, x)) return false;
        return true;
    }
}
