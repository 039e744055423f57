namespace CnfSigner.Cli.Tests.Commands;

/// <summary>req -newkey with every key type and -pkeyopt (issue #12); openssl judges the key and the request.</summary>
public class ReqNewKeyTests
{
    private static string Keys(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "keys", name);

    [TestCase("ec:{p256}", "EC")]
    [TestCase("param:{p256}", "EC")]
    [TestCase("ed25519", "ED25519")]
    [TestCase("ed448", "ED448")]
    [TestCase("rsa:1024", "RSA")]
    [TestCase("rsa-pss", "RSA")]
    [Category("Interop")]
    public void The_new_key_is_0600_valid_and_signs_a_request_openssl_verifies(string newKey, string type)
    {
        using var dir = new TempDir();
        var spec = newKey.Replace("{p256}", Keys("expected/ecparam-p256.out"));
        var (rc, _, stderr) = CliRunner.RunHere("", "req", "-new", "-newkey", spec, "-nodes", "-subj", "/CN=x",
            "-keyout", dir.File("k.pem"), "-out", dir.File("r.csr"));
        (rc, KeygenProgress.Strip(stderr)).ShouldBe((0, "-----\n"));
        File.GetUnixFileMode(dir.File("k.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OpenSsl.Run(dir.Path, "pkey", "-in", "k.pem", "-check", "-noout").ShouldBe((0, "Key is valid\n", ""));
        OpenSsl.Run(dir.Path, "req", "-in", "r.csr", "-verify", "-noout").ExitCode.ShouldBe(0);
        var (_, text, _) = CliRunner.RunHere("", "pkey", "-in", dir.File("k.pem"), "-text", "-noout");
        System.Text.Encoding.ASCII.GetString(text).ShouldContain(type == "RSA" || type == "EC" ? "Private-Key:" : $"{type} Private-Key:");
    }

    [Test]
    public void Pkeyopt_picks_the_curve_of_an_ec_key()
    {
        using var dir = new TempDir();
        var (rc, _, _) = CliRunner.RunHere("", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
            "-subj", "/CN=x", "-keyout", dir.File("k.pem"), "-out", dir.File("r.csr"));
        rc.ShouldBe(0);
        var (_, text, _) = CliRunner.RunHere("", "pkey", "-in", dir.File("k.pem"), "-text", "-noout");
        System.Text.Encoding.ASCII.GetString(text).ShouldEndWith("ASN1 OID: secp384r1\nNIST CURVE: P-384\n");
    }

    [TestCase(new[] { "-newkey", "rsa:1024", "-pkeyopt", "foo:1" }, "Key parameter error \"foo:1\"\n")]
    [TestCase(new[] { "-newkey", "ec" }, "req: Error generating ec key\n")]
    [TestCase(new[] { "-newkey", "ec:/nonexistent/p.pem" }, "Cannot open parameter file /nonexistent/p.pem\n")]
    public void Refusals_use_OpenSSLs_words_and_write_nothing(string[] args, string expected)
    {
        using var dir = new TempDir();
        var (rc, stdout, stderr) = CliRunner.RunHere("", ["req", "-new", .. args, "-nodes", "-subj", "/CN=x",
            "-keyout", dir.File("k.pem"), "-out", dir.File("r.csr")]);
        rc.ShouldBe(1);
        stdout.ShouldBeEmpty();
        OpenSsl.HumanLinesShouldAppearInOrder(stderr, expected);
        Directory.GetFiles(dir.Path).ShouldBeEmpty();
    }
}
