namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Debian's easy-rsa (3.1, /usr/share/easy-rsa) with EASYRSA_OPENSSL=cnfsigner: its version check, init-pki and
/// gen-dh run; build-ca needs `genpkey` (the keys work, not yet on this branch) and stops there.
/// </summary>
[Category("Slow")]
public class EasyRsaTests
{
    private const string EasyRsa = "/usr/share/easy-rsa/easyrsa";
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        if (!File.Exists(EasyRsa)) Assert.Ignore("easy-rsa is not installed (apt-get install easy-rsa)");
        _dir = CliHarness.NewTempDirectory();
        // easy-rsa runs one program: a wrapper when the test has no apphost next to it.
        var command = Apphost.CommandLine();
        var wrapper = Path.Combine(_dir, "cnfsigner");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {string.Join(' ', command.Select(c => $"'{c}'"))} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TearDown]
    public void TearDown()
    {
        if (_dir != null) Directory.Delete(_dir, recursive: true);
    }

    private RunResult EasyRsa_(params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["EASYRSA_OPENSSL"] = Path.Combine(_dir, "cnfsigner"),
            ["EASYRSA_PKI"] = Path.Combine(_dir, "pki"),
            ["EASYRSA_BATCH"] = "1",
        };
        using var p = Apphost.StartProgram(_dir, env, ["sh", EasyRsa, .. args]);
        return Apphost.Finish(p);
    }

    [Test]
    public void Easy_rsa_takes_cnfsigner_for_OpenSSL_3_and_makes_a_pki_and_DH_parameters()
    {
        EasyRsa_("--version").Stdout.ShouldContain("SSL Lib:     OpenSSL 3.0.19 27 Jan 2026 (Library: cnfsigner");
        var init = EasyRsa_("init-pki");
        init.ExitCode.ShouldBe(0, init.Stderr + init.Stdout);
        Directory.Exists(Path.Combine(_dir, "pki", "private")).ShouldBeTrue();

        var dh = EasyRsa_("--keysize=512", "gen-dh");
        dh.ExitCode.ShouldBe(0, dh.Stderr + dh.Stdout);
        var check = CliRunner.Run(_dir, "", "dhparam", "-in", "pki/dh.pem", "-check", "-noout");
        (check.ExitCode, check.Stderr).ShouldBe((0, "DH parameters appear to be ok.\n"));
    }

    [Test]
    public void Build_ca_gets_as_far_as_genpkey()
    {
        EasyRsa_("init-pki").ExitCode.ShouldBe(0);
        var ca = EasyRsa_("build-ca", "nopass");
        // Until `genpkey` is merged: easy-rsa's own words for the missing key command.
        (ca.Stderr + ca.Stdout).ShouldContain("Failed create CA private key");
    }
}
