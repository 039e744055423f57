using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Tests.Ca;

/// <summary>
/// apps/ca.c do_body()'s policy, one row per rule: the subject is rebuilt in the policy's order, fields it does not
/// name are dropped, optional/supplied/match as OpenSSL (the messages are OpenSSL's, checked by the ca failure tests).
/// </summary>
public class PolicyTests
{
    private const string Ca = "C=US, O=Cockroach, CN=Root";

    [TestCase("O=optional CN=supplied", "CN=node, O=Cockroach", "/O=Cockroach/CN=node")]
    [TestCase("CN=supplied", "O=Cockroach, OU=Ops, CN=node", "/CN=node")]
    [TestCase("O=match CN=supplied", "O=Cockroach, CN=node", "/O=Cockroach/CN=node")]
    [TestCase("C=optional O=optional CN=supplied", "CN=node", "/CN=node")]
    [TestCase("OU=optional CN=supplied", "OU=a, OU=b, CN=node", "/OU=a/OU=b/CN=node")]
    public void Rebuilds_the_subject_in_policy_order(string policy, string request, string expected) =>
        Show(Policy.Apply(Rules(policy), Name(request), Name(Ca))).ShouldBe(expected);

    [TestCase("CN=supplied O=supplied", "CN=node", "The O field needed to be supplied and was missing")]
    [TestCase("O=match CN=supplied", "CN=node", "The mandatory O field was missing")]
    [TestCase("O=match CN=supplied", "O=Other, CN=node", "The O field is different between\nCA certificate (Cockroach) and the request (Other)")]
    [TestCase("L=match CN=supplied", "L=Here, CN=node", "The L field does not exist in the CA certificate,\nthe 'policy' is misconfigured")]
    [TestCase("CN=required", "CN=node", "required:invalid type in 'policy' configuration")]
    [TestCase("bogusField=optional", "CN=node", "bogusField:unknown object type in 'policy' configuration\nunknown object name")]
    public void Refuses_in_openssls_words(string policy, string request, string message) =>
        Should.Throw<CnfSignerException>(() => Policy.Apply(Rules(policy), Name(request), Name(Ca))).Message.ShouldBe(message);

    [Test]
    public void WithoutEmail_drops_only_emailAddress() =>
        Show(Policy.WithoutEmail(new X509Name("CN=node, E=a@example.com, O=Cockroach"))).ShouldBe("/CN=node/O=Cockroach");

    private static List<KeyValuePair<string, string>> Rules(string text) =>
        text.Split(' ').Select(r => r.Split('=')).Select(r => new KeyValuePair<string, string>(r[0], r[1])).ToList();

    // X509Name's own order is the encoded order.
    private static X509Name Name(string text) => new(text);

    private static string Show(X509Name name) => NamePrinter.Oneline((Asn1Sequence)name.ToAsn1Object());
}
