namespace CnfSigner.Cli.Tests.Commands;

/// <summary>Random keys and salts, judged by the real openssl; failures leave nothing behind.</summary>
public class KeyCommandTests
{
    private static string Keys(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "keys") + (name.Length == 0 ? "" : "/" + name);

    [TestCase("RSA", "-pkeyopt", "rsa_keygen_bits:1024")]
    [TestCase("RSA-PSS", "-pkeyopt", "rsa_keygen_bits:1024")]
    [TestCase("EC", "-pkeyopt", "ec_paramgen_curve:P-384")]
    [TestCase("ED25519")]
    [TestCase("ED448")]
    [TestCase("X25519")]
    [TestCase("X448")]
    [Category("Interop")]
    public void Genpkey_keys_are_born_0600_and_pass_openssl_pkey_check(string algorithm, params string[] options)
    {
        using var dir = new TempDir();
        var (rc, _, stderr) = CliRunner.RunHere("", ["genpkey", "-algorithm", algorithm, .. options, "-out", dir.File("k.pem")]);
        (rc, KeygenProgress.Strip(stderr)).ShouldBe((0, ""));
        File.GetUnixFileMode(dir.File("k.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OpenSsl.Run(dir.Path, "pkey", "-in", "k.pem", "-check", "-noout").ShouldBe((0, "Key is valid\n", ""));
    }

    [TestCase("genpkey", "-algorithm", "ED25519", "-aes256", "-pass", "pass:pw")]
    [TestCase("pkcs8", "-topk8", "-in", "{rsa}", "-passout", "pass:pw")]
    [TestCase("pkcs8", "-topk8", "-in", "{rsa}", "-passout", "pass:pw", "-scrypt")]
    [TestCase("pkcs8", "-topk8", "-in", "{rsa}", "-passout", "pass:pw", "-v1", "PBE-SHA1-3DES")]
    [TestCase("pkcs8", "-topk8", "-in", "{rsa}", "-passout", "pass:pw", "-v2", "aes128", "-v2prf", "hmacWithSHA512", "-iter", "1000")]
    [TestCase("pkey", "-in", "{rsa}", "-des3", "-passout", "pass:pw", "-traditional")]
    [TestCase("ec", "-in", "{ec}", "-aes256", "-passout", "pass:pw")]
    [Category("Interop")]
    public void Encrypted_keys_open_in_openssl_with_the_pass_phrase(params string[] args)
    {
        using var dir = new TempDir();
        var argv = args.Select(a => a.Replace("{rsa}", Keys("rsa.pem")).Replace("{ec}", Keys("ec.pem"))).ToArray();
        var (rc, _, _) = CliRunner.RunHere("", [.. argv, "-out", dir.File("k.pem")]);
        rc.ShouldBe(0);
        File.GetUnixFileMode(dir.File("k.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OpenSsl.Run(dir.Path, "pkey", "-in", "k.pem", "-passin", "pass:pw", "-check", "-noout").ShouldBe((0, "Key is valid\n", ""));
    }

    [Test]
    [Category("Interop")]
    public void Keys_encrypted_by_openssl_decrypt_here()
    {
        using var dir = new TempDir();
        OpenSsl.Run(dir.Path, "pkcs8", "-topk8", "-in", Keys("ec.pem"), "-passout", "pass:pw", "-scrypt", "-out", "s.pem").ExitCode.ShouldBe(0);
        var (rc, stdout, _) = CliRunner.RunHere("", "pkey", "-in", dir.File("s.pem"), "-passin", "pass:pw");
        rc.ShouldBe(0);
        stdout.ShouldBe(File.ReadAllBytes(Keys("ec.pem")));
    }

    [TestCase(new[] { "pkey", "-in", "{keys}/truncated.pem" }, "Could not read key from {keys}/truncated.pem\n")]
    [TestCase(new[] { "pkey", "-in", "{keys}/rsa-enc.pem", "-passin", "pass:wrong" }, "Could not read key from {keys}/rsa-enc.pem\n")]
    [TestCase(new[] { "pkey", "-in", "{keys}/rsa.pem", "-inform", "DER" }, "Could not read key from {keys}/rsa.pem\n")]
    [TestCase(new[] { "pkey", "-in", "{keys}/expected/pkey-ec-der.out", "-inform", "PEM" }, "Could not read key from {keys}/expected/pkey-ec-der.out\n")]
    [TestCase(new[] { "rsa", "-in", "{keys}/ec.pem" }, "Not an RSA key\n")]
    [TestCase(new[] { "pkcs8", "-in", "{keys}/rsa-enc.pem", "-passin", "pass:wrong" }, "Error decrypting key\n")]
    [TestCase(new[] { "pkcs8", "-in", "{keys}/rsa.pem" }, "Error reading key\n")]
    [TestCase(new[] { "genpkey", "-algorithm", "FOO" }, "Error initializing FOO context\n")]
    [TestCase(new[] { "genpkey", "-algorithm", "RSA", "-pkeyopt", "foo:1" }, "genpkey: Error setting foo:1 parameter:\n")]
    [TestCase(new[] { "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:100" }, "genpkey: Error setting rsa_keygen_bits:100 parameter:\n")]
    [TestCase(new[] { "genpkey", "-algorithm", "EC" }, "genpkey: Error generating EC key\n")]
    [TestCase(new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:foo" }, "genpkey: Error generating EC key\n")]
    [TestCase(new[] { "pkey", "-in", "{keys}/rsa.pem", "-bogus" }, "pkey: Unknown cipher: bogus\npkey: Use -help for summary.\n")]
    public void Bad_input_gives_OpenSSLs_words_exit_1_and_writes_nothing(string[] args, string expected)
    {
        using var dir = new TempDir();
        var argv = args.Select(a => a.Replace("{keys}", Keys(""))).ToArray();
        var (rc, stdout, stderr) = CliRunner.RunHere("", [.. argv, "-out", dir.File("k.pem")]);
        rc.ShouldBe(1);
        stdout.ShouldBeEmpty();
        OpenSsl.HumanLinesShouldAppearInOrder(stderr, expected.Replace("{keys}", Keys("")));
        File.Exists(dir.File("k.pem")).ShouldBeFalse();
    }
}
