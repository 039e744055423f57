using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Cockroach.Checker;

public enum ChainProblem
{
    None,
    UnknownAuthority,
    IssuerBytesDiffer,
    ParentCannotSign,
    BadSignature,
    InsecureAlgorithm,
}

/// <summary>A verified path (leaf first, root last) or the reason Go would give for having none.</summary>
public sealed record ChainResult(IReadOnlyList<GoCertificateView> Path, ChainProblem Problem, string Message)
{
    public bool Ok => Problem == ChainProblem.None;
}

/// <summary>
/// Path building as go crypto/x509 does it: parents are found by exact DER equality of the child's issuer and the
/// parent's subject (cert_pool.go findPotentialParents()), then CheckSignatureFrom() judges each candidate.
/// </summary>
public static class Chains
{
    private const int MaxDepth = 8;

    /// <param name="intermediates">the certificates after the leaf in its file (sent as the chain by tls.X509KeyPair)</param>
    /// <param name="roots">the CA file's certificates (AppendCertsFromPEM: all of them become roots)</param>
    /// <param name="pool">how messages name the roots: "ca.crt"</param>
    public static ChainResult Verify(GoCertificateView leaf, IReadOnlyList<GoCertificateView> intermediates, IReadOnlyList<GoCertificateView> roots, string pool)
    {
        if (roots.Count == 0)
            return new([], ChainProblem.UnknownAuthority, $"x509: certificate signed by unknown authority: {pool} holds no certificate");
        return Build(leaf, [leaf], intermediates, roots, pool);
    }

    private static ChainResult Build(GoCertificateView child, List<GoCertificateView> path, IReadOnlyList<GoCertificateView> intermediates,
        IReadOnlyList<GoCertificateView> roots, string pool)
    {
        var candidates = roots.Where(r => SameBytes(r.RawSubject, child.RawIssuer)).Select(r => (Cert: r, IsRoot: true))
            .Concat(intermediates.Where(i => SameBytes(i.RawSubject, child.RawIssuer) && !path.Contains(i)).Select(i => (Cert: i, IsRoot: false)))
            .ToList();
        if (candidates.Count == 0) return NoCandidate(child, roots, pool);

        ChainResult? firstFailure = null;
        foreach (var (parent, isRoot) in candidates)
        {
            var failure = Judge(child, parent, pool);
            if (failure == null && isRoot) return new([.. path, parent], ChainProblem.None, "");
            if (failure == null && path.Count < MaxDepth)
            {
                var deeper = Build(parent, [.. path, parent], intermediates, roots, pool);
                if (deeper.Ok) return deeper;
                failure = deeper;
            }
            firstFailure ??= failure;
        }
        return firstFailure ?? new([], ChainProblem.UnknownAuthority, "x509: certificate signed by unknown authority");
    }

    // x509.go CheckSignatureFrom(): the parent's CA-ness first, then the algorithm, then the signature itself.
    private static ChainResult? Judge(GoCertificateView child, GoCertificateView parent, string pool)
    {
        var candidate = $"while trying to verify candidate authority certificate \"{parent.CommonName}\"";
        if (parent.CannotSignBecause() is { } why)
            return new([], ChainProblem.ParentCannotSign,
                $"x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" {candidate}): {pool}: {why}");
        if (child.InsecureSignature is { } algorithm)
            return new([], ChainProblem.InsecureAlgorithm,
                $"x509: cannot verify signature: insecure algorithm {algorithm} (temporarily override with GODEBUG=x509sha1=1)");
        try
        {
            if (SignatureCheck.Verify(child.Cert, parent.Cert.GetPublicKey())) return null;
            throw new Org.BouncyCastle.Security.Certificates.CertificateException("signature mismatch");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new([], ChainProblem.BadSignature,
                $"x509: certificate signed by unknown authority (possibly because of \"crypto/rsa: verification error\" {candidate}): " +
                $"the signature does not verify with {pool}'s key: another CA with the same name signed it");
        }
    }

    private static ChainResult NoCandidate(GoCertificateView child, IReadOnlyList<GoCertificateView> roots, string pool)
    {
        var issuer = X509Name.GetInstance(child.RawIssuer);
        var lookalike = roots.FirstOrDefault(r => X509Name.GetInstance(r.RawSubject).Equivalent(issuer, true));
        return lookalike != null
            ? new([], ChainProblem.IssuerBytesDiffer,
                $"x509: certificate signed by unknown authority: the issuer \"{issuer}\" is encoded differently from {pool}'s subject " +
                "(Go matches the exact bytes, not the name)")
            : new([], ChainProblem.UnknownAuthority,
                $"x509: certificate signed by unknown authority: issuer \"{issuer}\" is not the subject of {pool}");
    }

    private static bool SameBytes(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
}
