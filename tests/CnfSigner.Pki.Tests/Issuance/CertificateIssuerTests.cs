using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Tests.Issuance;

/// <summary>
/// The engine every command issues through: which extensions a certificate gets from its sections, the default key
/// identifiers of apps/lib/apps.c do_X509_sign(), and the version rule. Whole certificates are compared with
/// openssl's by the command tests (ReqCorpusTests, X509SigningTests, the ca tests).
/// </summary>
public class CertificateIssuerTests
{
    private static readonly PrivateKey CaKey = KeyReader.LoadPrivateKey(TestData.Key("base.pem"), null);
    private static readonly PrivateKey LeafKey = KeyReader.LoadPrivateKey(TestData.Key("ec.pem"), null);
    private static readonly DateTime Now = new(2026, 12, 2, 10, 30, 15, 500, DateTimeKind.Utc);

    [TestCase("", false, "", false)]
    [TestCase("keyUsage = digitalSignature", false, "keyUsage subjectKeyIdentifier", true)]
    [TestCase("keyUsage = digitalSignature", true, "keyUsage subjectKeyIdentifier authorityKeyIdentifier", true)]
    [TestCase("subjectKeyIdentifier = none", true, "authorityKeyIdentifier", true)]
    [TestCase("subjectKeyIdentifier = none\nauthorityKeyIdentifier = none", true, "", true)]
    [TestCase("authorityKeyIdentifier = keyid\nkeyUsage = digitalSignature", true, "authorityKeyIdentifier keyUsage subjectKeyIdentifier", true)]
    public void Lays_out_extensions_and_version_as_do_X509_sign(string section, bool byCa, string expected, bool version3)
    {
        var subject = new X509Name("CN=leaf");
        var selfSigned = CertificateIssuer.Issue(Order(new X509Name("CN=ca"), CaKey, new Signer(CaKey, null), "basicConstraints = CA:TRUE"));
        var signer = byCa ? new Signer(CaKey, selfSigned) : new Signer(LeafKey, null);
        var template = CertificateIssuer.Prepare(Order(subject, LeafKey, signer, section));

        string.Join(" ", template.Extensions.Select(e => Name(e.Oid))).ShouldBe(expected);
        template.Version3.ShouldBe(version3);
        template.Issuer.ToString().ShouldBe(byCa ? "CN=ca" : "CN=leaf");
        var certificate = CertificateIssuer.Sign(template, signer.Key);
        certificate.Version.ShouldBe(version3 ? 3 : 1);
        certificate.NotBefore.ToUniversalTime().ShouldBe(new DateTime(2026, 12, 2, 10, 30, 15, DateTimeKind.Utc));
        Signatures.Verify(certificate, signer.Key).ShouldBeTrue();
    }

    [Test]
    public void A_precertificate_gets_the_critical_poison_last_and_only_once()
    {
        var order = Order(new X509Name("CN=leaf"), LeafKey, new Signer(LeafKey, null), "keyUsage = digitalSignature") with { Precert = true };
        var template = CertificateIssuer.Prepare(order);
        template.Extensions.Select(e => e.Oid.Id).ShouldBe(["2.5.29.15", "1.3.6.1.4.1.11129.2.4.3", "2.5.29.14"]);
        template.Extensions[1].Critical.ShouldBeTrue();
        template.Extensions[1].Value.ShouldBeEmpty();

        var twice = Order(new X509Name("CN=leaf"), LeafKey, new Signer(LeafKey, null), "1.3.6.1.4.1.11129.2.4.3 = critical,ASN1:NULL") with { Precert = true };
        Should.Throw<CnfSignerException>(() => CertificateIssuer.Prepare(twice)).Message.ShouldBe("Error adding poison extension\nextension exists");
    }

    [Test]
    public void A_section_error_carries_the_commands_header()
    {
        var order = Order(new X509Name("CN=leaf"), LeafKey, new Signer(LeafKey, null), "keyUsage = sideways");
        Should.Throw<CnfSignerException>(() => CertificateIssuer.Prepare(order)).Message.ShouldStartWith("Error checking extension section ext\n");
    }

    private static CertificateOrder Order(X509Name subject, PrivateKey key, Signer signer, string section)
    {
        var config = CnfSigner.Config.CnfLoader.Parse($"[ ext ]\n{section}\n", "test.cnf");
        return new CertificateOrder(subject, key.PublicInfo, signer, BigInteger.Two, Now, Now.AddDays(1), "sha256")
        {
            Sections = section.Length == 0 ? [] : [ExtensionSource.Of(config, "ext", "Error checking extension section")],
        };
    }

    private static string Name(Org.BouncyCastle.Asn1.DerObjectIdentifier oid) => oid.Id switch
    {
        "2.5.29.15" => "keyUsage",
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.19" => "basicConstraints",
        _ => oid.Id,
    };

    private static class Signatures
    {
        public static bool Verify(Org.BouncyCastle.X509.X509Certificate certificate, PrivateKey key) =>
            CnfSigner.Pki.Signing.SignatureCheck.Verify(certificate, key.Public);
    }
}
