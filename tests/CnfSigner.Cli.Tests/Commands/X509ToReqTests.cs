using CnfSigner.Cli.Tests.Ca;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// x509 -x509toreq (CA.pl -signcert: "x509 -x509toreq -in newreq.pem -signkey newkey.pem -out tmp.pem"): the same
/// command run by openssl 3.0.19 (recorded in testdata/openssl-golden) and cnfsigner gives the same request bytes
/// (RSA PKCS#1 v1.5 signatures are deterministic), the same printing and the same errors.
/// </summary>
[TestFixture]
public class X509ToReqTests : WithCaFixture
{
    protected override void AfterCaCreated() =>
        File.WriteAllText(_ca.Dir.File("ext.cnf"), "subjectAltName = DNS:node.example.io\n[ other ]\nkeyUsage = critical, digitalSignature\n");

    [TestCase("own_key", "-in", "ca.crt", "-signkey", "ca.key")]
    // The signing key replaces the certificate's public key: the request carries leaf.key's.
    [TestCase("other_key", "-in", "ca.crt", "-key", "leaf.key")]
    [TestCase("copy", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "copy")]
    [TestCase("copyall_ext_filter", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "copyall", "-ext", "basicConstraints,subjectKeyIdentifier")]
    [TestCase("copy_none", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "none")]
    [TestCase("extfile", "-in", "ca.crt", "-key", "ca.key", "-extfile", "ext.cnf", "-extensions", "other")]
    [TestCase("subj_and_digest", "-in", "ca.crt", "-key", "ca.key", "-subj", "/O=Other/CN=x", "-sha384")]
    public void Request_is_openssls(string name, params string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        string[] full = ["x509", "-x509toreq", .. args, "-out", "r.pem"];
        var real = RecordedOpenSsl.Exec(theirs, full);
        real.ExitCode.ShouldBe(0, real.Stderr);
        var mine = CliRunner.Run(ours.Path, "", full);
        (mine.ExitCode, mine.Stderr, mine.Stdout).ShouldBe((0, real.Stderr, real.Stdout));
        File.ReadAllText(ours.File("r.pem")).ShouldBe(File.ReadAllText(theirs.File("r.pem")));
        CliRunner.Run(ours.Path, "", "req", "-in", "r.pem", "-verify", "-noout").Stderr.ShouldBe("Certificate request self-signature verify OK\n");
    }

    /// <summary>The printing options show the certificate as changed in memory (key, issuer), -fingerprint and
    /// -outform DER the certificate as read (OpenSSL 3.0 keeps its cached encoding).</summary>
    [TestCase("prints", "-noout", "-subject", "-issuer", "-serial", "-modulus", "-fingerprint", "-ocspid", "-pubkey")]
    [TestCase("fingerprint_sha256", "-noout", "-fingerprint", "-sha256")]
    [TestCase("der_is_text_and_the_certificate", "-outform", "DER", "-nameopt", "multiline")]
    [TestCase("pem_then_prints", "-subject", "-ext", "basicConstraints")]
    public void Output_is_openssls(string name, params string[] args)
    {
        using var dir = _ca.Copy();
        string[] full = ["x509", "-x509toreq", "-in", "ca.crt", "-key", "leaf.key", .. args];
        var real = RecordedOpenSsl.Exec(dir, full);
        var mine = CliRunner.Run(dir.Path, "", full);
        (mine.ExitCode, mine.Stderr).ShouldBe((real.ExitCode, real.Stderr));
        mine.StdoutBytes.ShouldBe(real.StdoutBytes);
    }

    [TestCase("no_key", "-in", "ca.crt")]
    [TestCase("key_and_CA", "-in", "ca.crt", "-key", "ca.key", "-CA", "ca.crt")]
    [TestCase("bad_copy_mode", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "bogus")]
    [TestCase("warns_about_key_identifiers", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "copy", "-ext", "authorityKeyIdentifier,keyUsage", "-noout")]
    public void Errors_and_warnings_are_openssls(string name, params string[] args)
    {
        using var dir = _ca.Copy();
        string[] full = ["x509", "-x509toreq", .. args];
        var real = RecordedOpenSsl.Exec(dir, full);
        var mine = CliRunner.Run(dir.Path, "", full);
        (mine.ExitCode, mine.Stderr, mine.Stdout).ShouldBe((real.ExitCode, real.Stderr, real.Stdout));
    }

    [Test]
    public void A_second_extension_request_is_refused_as_openssl_does()
    {
        using var dir = _ca.Copy();
        var mine = CliRunner.Run(dir.Path, "", "x509", "-x509toreq", "-in", "ca.crt", "-key", "ca.key", "-copy_extensions", "copy",
            "-extfile", "ext.cnf", "-out", "r.pem");
        (mine.ExitCode, mine.Stderr).ShouldBe((1, "Error adding request extensions from section default\nduplicate attribute\n"));
        File.Exists(dir.File("r.pem")).ShouldBeFalse();
    }
}
