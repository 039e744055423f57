using System.Text;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Issuance;
using Org.BouncyCastle.Math;
namespace CnfSigner.Pki.Tests.Ca;

/// <summary>index.txt and serial-file rules as observed in openssl ca 3.0.19 (behaviour notes D.1, E, E.1, E.2).</summary>
public class DatabaseFilesTests
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [TestCase("01", "01")]
    [TestCase("01\n", "01")]
    [TestCase("01\r\n", "01")]
    [TestCase("0a", "0A")]
    [TestCase("01 ", "01")]
    [TestCase("01\n02", "01")]
    [TestCase("FF", "FF")]
    [TestCase("0100", "0100")]
    [TestCase("00", "00")]
    [TestCase("0001", "01")]
    public void Serial_file_reads_like_a2i_ASN1_INTEGER(string content, string hex) =>
        SerialFile.ToHex(SerialFile.Parse(B(content), "serial.txt")).ShouldBe(hex);

    [TestCase("1", "short line")]
    [TestCase("0", "short line")]
    [TestCase("", "short line")]
    [TestCase("zz", "short line")]
    [TestCase("0x01", "short line")]
    [TestCase(" 01", "short line")]
    [TestCase("-01", "short line")]
    [TestCase("\n01", "short line")]
    [TestCase("123", "odd number of chars")]
    public void Bad_serial_files_fail_with_OpenSSLs_reason(string content, string reason) =>
        Should.Throw<CnfSignerException>(() => SerialFile.Parse(B(content), "serial.txt")).Message
            .ShouldBe($"Unable to load number from serial.txt\n{reason}");

    [TestCase(0x01, "02\n")]
    [TestCase(0x0A, "0B\n")]
    [TestCase(0x7F, "80\n")]
    [TestCase(0xFF, "0100\n")]
    [TestCase(0xFFFF, "010000\n")]
    public void Next_serial_is_written_in_OpenSSLs_hex(int current, string written) =>
        Encoding.ASCII.GetString(SerialFile.Format(BigInteger.ValueOf(current).Add(BigInteger.One))).ShouldBe(written);

    [Test]
    public void Index_row_has_OpenSSLs_exact_layout()
    {
        var entry = new IndexEntry("V", "271125125300Z", "", "01", "unknown", "/O=Cockroach");
        Encoding.Latin1.GetString(IndexFile.Format([entry])).ShouldBe("V\t271125125300Z\t\t01\tunknown\t/O=Cockroach\n");
    }

    [Test]
    public void An_empty_index_has_no_rows() => IndexFile.Parse([], "index.txt").ShouldBeEmpty();

    [Test]
    public void Comment_lines_are_skipped() =>
        IndexFile.Parse(B("# note\nV\t271125125300Z\t\t01\tunknown\t/O=X\n"), "index.txt").Count.ShouldBe(1);

    [Test]
    public void A_last_line_without_newline_is_kept_unlike_openssl() =>
        IndexFile.Parse(B("V\t271125125300Z\t\t01\tunknown\t/O=X\nV\t271125125300Z\t\t05\tunknown\t/O=Y"), "index.txt")
            .Select(e => e.Serial).ShouldBe(["01", "05"]);

    [Test]
    public void A_trailing_tab_is_accepted() =>
        IndexFile.Parse(B("V\t271125125300Z\t\t01\tunknown\t/O=X\t\n"), "index.txt").Single().Subject.ShouldBe("/O=X");

    [Test]
    public void Crlf_keeps_the_cr_in_the_subject() =>
        IndexFile.Parse(B("V\t271125125300Z\t\t01\tunknown\t/O=X\r\n"), "index.txt").Single().Subject.ShouldBe("/O=X\r");

    [TestCase("V\t271125125300Z\t\t01\tunknown\n")]
    [TestCase("\n")]
    [TestCase("V\t271125125300Z\t\t01\tunknown\t/O=X\n\n")]
    public void Short_or_blank_lines_make_the_index_unparseable(string content) =>
        Should.Throw<CnfSignerException>(() => IndexFile.Parse(B(content), "index.txt")).Message
            .ShouldBe("Problem with index file: index.txt (could not load/parse file)");

    [TestCase("V\t271125125300Z\t\t1\tunknown\t/O=X\n", "entry 1: bad serial number length (1)")]
    [TestCase("V\t271125125300Z\t\t0G\tunknown\t/O=X\n", "entry 1: bad char 0107 'G' in serial number")]
    [TestCase("V\tgarbage\t\t01\tunknown\t/O=X\n", "entry 1: invalid expiry date")]
    [TestCase("V\t271125125300Z\t261125125300Z\t01\tunknown\t/O=X\n", "entry 1: not revoked yet, but has a revocation date")]
    public void Index_sanity_checks_use_OpenSSLs_words(string content, string message) =>
        Should.Throw<CnfSignerException>(() => IndexFile.Check(IndexFile.Parse(B(content), "index.txt"))).Message.ShouldBe(message);

    [TestCase("2711251253Z")]
    [TestCase("20271125125300Z")]
    [TestCase("271125125300+0100")]
    public void Index_expiry_accepts_what_ASN1_TIME_set_string_accepts(string text) =>
        Timestamps.IsValidIndexTime(text).ShouldBeTrue();

    [TestCase("271125125300Z")]
    [TestCase("2711251253001")]
    [TestCase("27112512530aZ")]
    [TestCase("271125125300z")]
    [TestCase("2711251253Z")]
    [TestCase("271125125300+0100")]
    [TestCase("")]
    public void Index_expiry_reads_the_same_from_bytes_as_from_text(string text) =>
        Timestamps.IsValidIndexTime(Encoding.Latin1.GetBytes(text)).ShouldBe(Timestamps.IsValidIndexTime(text));

    [TestCase("271125125300Z", 2027)]
    [TestCase("500101000000Z", 1950)]
    [TestCase("20500101000000Z", 2050)]
    public void Index_times_use_RFC5280_years(string text, int year)
    {
        Timestamps.TryParse(text, out var t).ShouldBeTrue();
        t.Year.ShouldBe(year);
        Timestamps.Format(t).ShouldBe(text);
    }
}
