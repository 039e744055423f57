using System.Globalization;
using System.Text;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Tests.Verify;

/// <summary>
/// Name constraints below the corpus comparison (testdata/verify/nc, cases *_nc_*): the matching rules of
/// crypto/x509/v3_ncons.c one by one, the U-label conversion, and what a caller that continues after every error sees.
/// </summary>
public class NameConstraintTests
{
    private const int Ok = VerifyErrors.Ok, Out = VerifyErrors.PermittedViolation, Syntax = VerifyErrors.UnsupportedNameSyntax;
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1735689600);

    [TestCase("www.example.com", "example.com", Ok, TestName = "Dns_subdomain_after_a_dot_is_inside")]
    [TestCase("example.com", "example.com", Ok, TestName = "Dns_the_name_itself_is_inside")]
    [TestCase("WWW.EXAMPLE.COM", "example.com", Ok, TestName = "Dns_compares_ascii_case_insensitively")]
    [TestCase("badexample.com", "example.com", Out, TestName = "Dns_suffix_without_a_dot_is_outside")]
    [TestCase("example.com", ".example.com", Out, TestName = "Dns_leading_dot_excludes_the_domain_itself")]
    [TestCase("anything.test", "", Ok, TestName = "Dns_empty_subtree_matches_everything")]
    public void Dns(string name, string subtree, int expected) =>
        NameMatch.Dns(Ascii(name), Ascii(subtree)).ShouldBe(expected);

    [TestCase("user@EXAMPLE.com", "example.com", Ok, TestName = "Email_host_subtree_matches_the_host_exactly")]
    [TestCase("user@www.example.com", "example.com", Out, TestName = "Email_host_subtree_does_not_match_subdomains")]
    [TestCase("user@www.example.com", ".example.com", Ok, TestName = "Email_dot_subtree_matches_subdomains")]
    [TestCase("bad@example.com", "bad@example.com", Ok, TestName = "Email_mailbox_subtree_matches_that_mailbox")]
    [TestCase("Bad@example.com", "bad@example.com", Out, TestName = "Email_local_part_is_case_sensitive")]
    [TestCase("postmaster", "example.com", Syntax, TestName = "Email_without_at_sign_is_invalid_syntax")]
    public void Email(string name, string subtree, int expected) =>
        NameMatch.Email(Ascii(name), Ascii(subtree)).ShouldBe(expected);

    [TestCase("https://www.example.com/path", ".example.com", Ok, TestName = "Uri_host_ends_at_a_slash")]
    [TestCase("ldap://EXAMPLE.net:389/o=x", "example.net", Ok, TestName = "Uri_host_ends_at_a_port")]
    [TestCase("https://www.example.com?x=1", ".example.com", Out, TestName = "Uri_query_is_part_of_the_host_in_3_0")]
    [TestCase("urn:isbn:0451450523", "example.com", Syntax, TestName = "Uri_without_double_slash_is_invalid_syntax")]
    [TestCase("file:///etc/hosts", "example.com", Syntax, TestName = "Uri_with_empty_host_is_invalid_syntax")]
    public void Uri(string name, string subtree, int expected) =>
        NameMatch.Uri(Ascii(name), Ascii(subtree)).ShouldBe(expected);

    [TestCase("0a010203", "0a000000ff000000", Ok, TestName = "Ip_v4_inside_the_masked_network")]
    [TestCase("c0a80101", "0a000000ff000000", Out, TestName = "Ip_v4_outside_the_masked_network")]
    [TestCase("fd000001000000000000000000000001", "fd000000000000000000000000000000ffffff00000000000000000000000000", Ok,
        TestName = "Ip_v6_inside_a_24_bit_mask")]
    [TestCase("0a010203", "fd000000000000000000000000000000ffffff00000000000000000000000000", Out,
        TestName = "Ip_v4_never_matches_a_v6_subtree")]
    [TestCase("0a01020304", "0a000000ff000000", Syntax, TestName = "Ip_of_five_bytes_is_invalid_syntax")]
    public void Ip(string name, string subtree, int expected) =>
        NameMatch.Ip(Convert.FromHexString(name), Convert.FromHexString(subtree)).ShouldBe(expected);

    [TestCase("usér@bücher.EXAMPLE", "xn--bcher-kva.example", Ok, TestName = "Eai_a_label_subtree_matches_the_u_label_host")]
    [TestCase("usér@BÜcher.example", "xn--bcher-kva.example", Out, TestName = "Eai_non_ascii_letters_are_case_sensitive")]
    [TestCase("a@x.sub.example.org", ".sub.example.org", Out, TestName = "Eai_dot_subtree_keeps_its_dot_twice_in_3_0")]
    [TestCase("a@X..SUB.example.org", ".sub.example.org", Ok, TestName = "Eai_dot_subtree_matches_after_two_dots")]
    [TestCase("bad@example.com", "bad@example.com", Out, TestName = "Eai_mailbox_subtree_is_taken_as_a_host_in_3_0")]
    [TestCase("no-at-sign", "example.com", Syntax, TestName = "Eai_without_at_sign_is_invalid_syntax")]
    public void SmtpUtf8Mailbox(string mailbox, string subtree, int expected) =>
        NameMatch.EmailEai(new DerUtf8String(mailbox), Ascii(subtree)).ShouldBe(expected);

    [Test]
    public void Eai_mailbox_that_is_not_a_UTF8String_is_invalid_syntax() =>
        NameMatch.EmailEai(new DerIA5String("a@example.com"), Ascii("example.com")).ShouldBe(Syntax);

    [TestCase("xn--bcher-kva")]
    [TestCase("xn--mnchen-3ya.xn--80akhbyknj4f")]
    [TestCase("www.xn--fiqs8s")]
    [TestCase("plain.example")]
    public void ULabels_are_the_unicode_form_of_the_a_labels(string domain) =>
        Encoding.UTF8.GetString(ULabel.FromALabels(Ascii(domain), 256)!).ShouldBe(new IdnMapping().GetUnicode(domain));

    [TestCase("xn--a-!", TestName = "ULabel_refuses_a_non_punycode_digit")]
    [TestCase("xn--ü-", TestName = "ULabel_refuses_non_ascii_basic_code_points")]
    public void ULabel_refuses_invalid_punycode(string domain) =>
        ULabel.FromALabels(Encoding.UTF8.GetBytes(domain), 256).ShouldBeNull();

    [Test]
    public void ULabel_refuses_a_result_that_does_not_fit() =>
        ULabel.FromALabels(Ascii(new string('a', 256)), 256).ShouldBeNull();

    [Test]
    public void A_caller_that_continues_sees_each_violated_ca()
    {
        var errors = VerifyAll("nested_both.pem", "nested_chain.pem");
        errors.ShouldBe([(VerifyErrors.PermittedViolation, 0), (VerifyErrors.PermittedViolation, 0)]);
    }

    [Test]
    public void A_caller_that_continues_checks_the_leaf_after_a_violating_ca()
    {
        var errors = VerifyAll("sub_leaf.pem", "sub_chain.pem");
        errors.ShouldBe([(VerifyErrors.PermittedViolation, 1)]);
    }

    [TestCase("proxy_bad.pem", true, TestName = "Proxy_subject_other_than_issuer_plus_cn_is_a_violation")]
    [TestCase("proxy_ok.pem", false, TestName = "Proxy_subject_of_issuer_plus_cn_is_accepted")]
    public void Proxy_subject_names(string proxy, bool violation)
    {
        var errors = VerifyAll(proxy, "ca_dns.pem", "dns_ok.pem");
        errors.Contains((VerifyErrors.ProxySubjectNameViolation, 0)).ShouldBe(violation);
    }

    [Test]
    public void The_constraints_of_a_ca_are_decoded_in_order()
    {
        var nc = new CertificateFacts(Load("ca_ip.pem")).NameConstraints!;
        nc.Permitted.Select(s => Convert.ToHexString(s.Base.Bytes)).ShouldBe(
            ["0A000000FF000000", "FD000000000000000000000000000000FFFFFF00000000000000000000000000"]);
        nc.Excluded.Count.ShouldBe(2);
        new CertificateFacts(Load("ca_max.pem")).NameConstraints!.Permitted.Single().MinMaxValid.ShouldBeFalse();
    }

    [TestCase(262144, VerifyErrors.Ok, TestName = "Names_times_constraints_up_to_2_pow_20_are_checked")]
    [TestCase(262145, VerifyErrors.Unspecified, TestName = "Names_times_constraints_above_2_pow_20_are_refused")]
    public void Name_check_limit(int constraints, int expected)
    {
        // dns_ok has four names: two subject entries and two DNS subjectAltNames
        var leaf = new CertificateFacts(Load("dns_ok.pem"));
        var any = new Subtree(new NameForm(Org.BouncyCastle.Asn1.X509.GeneralName.DnsName, []), true);
        NameConstraints.Check(leaf, new NameConstraintSet(Enumerable.Repeat(any, constraints).ToList(), [])).ShouldBe(expected);
    }

    private static List<(int, int)> VerifyAll(string leaf, params string[] untrusted)
    {
        var store = new TrustStore();
        store.Add(CertificateFiles.LoadAll(Nc("root.pem"), "trusted certificates", false).Objects!);
        var chain = untrusted.SelectMany(f => CertificateFiles.LoadAll(Nc(f), "untrusted", false).Objects!.Certificates).ToList();
        var options = new VerifyOptions { AtTime = At, ContinueAfter = _ => true };
        var result = new ChainVerifier(store, chain, [], options).Verify(Load(leaf), At);
        return result.Errors.Where(e => e.Code is >= 47 and <= 53 or 72).Select(e => (e.Code, e.Depth)).ToList();
    }

    private static X509Certificate Load(string file) => CertificateFiles.LoadCertificate(Nc(file), "certificate file").Certificate!;

    private static string Nc(string file) => VerifyCorpus.PathOf(Path.Combine("nc", file));

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
