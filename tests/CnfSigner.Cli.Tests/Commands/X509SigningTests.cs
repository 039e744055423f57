using CnfSigner.Cli.Tests.Ca;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// x509 -req: the same command run by openssl and cnfsigner, cnfsigner's clock set to the notBefore openssl
/// wrote, gives a byte-identical certificate (RSA PKCS#1 v1.5 signatures are deterministic).
/// </summary>
[TestFixture]
public class X509SigningTests : WithCaFixture
{
    // san.csr (/O=Cockroach/CN=san, subjectAltName=DNS:a.example, keyUsage=keyEncipherment) is in the fixture.
    protected override void AfterCaCreated() =>
        File.WriteAllText(_ca.Dir.File("ext.cnf"), "subjectAltName = DNS:node.example.io, IP:127.0.0.1\n[ other ]\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = clientAuth\n[ san ]\nsubjectAltName = DNS:b.example\n");

    [TestCase("self_signed_with_signkey", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-set_serial", "7")]
    [TestCase("ca_signed_v1", "-req", "-in", "root.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "0x1F", "-days", "10")]
    [TestCase("ca_signed_with_extfile", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "2", "-extfile", "ext.cnf")]
    [TestCase("extfile_named_section", "-req", "-in", "root.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "3", "-extfile", "ext.cnf", "-extensions", "other", "-sha384")]
    [TestCase("copy_extensions_from_request", "-req", "-in", "san.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "4", "-copy_extensions", "copyall", "-extfile", "ext.cnf", "-extensions", "other")]
    // X509V3_CTX_REPLACE deletes the copied extension and appends the section's: the SAN moves after keyUsage.
    [TestCase("extfile_replaces_a_copied_extension_at_the_end", "-req", "-in", "san.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "6", "-copy_extensions", "copy", "-extfile", "ext.cnf", "-extensions", "san")]
    // -signkey: the certificate carries the signing key, not the request's (X509_set_pubkey), so it is self-signed.
    [TestCase("signkey_other_than_the_request_key", "-req", "-in", "node.csr", "-signkey", "ca.key", "-set_serial", "8", "-extfile", "ext.cnf", "-extensions", "other")]
    [TestCase("subject_override", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "5", "-subj", "/O=Cockroach/CN=override")]
    // apps/x509.c: -preserve_dates is ignored with -req, with a warning after the "subject=" line.
    [TestCase("preserve_dates_ignored_with_req", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-set_serial", "9", "-preserve_dates")]
    public void Signs_like_openssl(string name, params string[] args) => SignedSideBySide.Check(_ca, args);

    /// <summary>apps/x509.c refuses -preserve_dates with -days before loading anything; alone on a certificate that
    /// is only displayed it changes nothing.</summary>
    [TestCase("with_days", "-in", "ca.crt", "-preserve_dates", "-days", "30", "-noout", "-subject")]
    [TestCase("with_days_and_req", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-preserve_dates", "-days", "3")]
    [TestCase("display_only", "-in", "ca.crt", "-preserve_dates", "-noout", "-subject", "-dates")]
    public void Preserve_dates_is_openssls(string name, params string[] args)
    {
        using var dir = _ca.Copy();
        string[] full = ["x509", .. args];
        var real = RecordedOpenSsl.Exec(dir, full);
        var mine = CliRunner.Run(dir.Path, "", full);
        (mine.ExitCode, mine.Stdout, mine.Stderr).ShouldBe((real.ExitCode, real.Stdout, real.Stderr));
    }

    [Test]
    public void CAcreateserial_writes_the_serial_it_used_and_the_next_run_increments_it()
    {
        using var dir = _ca.Copy();
        string[] args = ["x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-out", "a.crt"];
        CliRunner.Run(dir.Path, "", [.. args, "-CAcreateserial"]).ExitCode.ShouldBe(0);
        var first = File.ReadAllText(dir.File("ca.srl")).Trim();
        CliRunner.Run(dir.Path, "", [.. args[..^1], "b.crt"]).ExitCode.ShouldBe(0);
        var second = File.ReadAllText(dir.File("ca.srl")).Trim();
        (new Org.BouncyCastle.Math.BigInteger(second, 16).Subtract(new Org.BouncyCastle.Math.BigInteger(first, 16))).IntValue.ShouldBe(1);
        OpenSsl.RequireForItsHalf();
        var serialA = OpenSsl.Exec(dir.Path, "x509", "-in", "a.crt", "-noout", "-serial").Stdout.Trim();
        var serialB = OpenSsl.Exec(dir.Path, "x509", "-in", "b.crt", "-noout", "-serial").Stdout.Trim();
        serialA.ShouldBe("serial=" + first);
        serialB.ShouldBe("serial=" + second);
        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "ca.crt", "a.crt", "b.crt").ExitCode.ShouldBe(0);
    }

    [Test]
    public void Copying_extensions_never_copies_CA_TRUE_from_a_request()
    {
        using var dir = _ca.Copy();
        var mine = CliRunner.Run(dir.Path, "", "x509", "-req", "-in", "wantsca.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-set_serial", "9", "-copy_extensions", "copy", "-out", "a.crt");
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("basicConstraints CA:TRUE");
        File.Exists(dir.File("a.crt")).ShouldBeFalse();
    }

    /// <summary>openssl 3.0.19: with neither -CAserial nor -CAcreateserial and no ca.srl, the serial is random
    /// and no file is written; an existing ca.srl is used and incremented.</summary>
    [Test]
    public void Without_serial_options_the_serial_is_random_unless_the_default_file_exists()
    {
        using var dir = _ca.Copy();
        string[] args = ["x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-out"];
        var mine = CliRunner.Run(dir.Path, "", [.. args, "a.crt"]);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        File.Exists(dir.File("ca.srl")).ShouldBeFalse();
        var serial = new X509Certificate(PemBlock.ReadAll(File.ReadAllBytes(dir.File("a.crt"))).Single().Contents).SerialNumber;
        serial.BitLength.ShouldBeGreaterThan(64);
        serial.BitLength.ShouldBeLessThanOrEqualTo(159);

        File.WriteAllText(dir.File("ca.srl"), "05\n");
        CliRunner.Run(dir.Path, "", [.. args, "b.crt"]).ExitCode.ShouldBe(0);
        File.ReadAllText(dir.File("ca.srl")).ShouldBe("06\n");
        new X509Certificate(PemBlock.ReadAll(File.ReadAllBytes(dir.File("b.crt"))).Single().Contents).SerialNumber.IntValue.ShouldBe(6);

        OpenSsl.RequireForItsHalf();
        File.Delete(dir.File("ca.srl"));
        OpenSsl.Exec(dir.Path, [.. args, "c.crt"]).ExitCode.ShouldBe(0);
        File.Exists(dir.File("ca.srl")).ShouldBeFalse();
    }

    [Test]
    public void A_missing_CAserial_file_fails_like_openssl_and_writes_nothing()
    {
        using var dir = _ca.Copy();
        var mine = CliRunner.Run(dir.Path, "", "x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAserial", "foo.srl", "-out", "a.crt");
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("foo.srl: No such file or directory\nerror while loading serial number");
        File.Exists(dir.File("a.crt")).ShouldBeFalse();
    }
}

/// <summary>
/// One x509 signing run by openssl (live or recorded) and by cnfsigner on copies of the fixture, cnfsigner's clock set
/// to the notBefore openssl wrote: exit 0, the same standard error and stdout, a byte-identical -out certificate.
/// </summary>
internal static class SignedSideBySide
{
    public static void Check(CaFixture fixture, string[] args)
    {
        using var ours = fixture.Copy();
        using var theirs = fixture.Copy();
        string[] full = ["x509", .. args, "-out", "out.crt"];
        var real = RecordedOpenSsl.Exec(theirs, full);
        real.ExitCode.ShouldBe(0, real.Stderr);
        var expected = File.ReadAllBytes(theirs.File("out.crt"));
        var notBefore = new X509Certificate(PemBlock.ReadAll(expected).Single().Contents).NotBefore.ToUniversalTime();

        var mine = CliRunner.Run(ours.Path, "", new FixedClock(new DateTimeOffset(notBefore, TimeSpan.Zero)), full);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        mine.Stderr.ShouldBe(real.Stderr);
        mine.Stdout.ShouldBe(real.Stdout);
        File.ReadAllBytes(ours.File("out.crt")).ShouldBe(expected);
    }
}
