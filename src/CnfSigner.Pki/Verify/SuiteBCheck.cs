using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// -suiteB_128_only, -suiteB_128, -suiteB_192: crypto/x509/x509_vfy.c X509_chain_check_suiteb() and check_suite_b()
/// (RFC 6460): v3 certificates with P-256 or P-384 keys, each signed with ECDSA and the digest of its issuer's curve.
/// </summary>
internal static class SuiteBCheck
{
    private const string P256 = "1.2.840.10045.3.1.7", P384 = "1.3.132.0.34";
    private const string EcdsaSha256 = "1.2.840.10045.4.3.2", EcdsaSha384 = "1.2.840.10045.4.3.3";

    public static bool Check(VerificationContext ctx)
    {
        var flags = ctx.Options.SuiteB;
        if (flags == SuiteB.None) return true;
        var (error, depth) = ChainError(ctx.Chain, flags);
        return error == VerifyErrors.Ok || ctx.Report(error, depth);
    }

    /// <summary>X509_CRL_check_suiteb(): the CRL issuer's key and the CRL's signature algorithm.</summary>
    public static int CrlError(CertificateFacts issuer, string signatureAlgorithm, SuiteB flags) =>
        flags == SuiteB.None ? VerifyErrors.Ok : KeyError(issuer, signatureAlgorithm, ref flags);

    private static (int Error, int Depth) ChainError(IReadOnlyList<CertificateFacts> chain, SuiteB flags)
    {
        var current = flags;
        var x = chain[0];
        if (x.Version != 3) return (VerifyErrors.SuiteBInvalidVersion, 0);
        var rv = KeyError(x, null, ref current);
        if (rv != VerifyErrors.Ok) return Finish(rv, 0, flags, current);
        var i = 1;
        for (; i < chain.Count; i++)
        {
            var signedBy = x.Certificate.SigAlgOid;
            x = chain[i];
            if (x.Version != 3) return Finish(VerifyErrors.SuiteBInvalidVersion, i, flags, current);
            rv = KeyError(x, signedBy, ref current);
            if (rv != VerifyErrors.Ok) return Finish(rv, i, flags, current);
        }
        // the root's own signature
        rv = KeyError(x, x.Certificate.SigAlgOid, ref current);
        return rv == VerifyErrors.Ok ? (rv, 0) : Finish(rv, i, flags, current);
    }

    // "Invalid signature or LOS errors are for previous cert"; P-384 then P-256 gets its own error
    private static (int, int) Finish(int rv, int i, SuiteB flags, SuiteB current)
    {
        if (rv is VerifyErrors.SuiteBInvalidSignatureAlgorithm or VerifyErrors.SuiteBLosNotAllowed && i > 0) i--;
        if (rv == VerifyErrors.SuiteBLosNotAllowed && flags != current) rv = VerifyErrors.SuiteBCannotSignP384WithP256;
        return (rv, i);
    }

    /// <summary>check_suite_b(): the key's curve against the level of security and the signature made with it.</summary>
    private static int KeyError(CertificateFacts x, string? signedWith, ref SuiteB flags)
    {
        if (x.PublicKey is not ECPublicKeyParameters ec) return VerifyErrors.SuiteBInvalidAlgorithm;
        switch (ec.PublicKeyParamSet?.Id)
        {
            case P384:
                if (signedWith != null && signedWith != EcdsaSha384) return VerifyErrors.SuiteBInvalidSignatureAlgorithm;
                if ((flags & SuiteB.Los192) == 0) return VerifyErrors.SuiteBLosNotAllowed;
                flags &= ~SuiteB.Los128Only; // once P-384 is met, P-256 may not follow
                return VerifyErrors.Ok;
            case P256:
                if (signedWith != null && signedWith != EcdsaSha256) return VerifyErrors.SuiteBInvalidSignatureAlgorithm;
                return (flags & SuiteB.Los128Only) == 0 ? VerifyErrors.SuiteBLosNotAllowed : VerifyErrors.Ok;
            default:
                return VerifyErrors.SuiteBInvalidCurve;
        }
    }
}
