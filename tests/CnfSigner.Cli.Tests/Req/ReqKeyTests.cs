using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Cli.Tests.Req;

/// <summary>Keys req makes (-newkey, default_bits, default_keyfile, encrypt_key) or rewrites (-key with -keyout).</summary>
[TestFixture]
public class ReqKeyTests
{
    private static string Pem(TempDir dir, string file) => File.ReadAllText(dir.File(file));

    private static int Bits(string pem) =>
        ((RsaPrivateCrtKeyParameters)Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(
            PrivateKeyInfo.GetInstance(new PemReader(new StringReader(pem)).ReadPemObject().Content))).Modulus.BitLength;

    [Test]
    public void Newkey_nodes_writes_an_unencrypted_pkcs8_key_0600_and_a_request_for_it()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "empty-req.cnf", "-newkey", "rsa:1024", "-nodes", "-keyout", "new.key",
            "-out", "new.csr", "-subj", "/O=Cockroach/CN=sub");

        run.ExitCode.ShouldBe(0, run.Stderr);
        KeygenProgress.Strip(run.Stderr).ShouldBe("-----\n");
        Pem(dir, "new.key").ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        Bits(Pem(dir, "new.key")).ShouldBe(1024);
        File.GetUnixFileMode(dir.File("new.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var request = new Pkcs10CertificationRequest(new PemReader(new StringReader(Pem(dir, "new.csr"))).ReadPemObject().Content);
        request.Verify().ShouldBeTrue();
    }

    [Test]
    public void A_new_key_is_encrypted_with_des_ede3_cbc_pbes2_unless_nodes()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "empty-req.cnf", "-newkey", "rsa:1024", "-keyout", "new.key", "-passout", "pass:abcd",
            "-out", "new.csr", "-subj", "/CN=enc");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var info = EncryptedPrivateKeyInfo.GetInstance(new PemReader(new StringReader(Pem(dir, "new.key"))).ReadPemObject().Content);
        info.EncryptionAlgorithm.Algorithm.ShouldBe(PkcsObjectIdentifiers.IdPbeS2);
        PbeS2Parameters.GetInstance(info.EncryptionAlgorithm.Parameters).EncryptionScheme.Algorithm.Id.ShouldBe("1.2.840.113549.3.7");
        OpenSsl.RequireForItsHalf();
        OpenSsl.Exec(dir.Path, "rsa", "-in", "new.key", "-passin", "pass:abcd", "-check", "-noout").Stdout.ShouldBe("RSA key ok\n");
    }

    [Test]
    public void Config_default_bits_default_keyfile_and_encrypt_key_no_make_the_key()
    {
        using var dir = ReqCorpus.Copy();
        File.WriteAllText(dir.File("gen.cnf"),
            "[ req ]\nprompt = no\ndistinguished_name = dn\ndefault_bits = 1024\ndefault_keyfile = dk.pem\nencrypt_key = no\n[ dn ]\nCN = gen\n");
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "gen.cnf", "-out", "gen.csr");

        run.ExitCode.ShouldBe(0, run.Stderr);
        Pem(dir, "dk.pem").ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        Bits(Pem(dir, "dk.pem")).ShouldBe(1024);
    }

    [Test]
    public void Without_keyout_a_new_key_goes_to_standard_output_before_the_request()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "empty-req.cnf", "-newkey", "rsa:1024", "-noenc", "-subj", "/CN=stdout");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        run.Stdout.ShouldContain("-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE REQUEST-----\n");
    }

    [Test]
    public void Keyout_naming_the_out_file_gets_the_key_then_the_request()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "node.cnf", "-key", "key.pem", "-keyout", "both.pem",
            "-nodes", "-out", "both.pem");

        run.ExitCode.ShouldBe(0, run.Stderr);
        Pem(dir, "both.pem").ShouldBe(Pem(dir, "key.pem") + Pem(dir, "node.csr"));
    }

    [Test]
    public void Key_with_keyout_rewrites_a_pkcs1_key_as_pkcs8()
    {
        using var dir = ReqCorpus.Copy();
        var run = CliRunner.Run(dir.Path, "", "req", "-new", "-config", "node.cnf", "-key", "key-pkcs1.pem", "-keyout", "re.key",
            "-nodes", "-out", "n.csr");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldBe("-----\n");
        Pem(dir, "re.key").ShouldBe(Pem(dir, "key.pem"));
    }

    [Test, Category("Interop")]
    public void Newkey_keys_pass_openssl_rsa_check()
    {
        OpenSsl.Require();
        using var dir = ReqCorpus.Copy();
        CliRunner.Run(dir.Path, "", "req", "-new", "-config", "empty-req.cnf", "-newkey", "rsa:1024", "-nodes", "-keyout", "k.pem", "-out", "k.csr", "-subj", "/CN=k")
            .ExitCode.ShouldBe(0);

        var check = OpenSsl.Exec(dir.Path, "rsa", "-in", "k.pem", "-check", "-noout");
        check.ExitCode.ShouldBe(0, check.Stderr);
        check.Stdout.ShouldBe("RSA key ok\n");
    }
}
