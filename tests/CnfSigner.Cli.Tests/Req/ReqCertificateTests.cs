using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Cli.Tests.Req;

/// <summary>-x509 and -CA: random serials, issuer bytes, and openssl's verify/req -verify as judges.</summary>
[TestFixture]
public class ReqCertificateTests
{
    private static TbsCertificateStructure Tbs(TempDir dir, string file) =>
        X509CertificateStructure.GetInstance(new Org.BouncyCastle.OpenSsl.PemReader(new StringReader(File.ReadAllText(dir.File(file))))
            .ReadPemObject().Content).TbsCertificate;

    [Test]
    public void Random_serials_are_positive_at_most_159_bits_and_differ()
    {
        using var dir = ReqCorpus.Copy();
        var serials = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            CliRunner.Run(dir.Path, "", "req", "-new", "-x509", "-config", "ca.cnf", "-key", "key.pem", "-out", $"c{i}.crt")
                .ExitCode.ShouldBe(0);
            var serial = Tbs(dir, $"c{i}.crt").SerialNumber.Value;
            serial.SignValue.ShouldBe(1);
            serial.BitLength.ShouldBeLessThanOrEqualTo(159);
            serials.Add(serial.ToString(16));
        }
        serials.Count.ShouldBe(10);
    }

    [TestCase("ca.cnf")]
    [TestCase("multivalue.cnf")]
    [TestCase("mask-default.cnf")]
    [TestCase("utf8-yes.cnf")]
    [TestCase("all-dn-types.cnf")]
    public void A_self_signed_certificates_issuer_is_its_subject_byte_for_byte(string config)
    {
        using var dir = ReqCorpus.Copy();
        CliRunner.Run(dir.Path, "", "req", "-new", "-x509", "-config", config, "-key", "key.pem", "-out", "self.crt")
            .ExitCode.ShouldBe(0);

        var tbs = Tbs(dir, "self.crt");
        tbs.Issuer.GetEncoded().ShouldBe(tbs.Subject.GetEncoded());
    }

    [Test]
    public void Days_default_to_30_and_count_from_now()
    {
        using var dir = ReqCorpus.Copy();
        var now = new DateTimeOffset(2026, 11, 25, 12, 52, 39, TimeSpan.Zero);
        CliRunner.Run(dir.Path, "", new FixedClock(now), "req", "-new", "-x509", "-config", "ca.cnf", "-key", "key.pem", "-out", "c.crt")
            .ExitCode.ShouldBe(0);

        var tbs = Tbs(dir, "c.crt");
        tbs.StartDate.ToDateTime().ShouldBe(now.UtcDateTime);
        tbs.EndDate.ToDateTime().ShouldBe(now.UtcDateTime.AddDays(30));
    }

    [Test, Category("Interop")]
    public void Openssl_verify_accepts_self_signed_and_ca_signed_certificates()
    {
        OpenSsl.Require();
        using var dir = ReqCorpus.Copy();
        CliRunner.Run(dir.Path, "", "req", "-new", "-x509", "-config", "ca.cnf", "-key", "key.pem", "-days", "365", "-out", "self.crt")
            .ExitCode.ShouldBe(0);
        CliRunner.Run(dir.Path, "", "req", "-new", "-config", "node.cnf", "-key", "key.pem", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-addext", "extendedKeyUsage=serverAuth", "-out", "leaf.crt").ExitCode.ShouldBe(0);

        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "self.crt", "self.crt").Stdout.ShouldBe("self.crt: OK\n");
        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "ca.crt", "leaf.crt").Stdout.ShouldBe("leaf.crt: OK\n");
    }

    [Test, Category("Interop")]
    public void Openssl_req_verify_accepts_our_requests()
    {
        OpenSsl.Require();
        using var dir = ReqCorpus.Copy();
        foreach (var config in new[] { "node.cnf", "attributes-ext.cnf", "ext-san.cnf", "all-dn-types.cnf" })
        {
            CliRunner.Run(dir.Path, "", "req", "-new", "-config", config, "-key", "key.pem", "-out", "r.csr").ExitCode.ShouldBe(0);
            var check = OpenSsl.Exec(dir.Path, "req", "-in", "r.csr", "-verify", "-noout");
            check.ExitCode.ShouldBe(0);
            check.Stderr.ShouldBe("Certificate request self-signature verify OK\n");
        }
    }
}
