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
    [TestCase(23, "990630000000+1000", "Jun 29 14:00:00 1999 GMT")]
    [TestCase(23, "960528134905+0800", "May 28 05:49:05 1996 GMT")]
    [TestCase(23, "991231230000-0200", "Jan  1 01:00:00 2000 GMT")]
    [TestCase(24, "20241028232931+0100", "Oct 28 22:29:31 2024 GMT")]
    [TestCase(23, "990630000000+1300", null)]
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

    [TestCase(new byte[] { 2, 1, 0 }, true)]
    [TestCase(new byte[] { 2, 2, 0, 0x80 }, true)]
    [TestCase(new byte[] { 2, 2, 0xFF, 0x7F }, true)]
    [TestCase(new byte[] { 2, 2, 0, 1 }, false)]
    [TestCase(new byte[] { 2, 2, 0xFF, 0x80 }, false)]
    [TestCase(new byte[] { 2, 0 }, false)]
    [TestCase(new byte[] { 5, 0 }, false)]
    public void Integers_must_be_minimally_encoded_as_c2i_ASN1_INTEGER_wants(byte[] der, bool accepted)
    {
        var check = () => CertificateFields.Integer(CnfSigner.Pki.Names.Der.Parse(der));
        if (accepted) check.ShouldNotThrow();
        else check.ShouldThrow<FormatException>();
    }

    private const string Sha256Mgf1 = "A11A301806092A864886F70D010108300B0609608648016503040201";

    [TestCase("3000", true)]
    [TestCase("3030A00D300B0609608648016503040201" + Sha256Mgf1 + "A203020120", true)]
    [TestCase("0500", false)]                                               // NULL, not a SEQUENCE
    [TestCase("3011A10F300D06092A864886F70D0101083000", false)]             // MGF1 whose hash is an empty SEQUENCE
    [TestCase("3019A117301506092A864886F70D010109300806062A0304050607", false)] // not MGF1
    [TestCase("3009A203020120A0023000", false)]                             // out of order, empty AlgorithmIdentifier
    [TestCase("3003820120", false)]                                         // [2] not EXPLICIT
    public void Pss_parameters_decode_as_ossl_rsa_pss_decode_does(string hex, bool decodes) =>
        (PssParameters.Decode(CnfSigner.Pki.Names.Der.Parse(Convert.FromHexString(hex))) != null).ShouldBe(decodes);

    [Test]
    public void Pss_parameters_keep_each_field()
    {
        var pss = PssParameters.Decode(CnfSigner.Pki.Names.Der.Parse(Convert.FromHexString(
            "3034A00F300D06096086480165030402010500" + "A11C301A06092A864886F70D010108300D06096086480165030402010500" + "A203020120")))!;
        pss.Hash.ShouldBe("2.16.840.1.101.3.4.2.1");
        pss.Mask.ShouldBe("1.2.840.113549.1.1.8");
        pss.MaskHash.ShouldBe("2.16.840.1.101.3.4.2.1");
        pss.Salt!.Value.Integer().ShouldBe(32);
        pss.Trailer.ShouldBeNull();
    }
}
