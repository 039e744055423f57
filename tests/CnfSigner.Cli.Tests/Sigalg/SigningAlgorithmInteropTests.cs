using static CnfSigner.Cli.Tests.Sigalg.SigalgFixture;

namespace CnfSigner.Cli.Tests.Sigalg;

/// <summary>
/// The openssl half of issue #12's acceptance: "An EC P-256 CA and an Ed25519 CA each sign RSA, EC and Ed25519
/// requests with ca, x509 -req and req -x509, and openssl verify accepts all nine" (per CA); and openssl
/// accepts the requests and CRLs cnfsigner signs with random (ECDSA, RSA-PSS) signatures.
/// </summary>
[TestFixture]
[Category("Interop")]
public class SigningAlgorithmInteropTests
{
    [Test]
    [Combinatorial]
    public void Openssl_verify_accepts_the_certificate([Values("ca", "x509", "req")] string command, [Values("ec", "ed25519")] string ca,
        [Values("rsa", "ec", "ed25519")] string leaf)
    {
        OpenSsl.Require();
        using var dir = Copy();
        var r = CliRunner.Run(dir.Path, "", Issue(dir, command, ca, leaf, "out.pem"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        var verify = OpenSsl.Exec(dir.Path, "verify", "-CAfile", $"ca-{ca}.crt", "out.pem");
        verify.Stdout.ShouldBe("out.pem: OK\n", verify.Stderr);
    }

    [TestCase("leaf-ec")]
    [TestCase("ec-p384")]
    [TestCase("ec-p521")]
    [TestCase("ec-secp256k1")]
    [TestCase("rsa-pss")]
    [TestCase("rsa-pss-restricted")]
    [TestCase("leaf-ed25519")]
    [TestCase("ed448")]
    public void Openssl_accepts_the_request_and_a_self_signed_certificate(string key)
    {
        OpenSsl.Require();
        using var dir = Copy();
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", $"{key}.key", "-subj", "/CN=self", "-out", "out.csr").ExitCode.ShouldBe(0);
        var verify = OpenSsl.Exec(dir.Path, "req", "-in", "out.csr", "-noout", "-verify");
        verify.ExitCode.ShouldBe(0);
        verify.Stderr.ShouldBe("Certificate request self-signature verify OK\n");
        CliRunner.Run(dir.Path, "", "req", "-x509", "-key", $"{key}.key", "-subj", "/CN=self", "-out", "self.crt").ExitCode.ShouldBe(0);
        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "self.crt", "self.crt").Stdout.ShouldBe("self.crt: OK\n");
        // Same text dump for the certificate as openssl's (random signatures are read from the same file).
        CliRunner.Run(dir.Path, "", "x509", "-in", "self.crt", "-noout", "-text").Stdout
            .ShouldBe(OpenSsl.Exec(dir.Path, "x509", "-in", "self.crt", "-noout", "-text").Stdout);
    }

    [TestCase("ec")]
    [TestCase("ed25519")]
    public void Openssl_crl_verify_accepts_the_crl(string ca)
    {
        OpenSsl.Require();
        using var dir = Copy();
        File.Copy(dir.File($"index.{ca}.txt"), dir.File("index.txt"));
        File.WriteAllText(dir.File("crlnumber"), "01\n");
        CliRunner.Run(dir.Path, "", "ca", "-config", "ca.cnf", "-gencrl", "-keyfile", $"ca-{ca}.key", "-cert", $"ca-{ca}.crt",
            "-out", "crl.pem").ExitCode.ShouldBe(0);
        var verify = OpenSsl.Exec(dir.Path, "crl", "-in", "crl.pem", "-CAfile", $"ca-{ca}.crt", "-noout", "-verify");
        verify.ExitCode.ShouldBe(0);
        verify.Stderr.ShouldBe("verify OK\n");
    }
}
