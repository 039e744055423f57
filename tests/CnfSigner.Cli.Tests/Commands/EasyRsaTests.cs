namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Debian's easy-rsa (3.1, /usr/share/easy-rsa) with EASYRSA_OPENSSL=cnfsigner: its version check, init-pki, gen-dh,
/// build-ca, gen-req, sign-req server (its subjectAltName comes from `req -subject -nameopt sep_multiline`),
/// build-client-full with RSA and EC keys, show-cert, show-req, revoke and gen-crl run. Not yet: renew and export-p12
/// (pkcs12), an Ed25519 client.
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
        _dir = Directory.CreateTempSubdirectory("cnfsigner-cli-tests-").FullName;
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
    public void A_ca_a_server_rsa_and_ec_clients_a_revocation_and_a_crl_run_through_easy_rsa()
    {
        foreach (var step in new[] { "init-pki", "build-ca nopass", "gen-req server nopass", "sign-req server server",
                     "build-client-full client1 nopass", "--use-algo=ec build-client-full ecc1 nopass", "show-cert server",
                     "show-req server", "revoke client1", "gen-crl" })
        {
            var run = EasyRsa_(step.Split(' '));
            run.ExitCode.ShouldBe(0, $"{step}: {run.Stderr}{run.Stdout}");
        }
        // The CRL is signed by the CA and lists the one revoked client certificate.
        var crl = CliRunner.Run(_dir, "", "crl", "-in", "pki/crl.pem", "-CAfile", "pki/ca.crt", "-verify", "-noout", "-text");
        (crl.ExitCode, crl.Stderr).ShouldBe((0, "verify OK\n"));
        System.Text.RegularExpressions.Regex.Matches(crl.Stdout, "Serial Number:").Count.ShouldBe(1);
        var server = CliRunner.Run(_dir, "", "verify", "-CAfile", "pki/ca.crt", "-purpose", "sslserver", "-verify_hostname", "server",
            "pki/issued/server.crt");
        (server.ExitCode, server.Stdout).ShouldBe((0, "pki/issued/server.crt: OK\n"), server.Stderr);
        var client = CliRunner.Run(_dir, "", "verify", "-CAfile", "pki/ca.crt", "-purpose", "sslclient", "pki/issued/ecc1.crt");
        (client.ExitCode, client.Stdout).ShouldBe((0, "pki/issued/ecc1.crt: OK\n"), client.Stderr);
    }
}
