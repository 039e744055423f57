using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>The X509_VERIFY_PARAM settings `openssl verify` exposes. Defaults are OpenSSL's "default" parameters.</summary>
public sealed record VerifyOptions
{
    /// <summary>-purpose; null checks no purpose (OpenSSL's default).</summary>
    public Purpose? Purpose { get; init; }
    public string? Hostname { get; init; }
    public string? Email { get; init; }
    /// <summary>-verify_ip as 4 or 16 bytes (see <see cref="IdentityMatch.ParseIpAddress"/>).</summary>
    public byte[]? IpAddress { get; init; }
    /// <summary>-attime; when null the verifier's "now" is used unless <see cref="NoCheckTime"/>.</summary>
    public DateTimeOffset? AtTime { get; init; }
    public bool NoCheckTime { get; init; }
    public bool CrlCheck { get; init; }
    /// <summary>-crl_check_all (implies <see cref="CrlCheck"/>).</summary>
    public bool CrlCheckAll { get; init; }
    public bool PartialChain { get; init; }
    public bool X509Strict { get; init; }
    public bool IgnoreCritical { get; init; }
    /// <summary>The trust the anchor's auxiliary settings must grant (-verify_name sets it); null: the purpose's.</summary>
    public AuxTrust? Trust { get; init; }
    /// <summary>-auth_level: the security level keys and signatures must reach; -1 (OpenSSL's default) checks none.</summary>
    public int AuthLevel { get; init; } = -1;
    /// <summary>-check_ss_sig: verify the self-signature of a self-signed trust anchor too.</summary>
    public bool CheckSelfSignature { get; init; }
    /// <summary>-suiteB_128_only, -suiteB_128, -suiteB_192 (X509_V_FLAG_SUITEB_*); None checks nothing.</summary>
    public SuiteB SuiteB { get; init; }
    /// <summary>-verify_depth: how many intermediates may sit between the leaf and the trust anchor.</summary>
    public int Depth { get; init; } = 100;

    /// <summary>-policy (dotted OIDs, in order): the user's acceptable policies; any of them turns the policy check on.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];
    /// <summary>-policy_check (X509_V_FLAG_POLICY_CHECK).</summary>
    public bool PolicyCheck { get; init; }
    /// <summary>-explicit_policy, -inhibit_any, -inhibit_map: each turns the policy check on (X509_V_FLAG_POLICY_MASK).</summary>
    public bool ExplicitPolicy { get; init; }
    public bool InhibitAny { get; init; }
    public bool InhibitMap { get; init; }
    /// <summary>-policy_print (X509_V_FLAG_NOTIFY_POLICY): report the policy tree when the check succeeds.</summary>
    public bool NotifyPolicy { get; init; }
    /// <summary>-allow_proxy_certs (X509_V_FLAG_ALLOW_PROXY_CERTS).</summary>
    public bool AllowProxyCerts { get; init; }

    /// <summary>opt_verify() -policy: OBJ_txt2obj(text, 0) as a dotted OID, or null when it is no object.</summary>
    public static string? PolicyOid(string text)
    {
        try { return Extensions.ObjectIdentifierParser.Parse(text).Id; }
        catch (Exception e) when (e is Extensions.X509V3Exception or ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether check_policy() runs: X509_V_FLAG_POLICY_CHECK as -policy and the policy flags set it.</summary>
    public bool ChecksPolicy => PolicyCheck || Policies.Count > 0 || ExplicitPolicy || InhibitAny || InhibitMap;

    /// <summary>
    /// The verify callback: given an error, true lets verification go on (OpenSSL then reports later errors too).
    /// Null stops at the first error, like a library caller without a callback.
    /// </summary>
    public Func<VerifyError, bool>? ContinueAfter { get; init; }

    /// <summary>apps/verify.c cb(): the errors `openssl verify` reports and then continues after.</summary>
    public static readonly IReadOnlySet<int> ToleratedByVerifyApp = new HashSet<int>
    {
        43, VerifyErrors.CertHasExpired, VerifyErrors.DepthZeroSelfSignedCert, VerifyErrors.InvalidCa,
        VerifyErrors.InvalidNonCa, VerifyErrors.PathLengthExceeded, VerifyErrors.InvalidPurpose,
        VerifyErrors.CrlHasExpired, VerifyErrors.CrlNotYetValid, VerifyErrors.UnhandledCriticalExtension,
        // "errors due to strict conformance checking"
        VerifyErrors.PathlenInvalidForNonCa, VerifyErrors.PathlenWithoutKuKeyCertSign, VerifyErrors.CaBconsNotCritical,
        VerifyErrors.CaCertMissingKeyUsage, VerifyErrors.KuKeyCertSignInvalidForNonCa, VerifyErrors.IssuerNameEmpty,
        VerifyErrors.SubjectNameEmpty, VerifyErrors.EmptySubjectSanNotCritical, VerifyErrors.EmptySubjectAltName,
        VerifyErrors.SignatureAlgorithmInconsistency, VerifyErrors.AuthorityKeyIdentifierCritical,
        VerifyErrors.SubjectKeyIdentifierCritical, VerifyErrors.MissingAuthorityKeyIdentifier,
        VerifyErrors.MissingSubjectKeyIdentifier, VerifyErrors.ExtensionsRequireVersion3,
    };
}

/// <summary>The Suite B modes of RFC 6460 as X509_chain_check_suiteb() knows them.</summary>
[Flags]
public enum SuiteB { None = 0, Los128Only = 1, Los192 = 2, Los128 = Los128Only | Los192 }

/// <summary>One reported problem: X509_V_ERR number, chain depth and the certificate it is about.</summary>
public sealed record VerifyError(int Code, int Depth, X509Certificate? Certificate)
{
    /// <summary>What `openssl verify` prints after the error line: the policy tree after error 43 (policies_print()).</summary>
    public string? Detail { get; init; }

    public string Text => VerifyErrors.Text(Code);
}

/// <summary>
/// The outcome: every error reported (the first is what a caller without a callback sees), the chain as built
/// (leaf first) and how many of its certificates are untrusted. Valid only when it completed without errors.
/// </summary>
public sealed record VerifyResult(IReadOnlyList<VerifyError> Errors, IReadOnlyList<X509Certificate> Chain,
    int UntrustedCount, bool Completed)
{
    public bool IsValid => Completed && Errors.Count == 0;
    /// <summary>-policy_print: the policy tree, reported when the policy check passed with no error before it.</summary>
    public string? PolicyNotice { get; init; }
    public VerifyError? FirstError => Errors.Count > 0 ? Errors[0] : null;
}
