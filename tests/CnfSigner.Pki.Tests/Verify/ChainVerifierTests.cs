using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Tests.Verify;

/// <summary>
/// The verifier on the same inputs as every recorded `openssl verify` case whose inputs all load: the errors
/// (number and depth, in order, with apps/verify.c's "continue after" list) and the outcome must be OpenSSL's.
/// </summary>
public class ChainVerifierTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<TestCaseData> VerifiableCases() =>
        VerifyCorpus.Cases()
            .Where(c => c.Name.StartsWith("ok_", StringComparison.Ordinal) || (c.Name.StartsWith("err_", StringComparison.Ordinal)
                        && !c.Name.Contains("missing_value") && !c.Name.Contains("_option") && !c.Name.Contains("not_a_number")))
            .Select(c => new TestCaseData(c.Name, c.Args).SetName($"Verifier_agrees_with_openssl({c.Name})"));

    [TestCaseSource(nameof(VerifiableCases))]
    public void Verifier_agrees_with_openssl(string name, string[] args)
    {
        var setup = Setup.From(args);
        if (setup == null)
        {
            VerifyCorpus.ExpectedExitCode(name).ShouldBe(1, "a setup error here must be one in openssl too");
            return;
        }

        var expected = VerifyCorpus.ExpectedErrors(name);
        var reported = new List<(int, int)>();
        var allValid = true;
        foreach (var leaf in setup.Leaves)
        {
            if (leaf == null) { allValid = false; continue; }
            var result = new ChainVerifier(setup.Store, setup.Untrusted, setup.Crls, setup.Options).Verify(leaf, Now);
            reported.AddRange(result.Errors.Select(e => (e.Code, e.Depth)));
            allValid &= result.IsValid;
        }

        reported.ShouldBe(expected);
        (allValid ? 0 : 2).ShouldBe(VerifyCorpus.ExpectedExitCode(name));
    }

    [Test]
    public void Without_a_callback_verification_stops_at_the_first_error()
    {
        var setup = Setup.From(["-attime", "1735689600", "-purpose", "sslserver", "-CAfile", "root.pem", "expired.pem"])!;
        var options = setup.Options with { ContinueAfter = null };
        var result = new ChainVerifier(setup.Store, options).Verify(setup.Leaves[0]!, Now);
        result.Errors.Select(e => (e.Code, e.Depth)).ShouldBe([(VerifyErrors.InvalidPurpose, 0)]);
        result.Completed.ShouldBeFalse();
        result.FirstError!.Text.ShouldBe("unsuitable certificate purpose");
    }

    [Test]
    public void A_valid_chain_lists_leaf_first_and_counts_untrusted_certificates()
    {
        var setup = Setup.From(["-attime", "1735689600", "-CAfile", "root.pem", "-untrusted", "int.pem", "server.pem"])!;
        var result = new ChainVerifier(setup.Store, setup.Untrusted, [], setup.Options).Verify(setup.Leaves[0]!, Now);
        result.IsValid.ShouldBeTrue();
        result.Chain.Select(c => c.SubjectDN.ToString()).ShouldBe(
            ["O=CnfSigner Test,CN=node", "O=CnfSigner Test,CN=Test Intermediate CA", "O=CnfSigner Test,CN=Test Root CA"]);
        result.UntrustedCount.ShouldBe(2);
    }

    /// <summary>The subset of `openssl verify` options the corpus uses, mapped onto the library API.</summary>
    private sealed record Setup(TrustStore Store, List<X509Certificate> Untrusted, List<X509Crl> Crls,
        VerifyOptions Options, List<X509Certificate?> Leaves)
    {
        public static Setup? From(string[] args)
        {
            string? caFile = null, caPath = null, trusted = null;
            bool noCaFile = false, noCaPath = false;
            var untrusted = new List<X509Certificate>();
            var crls = new List<X509Crl>();
            var options = new VerifyOptions { ContinueAfter = e => VerifyOptions.ToleratedByVerifyApp.Contains(e.Code) };
            var i = 0;
            for (; i < args.Length && args[i].StartsWith('-'); i++)
            {
                string Next() => args[++i];
                switch (args[i][1..])
                {
                    case "attime": options = options with { AtTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Next())) }; break;
                    case "CAfile": caFile = VerifyCorpus.PathOf(Next()); break;
                    case "CApath": caPath = VerifyCorpus.PathOf(Next()); if (!System.IO.Directory.Exists(caPath)) return null; break;
                    case "trusted": trusted = VerifyCorpus.PathOf(Next()); break;
                    case "no-CAfile": noCaFile = true; break;
                    case "no-CApath": noCaPath = true; break;
                    case "untrusted":
                        var u = CertificateFiles.LoadAll(VerifyCorpus.PathOf(Next()), "untrusted certificates", false).Objects;
                        if (u == null) return null;
                        untrusted.AddRange(u.Certificates);
                        break;
                    case "CRLfile":
                        var c = CertificateFiles.LoadAll(VerifyCorpus.PathOf(Next()), "other CRLs", true).Objects;
                        if (c == null) return null;
                        crls.AddRange(c.Crls);
                        break;
                    case "purpose":
                        var p = Purposes.Find(Next());
                        if (p == null) return null;
                        options = options with { Purpose = p };
                        break;
                    case "verify_hostname": options = options with { Hostname = Next() }; break;
                    case "verify_email": options = options with { Email = Next() }; break;
                    case "verify_ip":
                        var ip = IdentityMatch.ParseIpAddress(Next());
                        if (ip == null) return null;
                        options = options with { IpAddress = ip };
                        break;
                    case "verify_depth": options = options with { Depth = int.Parse(Next()) }; break;
                    case "crl_check": options = options with { CrlCheck = true }; break;
                    case "crl_check_all": options = options with { CrlCheck = true, CrlCheckAll = true }; break;
                    case "partial_chain": options = options with { PartialChain = true }; break;
                    case "x509_strict": options = options with { X509Strict = true }; break;
                    case "no_check_time": options = options with { NoCheckTime = true }; break;
                    case "ignore_critical": options = options with { IgnoreCritical = true }; break;
                    case "nameopt": Next(); break;
                }
            }
            if (trusted != null && (caFile != null || caPath != null)) return null;
            var (store, failure) = TrustSetup.Build(caFile, noCaFile, caPath, noCaPath);
            if (failure != null) return null;
            if (trusted != null)
            {
                store = new TrustStore();
                store.Add(CertificateFiles.LoadAll(trusted, "trusted certificates", false).Objects!);
            }
            var leaves = args[i..].Select(f => CertificateFiles.LoadCertificate(VerifyCorpus.PathOf(f), "certificate file").Certificate).ToList();
            return new Setup(store!, untrusted, crls, options, leaves);
        }
    }
}
