using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Verify;

namespace CnfSigner.Pki.Tests.Verify;

/// <summary>Name hashes against `openssl x509 -subject_hash`, identity matching against `x509 -checkhost` and friends.</summary>
public class NameAndIdentityTests
{
    public static IEnumerable<TestCaseData> Hashes() =>
        VerifyCorpus.Rows("hashes.tsv").Select(r => new TestCaseData(r[0], r[1]).SetName($"Subject_hash_is_openssls({r[0]})"));

    public static IEnumerable<TestCaseData> Identities() =>
        VerifyCorpus.Rows("identity.tsv").Select(r => new TestCaseData(r[0], r[1], r[2], r[3] == "yes")
            .SetName($"Identity_match_is_openssls({r[0]},{r[1]},{r[2]})"));

    [TestCaseSource(nameof(Hashes))]
    public void Subject_hash_is_openssls(string file, string hash)
    {
        var cert = CertificateFiles.LoadCertificate(VerifyCorpus.PathOf(file), "certificate file").Certificate!;
        NameHash.HashText(cert.SubjectDN).ShouldBe(hash);
    }

    [TestCaseSource(nameof(Identities))]
    public void Identity_match_is_openssls(string file, string kind, string value, bool matches)
    {
        var facts = new CertificateFacts(CertificateFiles.LoadCertificate(VerifyCorpus.PathOf(file), "certificate file").Certificate!);
        var actual = kind switch
        {
            "host" => IdentityMatch.MatchesHost(facts, value),
            "email" => IdentityMatch.MatchesEmail(facts, value),
            _ => IdentityMatch.MatchesIp(facts, IdentityMatch.ParseIpAddress(value)!),
        };
        actual.ShouldBe(matches);
    }

    [TestCase("1.2.3.4", new byte[] { 1, 2, 3, 4 })]
    [TestCase("1.2.3.4junk", new byte[] { 1, 2, 3, 4 })] // sscanf("%d.%d.%d.%d") ignores what follows
    [TestCase("1.2.3", null)]
    [TestCase("1.2.3.256", null)]
    [TestCase("::1", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [TestCase("fe80::1%eth0", null)]
    public void Ip_addresses_parse_as_a2i_ipadd(string text, byte[]? expected) =>
        IdentityMatch.ParseIpAddress(text).ShouldBe(expected);

    [Test]
    public void Canonical_names_ignore_case_and_runs_of_spaces()
    {
        var a = new Org.BouncyCastle.Asn1.X509.X509Name("CN=  Mixed   Case ,O=ACME");
        var b = new Org.BouncyCastle.Asn1.X509.X509Name("CN=mixed case,O=acme");
        CanonicalName.AreEqual(a, b).ShouldBeTrue();
        CanonicalName.AreEqual(a, new Org.BouncyCastle.Asn1.X509.X509Name("CN=mixedcase,O=acme")).ShouldBeFalse();
    }
}
