using Org.BouncyCastle.Asn1.X509;
using CnfSigner.Pki.Extensions;

namespace CnfSigner.Pki.Tests.Extensions;

/// <summary>Bad input must only ever surface as <see cref="CnfSignerException"/> (design: no other exception for
/// bad input). Values are random mixes of the language's own syntax, with a fixed seed.</summary>
public class ExtensionFuzzTests
{
    private static readonly string[] Atoms =
    [
        "DNS", "IP", "email", "URI", "RID", "dirName", "otherName", "copy", "move", "issuer", "keyid", "always",
        "none", "hash", "CA", "pathlen", "critical", "DER", "ASN1", "FORMAT", "HEX", "SEQUENCE", "UTF8", "INT",
        "permitted", "excluded", "OCSP", "caIssuers", "fullname", "relativename", "reasons", "CRLissuer",
        "ia5org", "@sect", "@nosuch", "sect", "1.2.3", "2.999", "7", "0x1F", "-", "::", ":", ",", ";", ".", "/",
        "=", " ", "@", "+", "SEQUENCE:sect", "ASN1:SEQ:sect", "otherName:1.2.3;SEQ:sect", "dirName:sect", "1.2.3.4", "255.255.0.0", "fe80::1", "serverAuth", "digitalSignature", "zz", "ÿ",
    ];

    private static readonly string[] Names =
    [
        "basicConstraints", "keyUsage", "nsCertType", "extendedKeyUsage", "subjectAltName", "issuerAltName",
        "subjectKeyIdentifier", "authorityKeyIdentifier", "nameConstraints", "crlDistributionPoints",
        "authorityInfoAccess", "certificatePolicies", "policyConstraints", "inhibitAnyPolicy", "nsComment",
        "1.2.3.4", "fooBar",
    ];

    [Test]
    public void Random_values_fail_only_with_CnfSignerException()
    {
        var random = new Random(20240501);
        var key = TestConfig.PublicKey("test.key");
        var ca = TestConfig.Certificate("ca.crt");
        for (var i = 0; i < 20000; i++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => Atoms[random.Next(Atoms.Length)]));
            var sectionValue = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Atoms[random.Next(Atoms.Length)]));
            var name = Names[random.Next(Names.Length)];
            var context = new ExtensionContext(key, new X509Name("CN=x"), random.Next(2) == 0 ? null : ca)
                { ForRequest = random.Next(4) == 0 };
            IReadOnlyList<KeyValuePair<string, string>> sect =
                [new(Atoms[random.Next(Atoms.Length)], sectionValue), new("URI.1", "http://x/")];
            try
            {
                ExtensionBuilder.WithDefaultKeyIdentifiers(
                    ExtensionBuilder.Build([new(name, value)], s => s == "sect" ? sect : null, context), context);
            }
            catch (CnfSignerException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} = {value} (sect: {sectionValue}) threw {e}");
            }
        }
    }
}
