using static CnfSigner.Cli.Tests.Sigalg.SigalgFixture;

namespace CnfSigner.Cli.Tests.Sigalg;

/// <summary>
/// Issue #12: an EC P-256 CA and an Ed25519 CA sign RSA, EC and Ed25519 requests with `ca`, `x509 -req` and
/// `req -x509`, compared with what openssl 3.0 made from the same inputs (testdata/sigalg/make.sh). Ed25519
/// signatures are deterministic: those outputs are byte-identical. ECDSA signatures are random: the TBS part is
/// compared byte for byte and the signature is checked by cnfsigner's verify here, by openssl's in
/// <see cref="SigningAlgorithmInteropTests"/>. No openssl needed.
/// </summary>
[TestFixture]
public class SigningAlgorithmTests
{
    [Test]
    [Combinatorial]
    public void Issues_what_openssl_issued([Values("ca", "x509", "req")] string command, [Values("ec", "ed25519")] string ca,
        [Values("rsa", "ec", "ed25519")] string leaf)
    {
        using var dir = Copy();
        var golden = Golden(GoldenName(command, ca, leaf));
        var r = CliRunner.Run(dir.Path, "", ClockOf(golden), Issue(dir, command, ca, leaf, "out.pem"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        var ours = File.ReadAllBytes(dir.File("out.pem"));
        if (ca == "ed25519") ours.ShouldBe(golden);
        else
        {
            Tbs(ours).ShouldBe(Tbs(golden));
            if (command == "ca") TextBeforeSignature(ours).ShouldBe(TextBeforeSignature(golden));
        }
        var verify = CliRunner.Run(dir.Path, "", "verify", "-CAfile", $"ca-{ca}.crt", "out.pem");
        verify.Stdout.ShouldBe("out.pem: OK\n", verify.Stderr);
    }

    [TestCase("ec")]
    [TestCase("ed25519")]
    public void Crl_is_what_openssl_made_from_the_same_database(string ca)
    {
        using var dir = Copy();
        File.Copy(dir.File($"index.{ca}.txt"), dir.File("index.txt"));
        File.WriteAllText(dir.File("crlnumber"), "01\n");
        var r = CliRunner.Run(dir.Path, "", "ca", "-config", "ca.cnf", "-gencrl", "-keyfile", $"ca-{ca}.key", "-cert", $"ca-{ca}.crt",
            "-crl_lastupdate", "20260201000000Z", "-crl_nextupdate", "20260301000000Z", "-out", "crl.pem");
        r.ExitCode.ShouldBe(0, r.Stderr);
        var ours = File.ReadAllBytes(dir.File("crl.pem"));
        var golden = Golden($"crl.{ca}.pem");
        if (ca == "ed25519") ours.ShouldBe(golden);
        else CrlTbs(ours).ShouldBe(CrlTbs(golden));
        var verify = CliRunner.Run(dir.Path, "", "crl", "-in", "crl.pem", "-CAfile", $"ca-{ca}.crt", "-noout", "-verify");
        verify.ExitCode.ShouldBe(0);
        verify.Stderr.ShouldBe("verify OK\n");
    }

    // Ed25519 and Ed448 sign without a digest: apps/lib/apps.c do_sign_init() drops -md, so -sha256 changes nothing.
    [TestCase("leaf-ed25519")]
    [TestCase("leaf-ed25519", "-sha256")]
    [TestCase("leaf-ed25519", "-md5")]
    [TestCase("ed448")]
    [TestCase("ed448", "-sha512")]
    public void EdDSA_request_is_byte_identical(string key, params string[] digest)
    {
        using var dir = Copy();
        var r = CliRunner.Run(dir.Path, "", ["req", "-new", "-key", $"{key}.key", "-subj", $"/O=Sigalg/CN={key}",
            "-addext", $"subjectAltName=DNS:{key}.example", .. digest, "-out", "out.csr"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBeEmpty();
        File.ReadAllBytes(dir.File("out.csr")).ShouldBe(Golden($"{key}.csr"));
    }

    [TestCase("leaf-ec")]
    [TestCase("ec-p384")]
    [TestCase("ec-p521")]
    [TestCase("ec-secp256k1")]
    [TestCase("rsa-pss")]
    [TestCase("rsa-pss-restricted")]
    [TestCase("leaf-rsa")]
    public void Randomised_request_has_openssls_info_and_verifies(string key)
    {
        using var dir = Copy();
        var r = CliRunner.Run(dir.Path, "", "req", "-new", "-key", $"{key}.key", "-subj", $"/O=Sigalg/CN={key}",
            "-addext", $"subjectAltName=DNS:{key}.example", "-out", "out.csr");
        r.ExitCode.ShouldBe(0, r.Stderr);
        var ours = File.ReadAllBytes(dir.File("out.csr"));
        RequestInfo(ours).ShouldBe(RequestInfo(Golden($"{key}.csr")));
        var text = CliRunner.Run(dir.Path, "", "req", "-in", "out.csr", "-noout", "-text");
        // Up to the signature value, the dump is openssl's (algorithm parameters included).
        var expected = System.Text.Encoding.Latin1.GetString(Golden($"{key}.csr.txt"));
        text.Stdout[..text.Stdout.IndexOf("    Signature Value:", StringComparison.Ordinal)]
            .ShouldBe(expected[..expected.IndexOf("    Signature Value:", StringComparison.Ordinal)]);
        var verify = CliRunner.Run(dir.Path, "", "req", "-in", "out.csr", "-noout", "-verify");
        verify.Stderr.ShouldBe("Certificate request self-signature verify OK\n");
    }

    /// <summary>Every text dump openssl made (x509 -text, req -text, crl -text), reproduced from the same file.</summary>
    [TestCaseSource(nameof(TextGoldens))]
    public void Text_dump_is_openssls(string golden)
    {
        var input = golden[..^".txt".Length];
        var command = input.EndsWith(".csr") ? "req" : input.StartsWith("crl.") ? "crl" : "x509";
        var r = CliRunner.Run(CliRunner.TestData("sigalg"), "", command, "-in", input, "-noout", "-text");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.StdoutBytes.ShouldBe(Golden(golden));
    }

    private static IEnumerable<string> TextGoldens() =>
        Directory.GetFiles(Path.Combine(Path.GetDirectoryName(typeof(SigningAlgorithmTests).Assembly.Location)!, "testdata", "sigalg"), "*.txt")
            .Where(f => !Path.GetFileName(f).StartsWith("index.")).Select(Path.GetFileName).Order()!;

    /// <summary>x509 -modulus, -pubkey and the fingerprints of certificates with EC, Ed25519 and RSA keys (make.sh's "*.outputs").</summary>
    [TestCaseSource(nameof(OutputGoldens))]
    public void Other_x509_outputs_are_openssls(string golden)
    {
        var r = CliRunner.Run(CliRunner.TestData("sigalg"), "", "x509", "-in", golden[..^".outputs".Length], "-noout", "-modulus",
            "-pubkey", "-fingerprint", "-sha256", "-subject_hash", "-ocspid");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.StdoutBytes.ShouldBe(Golden(golden));
    }

    private static IEnumerable<string> OutputGoldens() =>
        Directory.GetFiles(Path.Combine(Path.GetDirectoryName(typeof(SigningAlgorithmTests).Assembly.Location)!, "testdata", "sigalg"), "*.outputs")
            .Select(Path.GetFileName).Order()!;
}
