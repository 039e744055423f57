using CnfSigner.Pki.Names;
using static CnfSigner.Pki.Tests.Names.TestNames;

namespace CnfSigner.Pki.Tests.Names;

public class NamePrinterTests
{
    private static readonly byte[] CockroachCa = Name([("O", Utf8String, "Cockroach")], [("CN", Utf8String, "Cockroach CA")]);

    [Test]
    public void Default_x509_form_has_spaces_around_equals_and_comma_between_rdns() =>
        NamePrinter.Print(CockroachCa, NameFormat.Oneline).ShouldBe("O = Cockroach, CN = Cockroach CA");

    [TestCase("Cockroach, Inc.", "O = \"Cockroach, Inc.\"")]
    [TestCase("a,b", "O = \"a,b\"")]
    [TestCase("Cock/roach", "O = Cock/roach")]
    [TestCase("q\"x\\", "O = q\\\"x\\\\")]
    [TestCase("Jos/é \"q\" <x>;=\\", "O = \"Jos/\\C3\\A9 \\\"q\\\" <x>;=\\\\\"")]
    [TestCase(" lead", "O = \" lead\"")]
    [TestCase("trail ", "O = \"trail \"")]
    [TestCase("#hash", "O = \"#hash\"")]
    [TestCase("mid#dle", "O = mid#dle")]
    [TestCase("a+b", "O = \"a+b\"")]
    public void Oneline_quotes_values_that_need_rfc2253_escaping(string value, string expected) =>
        NamePrinter.Print(Single("O", value), NameFormat.Oneline).ShouldBe(expected);

    [Test]
    public void Multi_valued_rdn_members_are_joined_with_plus() =>
        NamePrinter.Print(Name([("CN", Utf8String, "a"), ("OU", Utf8String, "b")], [("O", Utf8String, "c")]), NameFormat.Oneline)
            .ShouldBe("CN = a + OU = b, O = c");

    [TestCase("RFC2253", "CN=Cockroach CA,O=Cockroach")]
    [TestCase("compat", "O=Cockroach, CN=Cockroach CA")]
    [TestCase("sep_semi_plus_space", "O=Cockroach; CN=Cockroach CA")]
    [TestCase("oneline,lname", "organizationName = Cockroach, commonName = Cockroach CA")]
    [TestCase("oneline,oid", "2.5.4.10 = Cockroach, 2.5.4.3 = Cockroach CA")]
    [TestCase("oneline,nofname", "Cockroach, Cockroach CA")]
    [TestCase("oneline,show_type", "O = UTF8STRING:Cockroach, CN = UTF8STRING:Cockroach CA")]
    [TestCase("oneline,dump_all", "O = #0C09436F636B726F616368, CN = #0C0C436F636B726F61636820434")]
    public void Nameopt_words_select_openssls_forms(string nameopt, string expected)
    {
        var flags = NameOptions.Apply(NameFormat.Compat, nameopt)!.Value;
        var text = NamePrinter.Print(CockroachCa, flags);
        if (nameopt.EndsWith("dump_all")) text.ShouldStartWith(expected);
        else text.ShouldBe(expected);
    }

    [Test]
    public void Multiline_puts_one_field_a_line_with_aligned_long_names() =>
        NamePrinter.PrintLine("subject=", CockroachCa, NameFormat.Multiline)
            .ShouldBe("subject=\n    organizationName          = Cockroach\n    commonName                = Cockroach CA\n");

    [TestCase("/C=US/O=Cockroach, Inc./OU=a/emailAddress=x@y.z/DC=com/UID=u1",
        "C=US, O=Cockroach, Inc., OU=a/emailAddress=x@y.z, DC=com/UID=u1")]
    public void Compat_splits_only_before_one_or_two_upper_case_letters_and_equals(string _, string expected) =>
        NamePrinter.Print(Name([("C", PrintableString, "US")], [("O", Utf8String, "Cockroach, Inc.")], [("OU", Utf8String, "a")],
            [("emailAddress", Ia5String, "x@y.z")], [("DC", Ia5String, "com")], [("UID", Utf8String, "u1")]), NameFormat.Compat).ShouldBe(expected);

    [TestCase("a/b", "/O=a\\/b")]
    [TestCase("a+b", "/O=a\\+b")]
    [TestCase("é", "/O=\\xC3\\xA9")]
    [TestCase("tab\t", "/O=tab\\x09")]
    public void X509_name_oneline_escapes_like_openssl(string value, string expected) =>
        NamePrinter.Oneline(Single("O", value)).ShouldBe(expected);

    [Test]
    public void X509_name_oneline_joins_multi_valued_members_with_plus() =>
        NamePrinter.Oneline(Name([("CN", Utf8String, "a"), ("OU", Utf8String, "b")])).ShouldBe("/CN=a+OU=b");

    [Test]
    public void Empty_name_prints_nothing()
    {
        NamePrinter.Oneline(Name()).ShouldBe("");
        NamePrinter.Print(Name(), NameFormat.Oneline).ShouldBe("");
    }

    [Test]
    public void Unknown_attribute_is_dotted_and_rfc2253_dumps_its_der() =>
        NamePrinter.Print(Single("1.2.3.4", "x"), NameFormat.Rfc2253).ShouldBe("1.2.3.4=#0C0178");

    [Test]
    public void Bmp_string_above_latin1_prints_as_utf8_bytes_escaped() =>
        NamePrinter.Print(Single("CN", "日", BmpString), NameFormat.Oneline).ShouldBe("CN = \\E6\\97\\A5");

    [Test]
    public void Without_utf8_conversion_a_wide_character_is_a_U_escape() =>
        NamePrinter.Print(Single("CN", "日", BmpString), NameOptions.Apply(NameFormat.Compat, "oneline,-utf8")!.Value).ShouldBe("CN = \\U65E5");

    [TestCase("bogus")]
    [TestCase("oneline,bogus")]
    public void Unknown_nameopt_word_is_rejected(string nameopt) => NameOptions.Apply(NameFormat.Compat, nameopt).ShouldBeNull();

    [Test]
    public void A_word_without_separator_gets_comma_plus_space() =>
        NameOptions.Apply(NameFormat.Compat, "utf8").ShouldBe(NameFormat.Utf8Convert | NameFormat.SepCommaPlusSpace);

    [Test]
    public void Minus_word_clears_it() =>
        (NameOptions.Apply(NameFormat.Compat, "oneline,-esc_msb")!.Value & NameFormat.EscMsb).ShouldBe((NameFormat)0);

    [Test]
    public void Subject_hash_is_openssls_for_the_cockroach_ca() => NameHash.Hash(CockroachCa).ShouldBe(0x459d2e8eu);

    [Test]
    public void Subject_hash_ignores_case_spacing_and_string_type() =>
        NameHash.Hash(Name([("O", PrintableString, "  COCKROACH ")], [("CN", T61String, "cockroach   ca")])).ShouldBe(0x459d2e8eu);
}
