using System.Text;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Pki.Tests.Tools;

/// <summary>The engines behind dgst, enc and dhparam: base64 as OpenSSL's BIO reads it, ciphers, digests, DH checks.</summary>
public class ClientToolsTests
{
    // crypto/evp/bio_b64.c + encode.c, checked against `openssl enc -d -a` (3.0.19).
    [TestCase("aGVsbG8=\n", "hello", false)]
    [TestCase("aGVs\nbG8=\n", "hello", false)]
    [TestCase("  aGVsbG8=\n", "hello", false)]
    [TestCase("aGV sbG8=\n", "hello", false)]
    [TestCase("\n\naGVsbG8=\n", "hello", false)]
    [TestCase("aGVsbG8=", "", false)] // no line end: OpenSSL never finds a line to start from
    [TestCase("!!!!\n", "", false)]
    [TestCase("aGVsbG8=\n-----END\nd29y\n", "hello", false)]
    [TestCase("aGVsbG8=\n!!!\n", "", true)]
    [TestCase("aGVsbG8=aGVs\n", "", false)] // data after padding: a line that fails is skipped while finding the start
    [TestCase("aGVsbG8\n", "", true)]      // a short last group
    [TestCase("aGVsbA==\nd29ybGQ=\n", "", true)]
    public void Lines_decode_as_OpenSSLs_base64_BIO(string input, string expected, bool failed)
    {
        var decoded = OpenSslBase64.Decode(Encoding.ASCII.GetBytes(input), singleLine: false);
        (Encoding.Latin1.GetString(decoded.Bytes), decoded.Failed).ShouldBe((expected, failed));
    }

    [TestCase("aGVsbG8=", "hello", false)]
    [TestCase("aGVsbG8=\n", "hello", false)]
    [TestCase("aGVsbG8=!!", "hello", false)] // fewer than four characters left over are dropped
    [TestCase("aGVs\nbG8=\n", "", true)]
    [TestCase("aGVs bG8=", "", true)]
    public void A_single_line_decodes_as_OpenSSLs_base64_BIO_with_NO_NL(string input, string expected, bool failed)
    {
        var decoded = OpenSslBase64.Decode(Encoding.ASCII.GetBytes(input), singleLine: true);
        (Encoding.Latin1.GetString(decoded.Bytes), decoded.Failed).ShouldBe((expected, failed));
    }

    [TestCase(0, "")]
    [TestCase(3, "AAAA\n")]
    [TestCase(48, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")]
    [TestCase(49, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAA==\n")]
    public void Encoding_writes_64_character_lines(int zeros, string expected) =>
        OpenSslBase64.Encode(new byte[zeros], singleLine: false).ShouldBe(expected);

    [Test]
    public void Long_input_round_trips_through_1024_byte_blocks()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        foreach (var single in new[] { false, true })
            OpenSslBase64.Decode(Encoding.ASCII.GetBytes(OpenSslBase64.Encode(data, single)), single).Bytes.ShouldBe(data);
    }

    // NIST SP 800-38A F.5.1 (CTR) and F.2.1 (CBC, no padding), first block.
    [TestCase("aes-128-ctr", "874d6191b620e3261bef6864990db6ce")]
    [TestCase("AES-128-CBC", "7649abac8119b246cee98e9b12e9197d")]
    public void Ciphers_give_the_NIST_vectors(string name, string expected)
    {
        var cipher = EncCipher.Find(name)!;
        var key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
        var iv = Convert.FromHexString(name.EndsWith("ctr", StringComparison.OrdinalIgnoreCase)
            ? "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff" : "000102030405060708090a0b0c0d0e0f");
        var output = cipher.Run(true, key, iv, pad: false, Convert.FromHexString("6bc1bee22e409f96e93d7e117393172a"));
        Convert.ToHexStringLower(output!).ShouldBe(expected);
    }

    [Test]
    public void A_stream_mode_takes_a_partial_last_block()
    {
        var cipher = EncCipher.Find("aes-256-cfb")!;
        var key = new byte[32];
        var iv = new byte[16];
        var data = Encoding.ASCII.GetBytes("twenty-one bytes long");
        var encrypted = cipher.Run(true, key, iv, true, data)!;
        encrypted.Length.ShouldBe(data.Length);
        cipher.Run(false, key, iv, true, encrypted).ShouldBe(data);
    }

    [TestCase("sha256", "SHA2-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("SHA-1", "SHA1", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [TestCase("rmd160", "RIPEMD-160", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    [TestCase("shake128", "SHAKE-128", "5881092dd818bf5cf8a3ddb793fbcba7")]
    public void Digests_by_any_alias_print_the_providers_name(string alias, string name, string abc)
    {
        var digest = MessageDigests.Find(alias)!;
        digest.Name.ShouldBe(name);
        Convert.ToHexStringLower(digest.Compute("abc"u8)).ShouldBe(abc);
    }

    [Test]
    public void Generated_DH_parameters_pass_OpenSSLs_checks_and_round_trip()
    {
        var dh = DhParameters.Generate(512, 2);
        dh.Bits.ShouldBe(512);
        dh.Problems().ShouldBeEmpty();
        DhParameters.Read(dh.Der(), der: true).Text().ShouldBe(dh.Text());
        DhParameters.Read(Encoding.ASCII.GetBytes(dh.Pem()), der: false).Der().ShouldBe(dh.Der());
    }
}
