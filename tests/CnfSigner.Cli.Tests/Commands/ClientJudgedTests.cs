using System.Text;
using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// The client commands' outputs that differ run to run (random bytes, generated DH parameters, ECDSA signatures,
/// random salts): their shape is checked here, and the installed openssl judges them where it is present.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public partial class ClientJudgedTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("cnfsigner-cli-tests-").FullName;
        foreach (var file in new[] { "a.txt", "b.bin", "k.pem", "ec.pem", "ecpub.pem", "pub.pem" })
            File.Copy(CliRunner.TestData("clients", file), Path.Combine(_dir, file));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private RunResult Run(params string[] args) => CliRunner.Run(_dir, "", args);

    [Test]
    public void Version_line_reads_as_OpenSSL_3_to_easy_rsa_and_awk()
    {
        var line = Run("version").Stdout;
        line.ShouldStartWith("OpenSSL 3.0.19 ");
        line.ShouldContain("cnfsigner");
        line.ShouldEndWith(")\n");
        // easy-rsa verify_ssl_lib(): ${val%% *} is the library, ${val#* } up to the first '.' the major version.
        line.Split(' ')[0].ShouldBe("OpenSSL");
        line[(line.IndexOf(' ') + 1)..].Split('.')[0].ShouldBe("3");
        line.Split(' ')[1].ShouldBe("3.0.19"); // openssl version | awk '{print $2}'
    }

    [Test]
    public void Version_a_prints_every_line_in_OpenSSLs_order()
    {
        var lines = Run("version", "-a").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] starts = ["OpenSSL 3.0.19 ", "built on: ", "platform: ", "options:  ", "compiler: ", "OPENSSLDIR: ", "ENGINESDIR: ",
            "MODULESDIR: ", "Seeding source: ", "CPUINFO: "];
        lines.Length.ShouldBe(starts.Length);
        for (var i = 0; i < starts.Length; i++) lines[i].ShouldStartWith(starts[i]);
        Run("version", "-d", "-v").Stdout.Split('\n')[0].ShouldStartWith("OpenSSL 3.0.19");
    }

    [TestCase("-hex", 16, "^[0-9a-f]{32}\n$")]
    [TestCase("-hex", 1, "^[0-9a-f]{2}\n$")]
    [TestCase("-base64", 100, "^[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{6}==\n$")]
    [TestCase("-base64", 48, "^[A-Za-z0-9+/]{64}\n$")]
    public void Rand_prints_the_count_in_the_format(string format, int count, string pattern)
    {
        var r = Run("rand", format, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (r.ExitCode, r.Stderr).ShouldBe((0, ""));
        Regex.IsMatch(r.Stdout, pattern).ShouldBeTrue(r.Stdout);
    }

    [Test]
    public void Binary_standard_input_reaches_dgst_unchanged_in_the_real_executable()
    {
        var r = Apphost.RunProgram(_dir, ["sh", "-c", "exec \"$@\" < b.bin", "sh", .. Apphost.CommandLine(), "dgst", "-sha512"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.StdoutBytes.ShouldBe(File.ReadAllBytes(CliRunner.TestData("clients", "golden", "dgst-stdin.out")));
    }

    [Test]
    public void Rand_raw_and_out_file()
    {
        Run("rand", "-out", "r.bin", "1000").ExitCode.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(_dir, "r.bin")).Length.ShouldBe(1000);
        Run("rand", "33").StdoutBytes.Length.ShouldBe(33);
        Run("rand", "-hex", "8").Stdout.ShouldNotBe(Run("rand", "-hex", "8").Stdout);
    }

    [Test]
    [Category("Interop")]
    public void An_ECDSA_signature_verifies_with_openssl_and_openssls_with_ours()
    {
        OpenSsl.Require();
        Run("dgst", "-sha384", "-sign", "ec.pem", "-out", "sig.bin", "b.bin").ExitCode.ShouldBe(0);
        OpenSsl.Exec(_dir, "dgst", "-sha384", "-verify", "ecpub.pem", "-signature", "sig.bin", "b.bin").Stdout.ShouldBe("Verified OK\n");
        OpenSsl.Exec(_dir, "dgst", "-sha3-256", "-sign", "ec.pem", "-out", "theirs.bin", "b.bin").ExitCode.ShouldBe(0);
        Run("dgst", "-sha3-256", "-prverify", "ec.pem", "-signature", "theirs.bin", "b.bin").Stdout.ShouldBe("Verified OK\n");
    }

    [Test]
    public void A_signature_made_here_verifies_here_and_a_damaged_one_fails()
    {
        Run("dgst", "-sha256", "-sign", "ec.pem", "-out", "sig.bin", "a.txt").ExitCode.ShouldBe(0);
        Run("dgst", "-sha256", "-verify", "ecpub.pem", "-signature", "sig.bin", "a.txt").Stdout.ShouldBe("Verified OK\n");
        var r = Run("dgst", "-sha256", "-verify", "ecpub.pem", "-signature", "sig.bin", "b.bin");
        (r.ExitCode, r.Stdout).ShouldBe((1, "Verification failure\n"));
        File.WriteAllBytes(Path.Combine(_dir, "junk.bin"), [1, 2, 3]);
        Run("dgst", "-sha256", "-verify", "pub.pem", "-signature", "junk.bin", "a.txt").Stdout.ShouldBe("Verification failure\n");
    }

    [TestCase("-aes-256-cbc", "-pbkdf2")]
    [TestCase("-aes-128-cbc", "-md", "md5")]
    [TestCase("-aes-256-ctr", "-iter", "20")]
    [TestCase("-des3", "-pbkdf2")]
    [Category("Interop")]
    public void With_a_random_salt_openssl_decrypts_ours_and_we_decrypt_openssls(params string[] cipher)
    {
        OpenSsl.Require();
        Run(["enc", .. cipher, "-pass", "pass:pw", "-a", "-in", "b.bin", "-out", "ours.enc"]).ExitCode.ShouldBe(0);
        OpenSsl.Exec(_dir, ["enc", "-d", .. cipher, "-pass", "pass:pw", "-a", "-in", "ours.enc", "-out", "back.bin"]).ExitCode.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(_dir, "back.bin")).ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "b.bin")));
        OpenSsl.Exec(_dir, ["enc", .. cipher, "-pass", "pass:pw", "-in", "b.bin", "-out", "theirs.enc"]).ExitCode.ShouldBe(0);
        Run(["enc", "-d", .. cipher, "-pass", "pass:pw", "-in", "theirs.enc"]).StdoutBytes.ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "b.bin")));
    }

    [Test]
    public void A_wrong_pass_phrase_says_bad_decrypt_and_writes_nothing()
    {
        Run("enc", "-aes-256-cbc", "-pbkdf2", "-pass", "pass:pw", "-in", "b.bin", "-out", "e.bin").ExitCode.ShouldBe(0);
        var r = Run("enc", "-d", "-aes-256-cbc", "-pbkdf2", "-pass", "pass:nope", "-in", "e.bin", "-out", "d.bin");
        (r.ExitCode, r.Stderr).ShouldBe((1, "bad decrypt\n"));
        File.Exists(Path.Combine(_dir, "d.bin")).ShouldBeFalse();
    }

    [TestCase("-2", 23, 24)]
    [TestCase("-5", 59, 60)]
    public void Generated_DH_parameters_have_OpenSSLs_form_and_pass_the_check(string generator, int remainder, int modulus)
    {
        var r = Run("dhparam", generator, "-out", "dh.pem", "512");
        (r.ExitCode, KeygenProgress.Strip(r.Stderr)).ShouldBe((0, "Generating DH parameters, 512 bit long safe prime\n"));
        var check = Run("dhparam", "-in", "dh.pem", "-check", "-text", "-noout");
        (check.ExitCode, check.Stderr).ShouldBe((0, "DH parameters appear to be ok.\n"));
        check.Stdout.ShouldContain($"G:    {generator[1..]} (0x{generator[1..]})");
        var hex = string.Concat(HexPairs().Matches(check.Stdout.Split("G:")[0].Split("P:")[1]).Select(m => m.Value));
        (System.Numerics.BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber) % modulus).ShouldBe(remainder);
    }

    [Test]
    [Category("Interop")]
    public void Openssl_accepts_generated_DH_parameters()
    {
        OpenSsl.Require();
        Run("dhparam", "-outform", "DER", "-out", "dh.der", "768").ExitCode.ShouldBe(0);
        var r = OpenSsl.Exec(_dir, "dhparam", "-inform", "DER", "-in", "dh.der", "-check", "-noout");
        (r.ExitCode, r.Stderr).ShouldBe((0, "DH parameters appear to be ok.\n"));
    }

    [Test]
    public void Dgst_out_and_crl2pkcs7_out_write_files()
    {
        Run("dgst", "-sha256", "-r", "-out", "h.txt", "a.txt").ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(_dir, "h.txt")).ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad *a.txt\n");
        File.Copy(CliRunner.TestData("clients", "ca.pem"), Path.Combine(_dir, "ca.pem"));
        Run("crl2pkcs7", "-nocrl", "-certfile", "ca.pem", "-out", "p7.pem").ExitCode.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(_dir, "p7.pem")).ShouldBe(
            CliRunner.Run(_dir, "", "crl2pkcs7", "-nocrl", "-certfile", "ca.pem").StdoutBytes);
    }

    [GeneratedRegex("[0-9a-f]{2}")]
    private static partial Regex HexPairs();
}
