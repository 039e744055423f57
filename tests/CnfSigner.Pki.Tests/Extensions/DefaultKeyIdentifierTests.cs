using Org.BouncyCastle.Asn1.X509;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>
/// OpenSSL 3's automatic subjectKeyIdentifier / authorityKeyIdentifier when a CA signs (apps/lib/apps.c
/// do_X509_sign()), checked against leaf certificates made by tools/gen_ca_testdata.sh with
/// `openssl x509 -req -CA ... -extfile ca.cnf -extensions SECTION`.
/// </summary>
public class DefaultKeyIdentifierTests
{
    [TestCase("leaf_plain", "ca.crt", TestName = "CA with SKID: AKID keyid appended after SKID")]
    [TestCase("leaf_plain_v1ca", "ca-v1.crt", TestName = "CA without SKID: AKID falls back to issuer name and serial")]
    [TestCase("leaf_issuer_always", "ca.crt", TestName = "issuer:always adds the CA's issuer and serial in place")]
    [TestCase("leaf_issuer_copy", "ca.crt", TestName = "issuer:copy copies the CA's SAN; SKID none removes the SKID")]
    [TestCase("leaf_none", "ca.crt", TestName = "SKID none and AKID none remove both defaults")]
    public void Leaf_extensions_match_openssl(string leaf, string caFile)
    {
        var expected = TestConfig.Certificate(leaf + ".crt");
        var section = leaf == "leaf_plain_v1ca" ? "leaf_plain" : leaf;
        var sections = TestConfig.Sections(File.ReadAllText(TestConfig.DataPath("ca.cnf")), "unused");
        var context = new ExtensionContext(expected.CertificateStructure.SubjectPublicKeyInfo,
            expected.CertificateStructure.Subject, TestConfig.Certificate(caFile));

        var built = ExtensionBuilder.Build(sections[section], s => sections.GetValueOrDefault(s), context, section);

        TestConfig.Render(ExtensionBuilder.WithDefaultKeyIdentifiers(built, context))
            .ShouldBe(TestConfig.Render(expected));
    }

    [Test]
    public void Self_signed_ca_gets_skid_but_no_akid()
    {
        var ca = TestConfig.Certificate("ca.crt");
        var sections = TestConfig.Sections(File.ReadAllText(TestConfig.DataPath("ca.cnf")), "unused");
        var context = new ExtensionContext(ca.CertificateStructure.SubjectPublicKeyInfo, ca.CertificateStructure.Subject,
            IssuerCertificate: null);

        var built = ExtensionBuilder.Build(sections["ca_ext"], s => sections.GetValueOrDefault(s), context, "ca_ext");

        TestConfig.Render(ExtensionBuilder.WithDefaultKeyIdentifiers(built, context)).ShouldBe(TestConfig.Render(ca));
    }

    [Test]
    public void No_extensions_means_no_default_key_identifiers()
    {
        var context = new ExtensionContext(TestConfig.PublicKey("test.key"), new X509Name("CN=x"), null);

        ExtensionBuilder.WithDefaultKeyIdentifiers([], context).ShouldBeEmpty();
    }

    [Test]
    public void Ca_signing_with_its_own_key_adds_no_akid()
    {
        var ca = TestConfig.Certificate("ca.crt");
        var context = new ExtensionContext(ca.CertificateStructure.SubjectPublicKeyInfo, new X509Name("CN=other"), ca);
        var built = ExtensionBuilder.Build([new("keyUsage", "digitalSignature")], _ => null, context);

        ExtensionBuilder.WithDefaultKeyIdentifiers(built, context).Select(e => e.Oid.Id)
            .ShouldBe(["2.5.29.15", "2.5.29.14"]);
    }
}
