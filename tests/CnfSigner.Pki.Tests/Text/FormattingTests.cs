using CnfSigner.Pki.Io;
using System.Numerics;
using CnfSigner.Pki.Text;

namespace CnfSigner.Pki.Tests.Text;

public class FormattingTests
{
    private static byte[] Integer(string value) => BigInteger.Parse(value).ToByteArray(isUnsigned: false, isBigEndian: true);

    [TestCase("1", " 1 (0x1)")]
    [TestCase("255", " 255 (0xff)")]
    [TestCase("0", " 0 (0x0)")]
    [TestCase("-5", " -5 (-0x5)")]
    [TestCase("9223372036854775807", " 9223372036854775807 (0x7fffffffffffffff)")]
    [TestCase("-9223372036854775808", " -9223372036854775808 (-0x8000000000000000)")]
    [TestCase("9223372036854775808", "\n            80:00:00:00:00:00:00:00")]
    [TestCase("-9223372036854775809", "\n             (Negative)80:00:00:00:00:00:00:01")]
    public void Serial_is_one_line_when_it_fits_int64_else_hex(string value, string expected) =>
        IntegerPrinter.Serial(Integer(value), 12).ShouldBe(expected);

    [TestCase("1", "01")]
    [TestCase("255", "FF")]
    [TestCase("0", "00")]
    [TestCase("-1", "-01")]
    [TestCase("65536", "010000")]
    public void Integer_hex_is_upper_case_even_length(string value, string expected) =>
        IntegerPrinter.Hex(Integer(value)).ShouldBe(expected);

    [TestCase("4096", "4096")]
    [TestCase("-3", "-3")]
    [TestCase("340282366920938463463374607431768211455", "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    public void Extension_integers_are_decimal_below_128_bits_else_hex(string value, string expected) =>
        IntegerPrinter.ToText(Integer(value)).ShouldBe(expected);

    [TestCase(23, "491231235959Z", "Dec 31 23:59:59 2049 GMT")]
    [TestCase(23, "500101000000Z", "Jan  1 00:00:00 1950 GMT")]
    [TestCase(24, "20500101000000Z", "Jan  1 00:00:00 2050 GMT")]
    [TestCase(24, "20500101000000.123Z", "Jan  1 00:00:00.123 2050 GMT")]
    [TestCase(23, "2611251253Z", "Nov 25 12:53:00 2026 GMT")]
    [TestCase(23, "991399000000Z", null)]
    [TestCase(23, "abc", null)]
    public void Times_print_in_rfc822_form_with_a_space_padded_day(int tag, string value, string? expected) =>
        AsnTime.Print(tag, System.Text.Encoding.ASCII.GetBytes(value)).ShouldBe(expected);

    [Test]
    public void Pem_after_text_is_found_and_base64_is_64_columns()
    {
        var der = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var pem = PemBlock.Encode("CERTIFICATE", der);
        pem.Split('\n')[1].Length.ShouldBe(64);
        PemBlock.Find("Certificate:\n  text\n" + pem, "CERTIFICATE").ShouldBe(der);
    }

    [TestCase("ca_default", CertPrintFlags.NoIssuer | CertPrintFlags.NoPubKey | CertPrintFlags.NoHeader | CertPrintFlags.NoVersion)]
    [TestCase("no_pubkey,ext_dump", CertPrintFlags.NoPubKey | CertPrintFlags.ExtDump)]
    [TestCase("ext_dump,ext_error", CertPrintFlags.ExtError)]
    public void Certopt_words_set_x509_print_flags(string words, CertPrintFlags expected) =>
        CertOptions.Apply(CertPrintFlags.Compat, words).ShouldBe(expected);
}
