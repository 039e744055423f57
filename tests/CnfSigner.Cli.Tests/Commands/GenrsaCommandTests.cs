using System.Text;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Cli.Tests.Commands;

public class GenrsaCommandTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cnfsigner-cli-tests-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "kb.pem");

    private (int ExitCode, byte[] Stdout, string Stderr) Genrsa(params string[] args)
    {
        var r = CliRunner.Run(_dir, "", ["genrsa", .. args.Select(a => a.Replace("{out}", Out))]);
        return (r.ExitCode, r.StdoutBytes, r.Stderr);
    }

    private static RsaPrivateCrtKeyParameters Rsa(PrivateKey key) => (RsaPrivateCrtKeyParameters)key.Private;

    [Test]
    public void Help_is_OpenSSLs_byte_for_byte_on_stderr_with_exit_code_0()
    {
        var (rc, stdout, stderr) = Genrsa("-help");
        rc.ShouldBe(0);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe(File.ReadAllText(CliRunner.TestData("genrsa", "help.txt")));
    }

    // Section B's table, plus the messages of apps/genrsa.c and apps/lib/opts.c around it.
    [TestCase(new[] { "-out", "{out}", "0" }, "")]
    [TestCase(new[] { "-out", "{out}", "1" }, "Error setting RSA length\nkey size too small\n")]
    [TestCase(new[] { "-out", "{out}", "100" }, "Error setting RSA length\nkey size too small\n")]
    [TestCase(new[] { "-out", "{out}", "511" }, "Error setting RSA length\nkey size too small\n")]
    [TestCase(new[] { "-out", "{out}", "abc" }, "genrsa: Can't parse \"abc\" as a number\n")]
    [TestCase(new[] { "-out", "{out}", "-5" }, "genrsa: Unknown cipher: 5\n")]
    [TestCase(new[] { "-out", "{out}", "2048", "extra" }, "Extra arguments given.\ngenrsa: Use -help for summary.\n")]
    [TestCase(new[] { "-out", "{out}", "1024", "-aes256" }, "Extra arguments given.\ngenrsa: Use -help for summary.\n")]
    [TestCase(new[] { "-bogus" }, "genrsa: Unknown cipher: bogus\n")]
    [TestCase(new[] { "-out", "/nonexistent/dir/k.pem", "1024" }, "genrsa: Can't open \"/nonexistent/dir/k.pem\" for writing, No such file or directory\n")]
    [TestCase(new[] { "-out", "{out}", "--", "99999999999" }, "genrsa: Value \"99999999999\" outside integer range\n")]
    [TestCase(new[] { "-out", "{out}", "--", "512 " }, "genrsa: Can't parse \"512 \" as a number\n")]
    [TestCase(new[] { "-out", "{out}", "-aes-128-gcm" }, "genrsa: AEAD ciphers not supported\n")]
    [TestCase(new[] { "-out", "{out}", "-aes-128-xts" }, "genrsa XTS ciphers not supported\n")]
    [TestCase(new[] { "-out", "{out}", "-primes", "0" }, "genrsa: Non-positive number \"0\" for option -primes\ngenrsa: Use -help for summary.\n")]
    [TestCase(new[] { "-out", "{out}", "-primes", "3", "512" }, "genrsa: Error generating RSA key\nkey prime num invalid\n")]
    [TestCase(new[] { "-out", "{out}", "-passout", "x", "512" }, "Invalid password argument, missing ':' within the first 5 chars\nError getting password\n")]
    [TestCase(new[] { "-out", "{out}", "-out" }, "genrsa: Option -out needs a value\ngenrsa: Use -help for summary.\n")]
    // No answer (standard input at its end, no terminal): OpenSSL's prompt and its error stack (issue #12; this row
    // used to assert cnfsigner's refusal to prompt).
    [TestCase(new[] { "-out", "{out}", "-aes256", "512" }, "Enter PEM pass phrase:\nprocessing error: while reading strings\n" +
        "problems getting password\ninterrupted or cancelled\nunable to get passphrase\n")]
    [TestCase(new[] { "-out", "{out}", "-rand", "/nonexistent", "512" }, "Can't load /nonexistent into RNG\n")]
    [TestCase(new[] { "-out", "{out}", "-provider", "foo", "512" }, "genrsa: unable to load provider foo\nHint: use -provider-path option or OPENSSL_MODULES environment variable.\n")]
    public void Failures_print_OpenSSLs_words_exit_1_and_leave_no_file(string[] args, string expected)
    {
        var (rc, stdout, stderr) = Genrsa(args);
        (rc, stderr).ShouldBe((1, expected));
        stdout.ShouldBeEmpty();
        File.Exists(Out).ShouldBeFalse(); // OpenSSL leaves an empty key file when generation fails; we leave none
    }

    [Test]
    public void Above_16384_bits_a_warning_comes_before_anything_else()
    {
        // The bad -passout stops it before the (very slow) generation.
        var (rc, _, stderr) = Genrsa("-passout", "x", "16385");
        rc.ShouldBe(1);
        stderr.ShouldBe("Warning: It is not recommended to use more than 16384 bit for RSA keys.\n" +
                        "         Your key size is 16385! Larger key size may behave not as expected.\n" +
                        "Invalid password argument, missing ':' within the first 5 chars\nError getting password\n");
    }

    [Test]
    public void Without_out_a_2048_bit_PKCS8_key_goes_to_stdout_silently()
    {
        var (rc, stdout, stderr) = Genrsa();
        (rc, stderr).ShouldBe((0, ""));
        var pem = Encoding.ASCII.GetString(stdout);
        pem.ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        pem.Split('\n').ShouldAllBe(line => line.Length <= 64);
        var key = KeyReader.ParsePrivateKey(stdout, null, "stdout");
        Rsa(key).Modulus.BitLength.ShouldBe(2048);
        Rsa(key).PublicExponent.IntValue.ShouldBe(65537);
    }

    [Test]
    public void The_key_file_is_0600_and_512_is_the_minimum()
    {
        var (rc, stdout, stderr) = Genrsa("-out", "{out}", "512");
        (rc, stderr).ShouldBe((0, ""));
        stdout.ShouldBeEmpty();
        File.GetUnixFileMode(Out).ShouldBe(OwnerOnly);
        Rsa(KeyReader.LoadPrivateKey(Out, null)).Modulus.BitLength.ShouldBe(512);
    }

    [Test]
    public void An_existing_key_file_is_replaced_and_made_0600()
    {
        File.WriteAllText(Out, "old");
        File.SetUnixFileMode(Out, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Genrsa("-out", "{out}", "512").ExitCode.ShouldBe(0);
        File.GetUnixFileMode(Out).ShouldBe(OwnerOnly);
        File.ReadAllText(Out).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
    }

    [Test]
    public void The_last_out_wins()
    {
        var first = Path.Combine(_dir, "a.pem");
        Genrsa("-out", first, "-out", "{out}", "512").ExitCode.ShouldBe(0);
        File.Exists(first).ShouldBeFalse();
        File.Exists(Out).ShouldBeTrue();
    }

    [Test]
    public void Traditional_writes_PKCS1()
    {
        var (rc, stdout, _) = Genrsa("-traditional", "512");
        rc.ShouldBe(0);
        Encoding.ASCII.GetString(stdout).ShouldStartWith("-----BEGIN RSA PRIVATE KEY-----\nMI");
    }

    [TestCase("-aes256", false, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n")]
    [TestCase("-des3", true, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,")]
    [TestCase("-camellia128", true, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-128-CBC,")]
    public void A_cipher_option_encrypts_with_the_passout_pass_phrase(string cipher, bool traditional, string start)
    {
        string[] args = traditional ? ["-traditional", cipher] : [cipher];
        var (rc, _, stderr) = Genrsa([.. args, "-passout", "pass:secret", "-out", "{out}", "512"]);
        (rc, stderr).ShouldBe((0, ""));
        File.ReadAllText(Out).ShouldStartWith(start);
        Rsa(KeyReader.LoadPrivateKey(Out, "secret")).Modulus.BitLength.ShouldBe(512);
    }

    [Test]
    public void Verbose_names_the_size_and_the_exponent()
    {
        var (rc, _, stderr) = Genrsa("-verbose", "-3", "512");
        rc.ShouldBe(0);
        KeygenProgress.Strip(stderr).ShouldBe("Generating RSA key with 512 bits\ne is 3 (0x03)\n");
    }

    [Test]
    public void Verbose_prints_F4_as_OpenSSL() =>
        Genrsa("-verbose", "-3", "-F4", "512").Stderr.ShouldEndWith("e is 65537 (0x010001)\n");

    [Test]
    public void Writerand_writes_1024_random_bytes_0600()
    {
        var rand = Path.Combine(_dir, "rand.bin");
        Genrsa("-writerand", rand, "512").ExitCode.ShouldBe(0);
        new FileInfo(rand).Length.ShouldBe(1024);
        File.GetUnixFileMode(rand).ShouldBe(OwnerOnly);
    }

    [Test, Category("Interop")]
    public void Openssl_accepts_the_key_we_write()
    {
        Genrsa("-out", "{out}", "1024").ExitCode.ShouldBe(0);
        var (rc, stdout, stderr) = OpenSsl.Run(_dir, "rsa", "-check", "-noout", "-in", Out);
        (rc, stdout).ShouldBe((0, "RSA key ok\n"), stderr);
    }

    /// <summary>Our human-readable lines equal openssl's for the same command (its error stack aside).</summary>
    [TestCase("-out", "kb.pem", "0")]
    [TestCase("-out", "kb.pem", "abc")]
    [TestCase("-out", "kb.pem", "-5")]
    [TestCase("-out", "kb.pem", "2048", "extra")]
    [TestCase("-out", "kb.pem", "1024", "-aes256")]
    [TestCase("-bogus")]
    [TestCase("-out", "/nonexistent/dir/k.pem", "1024")]
    [TestCase("-aes-128-gcm")]
    [TestCase("-aes-128-xts")]
    [TestCase("-passout", "x", "512")]
    [TestCase("-passout", "env:CNFSIGNER_NO_SUCH_VARIABLE", "512")]
    [TestCase("-passout", "foo:bar", "512")]
    [TestCase("-primes", "0")]
    [TestCase("--", "99999999999")]
    public void Messages_match_openssl(params string[] args)
    {
        var theirs = RecordedOpenSsl.Exec(_dir, ["genrsa", .. args]);
        var ours = CliRunner.Run(_dir, "", ["genrsa", .. args.Select(a => a == "kb.pem" ? Out : a)]);
        ours.ExitCode.ShouldBe(theirs.ExitCode);
        ours.Stderr.TrimEnd('\n').ShouldBe(OpenSsl.WithoutErrorStack(theirs.Stderr));
    }
}
