using CnfSigner.Cli.Tests.Ca;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// req -reqopt (X509_print_ex's flags, as x509 -certopt) and -nameopt for -text and -subject: easy-rsa's show-req
/// runs "req -in X -noout -text -nameopt utf8,sep_multiline,space_eq,lname,align -reqopt no_pubkey,no_sigdump".
/// openssl 3.0.19's output is recorded in testdata/openssl-golden.
/// </summary>
[TestFixture]
public class ReqOptTests : WithCaFixture
{
    [TestCase("easyrsa_show_req", "-nameopt", "utf8,sep_multiline,space_eq,lname,align", "-reqopt", "no_pubkey,no_sigdump")]
    [TestCase("multiline", "-nameopt", "multiline", "-reqopt", "no_pubkey,no_sigdump")]
    [TestCase("no_header_version_subject", "-reqopt", "no_header,no_version,no_subject")]
    [TestCase("no_extensions_attributes", "-reqopt", "no_extensions,no_attributes")]
    [TestCase("ext_dump", "-reqopt", "ext_dump")]
    [TestCase("ca_default", "-reqopt", "ca_default")]
    [TestCase("cleared_again", "-reqopt", "no_pubkey", "-reqopt", "-no_pubkey")]
    [TestCase("unknown_word", "-reqopt", "bogus")]
    public void Text_and_subject_are_openssls(string name, params string[] args)
    {
        using var dir = _ca.Copy();
        string[] full = ["req", "-in", "san.csr", "-noout", "-text", "-subject", .. args];
        var real = RecordedOpenSsl.Exec(dir, full);
        var mine = CliRunner.Run(dir.Path, "", full);
        (mine.ExitCode, mine.Stderr, mine.Stdout).ShouldBe((real.ExitCode, real.Stderr, real.Stdout));
    }
}
