using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>Behaviour the `openssl req -x509` oracle cannot show: requests, -addext, and the BouncyCastle views.</summary>
public class ExtensionBuilderTests
{
    private static ExtensionContext RequestContext() =>
        new(TestConfig.PublicKey("test.key"), new X509Name("CN=x,E=a@b.example"), null) { ForRequest = true };

    private static IReadOnlyList<CertExtension> Build(string name, string value, ExtensionContext context) =>
        ExtensionBuilder.Build([new(name, value)], _ => null, context, "req_ext");

    [TestCase("authorityKeyIdentifier", "keyid", "no issuer certificate", TestName = "Request: AKID needs an issuer certificate")]
    [TestCase("issuerAltName", "issuer:copy", "no issuer details", TestName = "Request: issuer:copy needs an issuer certificate")]
    public void Request_context_errors(string name, string value, string reason)
    {
        Should.Throw<CnfSignerException>(() => Build(name, value, RequestContext())).Message
            .ShouldBe($"{reason}\nerror in extension: section=req_ext, name={name}, value={value}");
    }

    [Test]
    public void Request_skid_hash_uses_the_request_key()
    {
        var context = RequestContext();
        Build("subjectKeyIdentifier", "hash", context).Single().Value
            .ShouldBe(new DerOctetString(KeyIdentifiers.Hash(context.SubjectPublicKey)).GetEncoded());
    }

    [Test]
    public void Without_section_name_the_error_names_only_name_and_value()
    {
        Should.Throw<CnfSignerException>(() =>
                ExtensionBuilder.BuildOne("keyUsage", "bogus", _ => null, RequestContext())).Message
            .ShouldBe("unknown bit string argument: bogus\nerror in extension: name=keyUsage, value=bogus");
    }

    [Test]
    public void Extension_request_attribute_matches_openssl_csr()
    {
        var csr = new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(
            new Org.BouncyCastle.Utilities.IO.Pem.PemReader(File.OpenText(TestConfig.DataPath("node.csr"))).ReadPemObject().Content);
        var info = csr.GetCertificationRequestInfo();
        var sections = TestConfig.Sections(File.ReadAllText(TestConfig.DataPath("ca.cnf")), "unused");
        var context = new ExtensionContext(info.SubjectPublicKeyInfo, info.Subject, null) { ForRequest = true };

        var exts = ExtensionBuilder.Build(sections["node_req"], s => sections.GetValueOrDefault(s), context, "node_req");

        Convert.ToHexString(ExtensionBuilder.ExtensionRequestAttribute(exts).GetEncoded())
            .ShouldBe(Convert.ToHexString(info.Attributes[0].GetEncoded()));
        ExtensionBuilder.ToX509Extensions(exts).ExtensionOids
            .ShouldBe([X509Extensions.SubjectAlternativeName, X509Extensions.KeyUsage]);
    }
}
