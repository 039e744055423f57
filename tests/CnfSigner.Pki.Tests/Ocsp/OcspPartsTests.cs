using CnfSigner.Pki.Ocsp;

namespace CnfSigner.Pki.Tests.Ocsp;

/// <summary>The small readers of apps/ocsp.c: OSSL_HTTP_parse_url() for -url and s2i_ASN1_INTEGER() for -serial.</summary>
public class OcspPartsTests
{
    [TestCase("http://127.0.0.1:2560", "127.0.0.1", "2560", "/", false)]
    [TestCase("http://ocsp.example.com", "ocsp.example.com", "80", "/", false)]
    [TestCase("http://ocsp.example.com/a/b?c", "ocsp.example.com", "80", "/a/b?c", false)]
    [TestCase("https://ocsp.example.com", "ocsp.example.com", "443", "/", true)]
    [TestCase("http://[::1]:8080/x", "::1", "8080", "/x", false)]
    [TestCase("127.0.0.1:2560", "127.0.0.1", "2560", "/", false)]
    public void Url_is_split_as_openssl_does(string url, string host, string port, string path, bool tls) =>
        OcspHttp.ParseUrl(url).ShouldBe((host, port, path, tls));

    [TestCase("ftp://x")]
    [TestCase("http://:80")]
    [TestCase("http://host:port")]
    [TestCase("http://host:70000")]
    [TestCase("http://[::1")]
    public void Bad_url_is_refused(string url) => OcspHttp.ParseUrl(url).ShouldBeNull();

    [TestCase("4096", "4096")]
    [TestCase("0x1000", "4096")]
    [TestCase("0X1f", "31")]
    [TestCase("-0x10", "-16")]
    [TestCase("0", "0")]
    public void Serial_is_decimal_or_hex(string text, string value) =>
        OcspMessages.ParseSerial(text)!.Value.ToString().ShouldBe(value);

    [TestCase("")]
    [TestCase("0x")]
    [TestCase("12ab")]
    [TestCase("0xzz")]
    public void Bad_serial_is_refused(string text) => OcspMessages.ParseSerial(text).ShouldBeNull();
}
