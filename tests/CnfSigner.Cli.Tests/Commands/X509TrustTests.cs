namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// x509's trust options (-trustout, -addtrust, -addreject, -clrtrust, -clrreject, -setalias) with -alias, -text and
/// -purpose: the same command run by openssl 3.0.19 (recorded in testdata/openssl-golden) and cnfsigner gives the same
/// stdout, stderr, exit code and output file. trusted.pem is node.pem made a TRUSTED CERTIFICATE by openssl
/// ("-addtrust emailProtection -addreject serverAuth -setalias old").
/// </summary>
public class X509TrustTests
{
    private static string Cert(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "x509", "certs", name + ".pem");

    [TestCase("trustout_without_aux", "node", "-trustout")]
    [TestCase("addtrust_names_and_oids", "node", "-addtrust", "serverAuth", "-addtrust", "TLS Web Client Authentication", "-addtrust", "1.2.3.4", "-alias", "-text")]
    [TestCase("addreject_and_alias", "node", "-addreject", "emailProtection", "-setalias", "h\u00e9llo \u2713", "-alias")]
    [TestCase("duplicates_are_kept", "node", "-addtrust", "serverAuth", "-addtrust", "serverAuth", "-addreject", "serverAuth")]
    [TestCase("last_alias_wins", "node", "-setalias", "a", "-setalias", "b", "-alias")]
    [TestCase("empty_alias", "node", "-setalias", "", "-text", "-certopt", "ca_default")]
    [TestCase("clear_without_aux_makes_none", "node", "-clrtrust", "-clrreject", "-trustout", "-text", "-certopt", "ca_default")]
    [TestCase("aux_is_dropped_without_trustout", "trusted", "-alias")]
    [TestCase("aux_is_kept_with_trustout", "trusted", "-trustout", "-alias", "-purpose")]
    [TestCase("clrtrust_then_addtrust", "trusted", "-addtrust", "clientAuth", "-clrtrust", "-text", "-certopt", "ca_default")]
    [TestCase("clrreject_keeps_the_alias", "trusted", "-clrreject", "-trustout", "-text", "-certopt", "ca_default")]
    [TestCase("alias_replaced", "trusted", "-setalias", "new", "-alias")]
    [TestCase("der_has_no_aux", "trusted", "-trustout", "-setalias", "x", "-outform", "DER")]
    [TestCase("noout_prints_alias", "trusted", "-noout", "-alias", "-clrtrust")]
    [TestCase("bad_trust_object", "node", "-addtrust", "nosuchpurpose")]
    [TestCase("bad_reject_object", "node", "-addtrust", "serverAuth", "-addreject", "x.y")]
    public void Output_is_openssls(string name, string input, params string[] args)
    {
        using var ours = new TempDir();
        using var theirs = new TempDir();
        foreach (var dir in new[] { ours, theirs }) File.Copy(Cert(input), dir.File("in.pem"));
        string[] full = ["x509", "-in", "in.pem", .. args, "-out", "out.pem"];
        var real = RecordedOpenSsl.Exec(theirs, full);
        var mine = CliRunner.Run(ours.Path, "", full);
        (mine.ExitCode, mine.Stdout).ShouldBe((real.ExitCode, real.Stdout));
        mine.Stderr.ShouldBe(OpenSsl.WithoutErrorStack(real.Stderr) is var e && e.Length > 0 ? e + "\n" : "");
        File.Exists(ours.File("out.pem")).ShouldBe(File.Exists(theirs.File("out.pem")));
        if (real.ExitCode == 0) File.ReadAllBytes(ours.File("out.pem")).ShouldBe(File.ReadAllBytes(theirs.File("out.pem")));
    }

    [Test]
    public void Trusted_output_reads_back_with_its_settings()
    {
        using var dir = new TempDir();
        File.Copy(Cert("node"), dir.File("in.pem"));
        CliRunner.Run(dir.Path, "", "x509", "-in", "in.pem", "-addtrust", "serverAuth", "-setalias", "n", "-out", "t.pem").ExitCode.ShouldBe(0);
        var back = CliRunner.Run(dir.Path, "", "x509", "-in", "t.pem", "-noout", "-alias", "-text", "-certopt", "ca_default");
        back.Stdout.ShouldEndWith("Trusted Uses:\n  TLS Web Server Authentication\nNo Rejected Uses.\nAlias: n\n");
        back.Stdout.ShouldStartWith("n\n");
    }
}
