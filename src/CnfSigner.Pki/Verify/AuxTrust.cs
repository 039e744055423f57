namespace CnfSigner.Pki.Verify;

/// <summary>X509_check_trust()'s answer (X509_TRUST_TRUSTED, X509_TRUST_REJECTED, X509_TRUST_UNTRUSTED).</summary>
internal enum TrustAnswer { Untrusted, Trusted, Rejected }

/// <summary>
/// One X509_TRUST row (crypto/x509/x509_trust.c trstandard[]): what a trusted certificate's auxiliary trust settings
/// must say for the chain's purpose. <see cref="Oid"/> null with <see cref="Compat"/> false is X509_TRUST_DEFAULT.
/// </summary>
public sealed record AuxTrust(string? Oid, bool Compat, bool AnyEku)
{
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    /// <summary>X509_TRUST_DEFAULT: anyExtendedKeyUsage, self-signed certificates trusted without aux.</summary>
    public static readonly AuxTrust Default = new(null, false, false);
    private static readonly AuxTrust CompatTrust = new(null, true, false);
    public static readonly AuxTrust SslClient = new("1.3.6.1.5.5.7.3.2", false, true);
    public static readonly AuxTrust SslServer = new("1.3.6.1.5.5.7.3.1", false, true);
    public static readonly AuxTrust Email = new("1.3.6.1.5.5.7.3.4", false, true);
    private static readonly AuxTrust Tsa = new("1.3.6.1.5.5.7.3.8", false, true);

    /// <summary>
    /// X509_STORE_CTX_init(): without a trust setting, the one of the purpose (v3_purp.c xstandard[] trust column).
    /// </summary>
    public static AuxTrust ForPurpose(Purpose? purpose) => purpose?.ShortName switch
    {
        "sslclient" => SslClient,
        "sslserver" or "nssslserver" => SslServer,
        "smimesign" or "smimeencrypt" => Email,
        "crlsign" or "ocsphelper" => CompatTrust,
        "timestampsign" => Tsa,
        _ => Default,
    };

    /// <summary>
    /// X509_check_trust(): trust_compat() for the compat row; otherwise obj_trust() with trust_1oidany()'s flags
    /// (anyExtendedKeyUsage counts, a self-signed certificate without trust settings is trusted unless
    /// <paramref name="noSelfSignedCompat"/>, X509_TRUST_NO_SS_COMPAT).
    /// </summary>
    internal TrustAnswer Check(CertificateFacts x, bool noSelfSignedCompat)
    {
        if (Compat) return SelfSignedCompat(x, noSelfSignedCompat);
        var oid = Oid ?? AnyExtendedKeyUsage;
        bool Matches(string o) => o == oid || (AnyEku && o == AnyExtendedKeyUsage);
        if (x.Aux?.Rejected is { } rejected && rejected.Any(Matches)) return TrustAnswer.Rejected;
        // explicit trust uses that do not name this one reject the certificate
        if (x.Aux?.Trusted is { } trusted) return trusted.Any(Matches) ? TrustAnswer.Trusted : TrustAnswer.Rejected;
        return SelfSignedCompat(x, noSelfSignedCompat);
    }

    private static TrustAnswer SelfSignedCompat(CertificateFacts x, bool noSelfSignedCompat) =>
        !x.Invalid && !noSelfSignedCompat && x.SelfSigned ? TrustAnswer.Trusted : TrustAnswer.Untrusted;
}
