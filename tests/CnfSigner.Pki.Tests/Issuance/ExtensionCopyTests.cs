using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Tests.Issuance;

/// <summary>
/// copy_extensions as apps/lib/apps.c copy_extensions() and X509V3_CTX_REPLACE combine them: `ca` copies after its
/// section, req -x509 and x509 -req before theirs. Lists are "type:origin" (S = a section, R = the request). Whole
/// certificates made this way are compared with openssl's in X509SigningTests, ReqCorpusTests and the ca tests.
/// </summary>
public class ExtensionCopyTests
{
    [TestCase("none", true, "ku:S", "san:R", "ku:S")]
    [TestCase("copy", true, "ku:S eku:S", "san:R ku:R", "ku:S eku:S san:R")]
    [TestCase("copyall", true, "ku:S eku:S", "san:R ku:R", "eku:S san:R ku:R")]
    [TestCase("copy", true, "", "san:R san:R", "san:R")]
    [TestCase("copyall", true, "", "san:R ku:R san:R", "ku:R san:R")]
    [TestCase("none", false, "ku:S", "san:R", "ku:S")]
    [TestCase("copy", false, "ku:S", "san:R ku:R eku:R", "san:R eku:R ku:S")]
    [TestCase("copyall", false, "san:S", "san:R ku:R", "ku:R san:S")]
    [TestCase("copy", false, "", "san:R ku:R", "san:R ku:R")]
    [TestCase("copy", false, "bc:S", "ca:R", "bc:S")]
    public void Merges_the_request_and_the_section_in_openssls_order(string mode, bool afterSections, string section,
        string requested, string expected)
    {
        var copy = new ExtensionCopy(ExtensionCopy.ParseMode(mode), List(requested), afterSections);
        Show(copy.Apply([List(section)])).ShouldBe(expected);
    }

    [TestCase("copy", true)]
    [TestCase("copyall", true)]
    [TestCase("copy", false)]
    [TestCase("copyall", false)]
    public void A_request_for_CA_TRUE_is_refused_unless_a_section_sets_basicConstraints(string mode, bool afterSections)
    {
        var copy = new ExtensionCopy(ExtensionCopy.ParseMode(mode), List("san:R ca:R"), afterSections);
        Should.Throw<CnfSignerException>(() => copy.Apply([List("ku:S")])).Message.ShouldContain("basicConstraints CA:TRUE");
        Should.NotThrow(() => copy.Apply([List("bc:S")]));
    }

    [Test]
    public void A_request_for_nameConstraints_is_refused_and_CA_FALSE_is_copied()
    {
        Should.Throw<CnfSignerException>(() => new ExtensionCopy(CopyExtensions.Copy, List("nc:R"), true).Apply([[]]))
            .Message.ShouldContain("nameConstraints");
        Show(new ExtensionCopy(CopyExtensions.Copy, List("bc:R"), true).Apply([[]])).ShouldBe("bc:R");
    }

    [TestCase("COPYALL", CopyExtensions.CopyAll)]
    [TestCase("Copy", CopyExtensions.Copy)]
    [TestCase("none", CopyExtensions.None)]
    public void Modes_are_case_insensitive(string text, CopyExtensions mode) => ExtensionCopy.ParseMode(text).ShouldBe(mode);

    [Test]
    public void An_unknown_mode_says_so_in_openssls_words() =>
        Should.Throw<CnfSignerException>(() => ExtensionCopy.ParseMode("all")).Message.ShouldBe("Invalid extension copy option: \"all\"");

    private static readonly Dictionary<string, (DerObjectIdentifier Oid, Asn1Encodable Value)> Types = new()
    {
        ["ku"] = (X509Extensions.KeyUsage, new KeyUsage(KeyUsage.DigitalSignature)),
        ["eku"] = (X509Extensions.ExtendedKeyUsage, new ExtendedKeyUsage(KeyPurposeID.id_kp_serverAuth)),
        ["san"] = (X509Extensions.SubjectAlternativeName, new GeneralNames(new GeneralName(GeneralName.DnsName, "a.example"))),
        ["bc"] = (X509Extensions.BasicConstraints, new BasicConstraints(false)),
        ["ca"] = (X509Extensions.BasicConstraints, new BasicConstraints(true)),
        ["nc"] = (X509Extensions.NameConstraints, NameConstraints.GetInstance(new DerSequence(
            new DerTaggedObject(false, 0, new DerSequence(new GeneralSubtree(new GeneralName(GeneralName.DnsName, "example.com"))))))),
    };

    // The origin is kept in the critical flag: S (a section) critical, R (the request) not.
    private static List<CertExtension> List(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            var (oid, value) = Types[item[..item.IndexOf(':')]];
            return new CertExtension(oid, item.EndsWith(":S"), value.GetDerEncoded());
        }).ToList();

    private static string Show(IEnumerable<CertExtension> list) => string.Join(" ", list.Select(e =>
        Types.First(t => t.Value.Oid.Equals(e.Oid) && (t.Key is not ("bc" or "ca")
            || BasicConstraints.GetInstance(e.Value).IsCA() == (t.Key == "ca"))).Key + (e.Critical ? ":S" : ":R")));
}
