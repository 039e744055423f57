namespace CnfSigner.Cli.Tests.Sigalg;

/// <summary>
/// Bad input for the other key types: OpenSSL's words and exit code, nothing written. Where OpenSSL 3.0.19 prints
/// only its library error stack, cnfsigner prints the reason from it.
/// </summary>
[TestFixture]
public class SigningAlgorithmFailureTests
{
    /// <summary>leaf-ec.csr with its signature algorithm ecdsa-with-SHA256 (1.2.840.10045.4.3.2) changed to the unassigned ...4.3.9.</summary>
    private static void WriteUnknownAlgorithmRequest(TempDir dir)
    {
        var pem = File.ReadAllText(dir.File("leaf-ec.csr"));
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----"))));
        var hex = Convert.ToHexString(der).Replace("06082A8648CE3D040302", "06082A8648CE3D040309");
        File.WriteAllText(dir.File("unknown.csr"), "-----BEGIN CERTIFICATE REQUEST-----\n"
            + string.Join("\n", Convert.ToBase64String(Convert.FromHexString(hex)).Chunk(64).Select(c => new string(c)))
            + "\n-----END CERTIFICATE REQUEST-----\n");
    }

    [TestCase("x509 -req", "Error while verifying certificate request self-signature\nunknown signature algorithm\n",
        "x509", "-req", "-in", "unknown.csr", "-signkey", "leaf-ec.key", "-out", "out.pem")]
    [TestCase("req -verify", "unknown signature algorithm\n", "req", "-in", "unknown.csr", "-verify", "-out", "out.pem")]
    [TestCase("ca", "Using configuration from ca.cnf\nCheck that the request matches the signature\nSignature verification problems...\nunknown signature algorithm\n",
        "ca", "-config", "ca.cnf", "-batch", "-keyfile", "ca-ec.key", "-cert", "ca-ec.crt", "-in", "unknown.csr", "-out", "out.pem")]
    public void Request_signed_with_an_unknown_algorithm(string what, string stderr, params string[] args)
    {
        using var dir = SigalgFixture.Copy();
        WriteUnknownAlgorithmRequest(dir);
        File.WriteAllText(dir.File("index.txt"), "");
        File.WriteAllText(dir.File("serial"), "10\n");
        var r = CliRunner.Run(dir.Path, "", args);
        r.ExitCode.ShouldBe(1, what);
        r.Stderr.ShouldBe(stderr);
        File.Exists(dir.File("out.pem")).ShouldBeFalse();
        File.ReadAllText(dir.File("index.txt")).ShouldBeEmpty();
    }

    // The OSSL_STORE loader finds no decoder for a curve it does not know. (x509 -req prints the request's
    // subject first; openssl loads -signkey before the request, a difference in order kept from before.)
    [TestCase("Could not read private key from ec-unknown-curve.key\n", "req", "-new", "-key", "ec-unknown-curve.key", "-subj", "/CN=x", "-out", "out.pem")]
    [TestCase("Could not read private key from ec-unknown-curve.key\n", "x509", "-req", "-in", "leaf-ec.csr", "-signkey", "ec-unknown-curve.key", "-out", "out.pem")]
    [TestCase("Could not read CA private key from ec-unknown-curve.key\n", "x509", "-req", "-in", "leaf-ec.csr", "-CA", "ca-ec.crt", "-CAkey", "ec-unknown-curve.key", "-set_serial", "1", "-out", "out.pem")]
    public void Key_of_an_unknown_curve(string line, params string[] args)
    {
        using var dir = SigalgFixture.Copy();
        var r = CliRunner.Run(dir.Path, "", args);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain(line);
        r.Stderr.ShouldEndWith("No supported data to decode\n");
        File.Exists(dir.File("out.pem")).ShouldBeFalse();
    }

    // OpenSSL fails with its error stack only ("digest not allowed" from rsa_sig.c; nothing at all for ECDSA+MD5).
    [TestCase("digest not allowed\n", "req", "-new", "-key", "rsa-pss-restricted.key", "-subj", "/CN=x", "-sha384", "-out", "out.pem")]
    [TestCase("digest not allowed\n", "req", "-x509", "-key", "rsa-pss-restricted.key", "-subj", "/CN=x", "-sha1", "-out", "out.pem")]
    [TestCase("md5 cannot sign with an EC key\n", "req", "-new", "-key", "leaf-ec.key", "-subj", "/CN=x", "-md5", "-out", "out.pem")]
    [TestCase("md5 cannot sign with an EC key\n", "x509", "-req", "-in", "leaf-rsa.csr", "-CA", "ca-ec.crt", "-CAkey", "ca-ec.key", "-set_serial", "1", "-md5", "-out", "out.pem")]
    public void Digest_the_key_refuses(string stderr, params string[] args)
    {
        using var dir = SigalgFixture.Copy();
        var r = CliRunner.Run(dir.Path, "", args);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldEndWith(stderr);
        File.Exists(dir.File("out.pem")).ShouldBeFalse();
    }

    [Test]
    [Category("Interop")]
    public void Openssl_fails_the_same_cases()
    {
        OpenSsl.Require();
        using var dir = SigalgFixture.Copy();
        WriteUnknownAlgorithmRequest(dir);
        string[][] cases =
        [
            ["x509", "-req", "-in", "unknown.csr", "-signkey", "leaf-ec.key", "-out", "out.pem"],
            ["req", "-new", "-key", "ec-unknown-curve.key", "-subj", "/CN=x", "-out", "out.pem"],
            ["req", "-new", "-key", "rsa-pss-restricted.key", "-subj", "/CN=x", "-sha384", "-out", "out.pem"],
            ["req", "-new", "-key", "leaf-ec.key", "-subj", "/CN=x", "-md5", "-out", "out.pem"],
        ];
        foreach (var args in cases)
        {
            var real = OpenSsl.Exec(dir.Path, args);
            real.ExitCode.ShouldBe(1, string.Join(' ', args));
            var ours = CliRunner.Run(dir.Path, "", args);
            ours.ExitCode.ShouldBe(real.ExitCode);
            OpenSsl.HumanLinesShouldAppearInOrder(ours.Stderr, real.Stderr);
            File.Exists(dir.File("out.pem")).ShouldBeFalse();
        }
        // Ed25519 with -sha256: accepted by both, the digest ignored, the same request.
        OpenSsl.Exec(dir.Path, "req", "-new", "-key", "leaf-ed25519.key", "-subj", "/CN=x", "-sha256", "-out", "theirs.csr").ExitCode.ShouldBe(0);
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", "leaf-ed25519.key", "-subj", "/CN=x", "-sha256", "-out", "ours.csr").ExitCode.ShouldBe(0);
        File.ReadAllBytes(dir.File("ours.csr")).ShouldBe(File.ReadAllBytes(dir.File("theirs.csr")));
    }
}
