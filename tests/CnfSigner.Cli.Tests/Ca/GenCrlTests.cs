using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// -gencrl (F.2) side by side with openssl. With lastUpdate and nextUpdate fixed and an RSA key (PKCS#1 v1.5
/// signatures are deterministic) the CRL must be byte-identical, and so must crlnumber and its ".old".
/// </summary>
[TestFixture]
public class GenCrlTests : WithFixture<RevocationFixture>
{
    private static readonly string[] Fixed = ["-crl_lastupdate", "20260101000000Z", "-crl_nextupdate", "20270101000000Z"];

    private const string Mixed =
        "R\t301231000000Z\t261125143111Z\t0A\tunknown\t/O=Cockroach/CN=j\n" +
        "V\t301231000000Z\t\t03\tunknown\t/O=Cockroach/CN=c\n" +
        "R\t301231000000Z\t261125143112Z\t0100\tunknown\t/O=Cockroach/CN=k\n" +
        "E\t200101000000Z\t\t04\tunknown\t/O=Cockroach/CN=d\n" +
        "R\t301231000000Z\t261125143113Z\t02\tunknown\t/O=Cockroach/CN=b\n" +
        "R\t301231000000Z\t261125143114Z\t00\tunknown\t/O=Cockroach/CN=z\n";

    private const string Reasons =
        "R\t301231000000Z\t261125143111Z,unspecified\t01\tunknown\t/CN=1\n" +
        "R\t301231000000Z\t261125143111Z,KEYCOMPROMISE\t02\tunknown\t/CN=2\n" +
        "R\t301231000000Z\t261125143111Z,CACompromise\t03\tunknown\t/CN=3\n" +
        "R\t301231000000Z\t261125143111Z,affiliationChanged\t04\tunknown\t/CN=4\n" +
        "R\t301231000000Z\t261125143111Z,superseded\t05\tunknown\t/CN=5\n" +
        "R\t301231000000Z\t261125143111Z,cessationOfOperation\t06\tunknown\t/CN=6\n" +
        "R\t301231000000Z\t261125143111Z,certificateHold\t07\tunknown\t/CN=7\n" +
        "R\t301231000000Z\t261125143111Z,removeFromCRL\t08\tunknown\t/CN=8\n" +
        "R\t301231000000Z\t261125143111Z,holdInstruction,holdInstructionReject\t09\tunknown\t/CN=9\n" +
        "R\t301231000000Z\t261125143111Z,holdInstruction,1.2.3.4\t10\tunknown\t/CN=10\n" +
        "R\t301231000000Z\t261125143111Z,keyTime,20240101000000Z\t11\tunknown\t/CN=11\n" +
        "R\t301231000000Z\t2611251431+0130,CAkeyTime,20240101000000.5-0100\t12\tunknown\t/CN=12\n" +
        "R\t301231000000Z\t261125143111Z,CAkeyTime,20240101000000.25Z\t13\tunknown\t/CN=13\n";

    // index, lines appended to [CA_default], extra arguments
    public static IEnumerable<TestCaseData> Databases()
    {
        TestCaseData Case(string name, string index, string config, params string[] args) =>
            new TestCaseData(index, config, args).SetName(name);
        yield return Case("empty_index_gives_v1_without_entries", "", "");
        yield return Case("revoked_without_reason_stay_v1_sorted_by_serial", Mixed, "");
        yield return Case("every_reason_hold_and_compromise_time", Reasons, "");
        yield return Case("crlnumber_makes_v2_and_advances", Mixed, "crlnumber = crlnumber.txt");
        yield return Case("crl_extensions_authority_key_id", Mixed, "crl_extensions = crl_ext\n[ crl_ext ]\nauthorityKeyIdentifier = keyid:always");
        yield return Case("crlexts_issuer_always_and_crlnumber", Reasons,
            "crlnumber = crlnumber.txt\n[ crl_ext ]\nauthorityKeyIdentifier = keyid, issuer:always\nissuerAltName = URI:http://ca.example/", "-crlexts", "crl_ext");
        yield return Case("empty_extension_section_still_makes_v2", Mixed, "[ crl_ext ]\n", "-crlexts", "crl_ext");
        yield return Case("generalized_time_from_2050", Mixed, "", "-crl_nextupdate", "20600101000000Z");
        yield return Case("short_year_times", Mixed, "", "-crl_lastupdate", "260101000000Z", "-crl_nextupdate", "270101000000Z");
        yield return Case("md_option_sha512", Reasons, "", "-md", "sha512");
        yield return Case("default_md_sha384", Mixed, "default_md = sha384");
    }

    [TestCaseSource(nameof(Databases))]
    public void Crl_is_byte_identical_to_openssl(string index, string config, string[] extra)
    {
        using var ours = Prepare(index, config);
        using var theirs = Prepare(index, config);
        string[] args = [.. RevocationFixture.Ca, "-gencrl", .. Fixed, .. extra, "-out", "crl.pem"];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        real.ExitCode.ShouldBe(0, real.Stderr);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        mine.Stderr.ShouldBe(real.Stderr);
        mine.StdoutBytes.ShouldBeEmpty();
        File.ReadAllText(ours.File("crl.pem")).ShouldBe(File.ReadAllText(theirs.File("crl.pem")));
        DirectorySnapshot.Contents(ours).ShouldBe(DirectorySnapshot.Contents(theirs));
        // Our CRL is byte for byte the one openssl made (live, or recorded when these bytes were), so openssl's
        // recorded verdict on these bytes stands where openssl is absent.
        RecordedOpenSsl.Exec(ours, "crl", "-in", "crl.pem", "-noout", "-verify", "-CAfile", "ca.crt").Stderr.ShouldBe("verify OK\n");
    }

    private TempDir Prepare(string index, string config)
    {
        var dir = _ca.Copy();
        File.WriteAllText(dir.File("index.txt"), index);
        File.WriteAllText(dir.File("crlnumber.txt"), "0fff\n");
        var cnf = File.ReadAllText(dir.File("ca.cnf"));
        const string header = "[ CA_default ]\n";
        var at = cnf.IndexOf(header, StringComparison.Ordinal) + header.Length;
        var (head, tail) = (cnf[..at], cnf[at..]);
        // Appended settings go in [CA_default]; a section they open is moved after [CA_default]'s own lines.
        var split = config.IndexOf('[');
        var settings = split < 0 ? config : config[..split];
        var sections = split < 0 ? "" : config[split..];
        File.WriteAllText(dir.File("ca.cnf"), head + settings + "\n" + tail + "\n" + sections + "\n");
        return dir;
    }

    [TestCase("-crldays", "30", 30 * 86400, TestName = "crldays_sets_next_update")]
    [TestCase("-crlhours", "5", 5 * 3600, TestName = "crlhours_sets_next_update")]
    [TestCase("-crlsec", "90", 90, TestName = "crlsec_sets_next_update")]
    [TestCase("default_crl_days = 7", "", 7 * 86400, TestName = "default_crl_days_is_used")]
    [TestCase("default_crl_hours = 2h", "", 2 * 3600, TestName = "default_crl_hours_reads_leading_digits")]
    [TestCase("default_crl_days = 1\ndefault_crl_hours = 1", "", 86400 + 3600, TestName = "default_days_and_hours_add_up")]
    [TestCase("default_crl_days = 7", "-crlsec=60", 60, TestName = "command_line_period_overrides_config")]
    public void Period_until_next_update_matches_openssl(string settingOrOption, string value, int seconds)
    {
        var isOption = settingOrOption.StartsWith('-');
        var config = isOption ? "" : settingOrOption;
        string[] period = isOption ? [settingOrOption, value] : value.Length > 0 ? value.Split('=') : [];
        using var ours = Prepare("", config);
        using var theirs = Prepare("", config);
        string[] args = [.. RevocationFixture.Ca, "-gencrl", .. period, "-out", "crl.pem"];
        var now = DateTimeOffset.UtcNow;
        RecordedOpenSsl.Exec(theirs, args).ExitCode.ShouldBe(0);
        CliRunner.Run(ours.Path, "", new FixedClock(now), args).ExitCode.ShouldBe(0);

        var mine = new X509CrlParser().ReadCrl(File.ReadAllBytes(ours.File("crl.pem")));
        var real = new X509CrlParser().ReadCrl(File.ReadAllBytes(theirs.File("crl.pem")));
        (mine.ThisUpdate - now.UtcDateTime).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));
        (mine.NextUpdate!.Value - mine.ThisUpdate).TotalSeconds.ShouldBe(seconds);
        (real.NextUpdate!.Value - real.ThisUpdate).TotalSeconds.ShouldBe(seconds, tolerance: 1);
    }

    [Test]
    public void Without_out_the_pem_goes_to_stdout()
    {
        using var ours = Prepare(Mixed, "");
        using var theirs = Prepare(Mixed, "");
        string[] args = [.. RevocationFixture.Ca, "-gencrl", .. Fixed];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);
        mine.ExitCode.ShouldBe(0);
        mine.StdoutBytes.ShouldBe(real.StdoutBytes);
        mine.Stdout.ShouldStartWith("-----BEGIN X509 CRL-----\n");
    }

    [Test, Category("Interop")]
    public void Openssl_verify_rejects_a_revoked_certificate_with_error_23()
    {
        OpenSsl.Require();
        using var ours = _ca.Copy();
        // The seed ca.cnf gives the CA keyUsage without cRLSign, and openssl verify then refuses any CRL it signs
        // (error 35). The same key re-certified with cRLSign still issues a.crt and b.crt.
        File.WriteAllText(ours.File("ca.cnf"), File.ReadAllText(ours.File("ca.cnf")).Replace("keyCertSign", "keyCertSign,cRLSign"));
        OpenSsl.Exec(ours.Path, "req", "-new", "-x509", "-config", "ca.cnf", "-key", "ca.key", "-out", "ca.crt", "-days", "365", "-batch")
            .ExitCode.ShouldBe(0);
        CliRunner.Run(ours.Path, "", [.. RevocationFixture.Ca, "-revoke", "b.crt", "-crl_reason", "keyCompromise"]).ExitCode.ShouldBe(0);
        CliRunner.Run(ours.Path, "", [.. RevocationFixture.Ca, "-gencrl", "-crldays", "1", "-out", "crl.pem"]).ExitCode.ShouldBe(0);

        OpenSsl.Exec(ours.Path, "crl", "-in", "crl.pem", "-noout", "-verify", "-CAfile", "ca.crt").Stderr.ShouldBe("verify OK\n");
        var revoked = OpenSsl.Exec(ours.Path, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.crt", "b.crt");
        revoked.ExitCode.ShouldBe(2);
        revoked.Stderr.ShouldContain("error 23 at 0 depth lookup: certificate revoked");
        var valid = OpenSsl.Exec(ours.Path, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.crt", "a.crt");
        valid.Stdout.ShouldBe("a.crt: OK\n", valid.Stderr);
        OpenSsl.Exec(ours.Path, "crl", "-in", "crl.pem", "-noout", "-text").Stdout.ShouldContain("Key Compromise");
    }

    public static IEnumerable<TestCaseData> Failures()
    {
        TestCaseData Case(string name, string config, params string[] args) => new TestCaseData(config, args).SetName(name);
        yield return Case("no_period", "");
        yield return Case("crlnumber_file_missing", "crlnumber = nonexist.txt", "-crldays", "1");
        yield return Case("crlnumber_file_unreadable_number", "crlnumber = ca.cnf", "-crldays", "1");
        yield return Case("crlnumber_checked_before_period", "crlnumber = nonexist.txt");
        yield return Case("bad_last_update", "", "-crldays", "1", "-crl_lastupdate", "2024");
        yield return Case("last_update_with_offset", "", "-crldays", "1", "-crl_lastupdate", "20240101000000+0100");
        yield return Case("bad_next_update", "", "-crl_nextupdate", "20241301000000Z");
        yield return Case("crldays_zero", "", "-crldays", "0");
        yield return Case("crlhours_not_a_number", "", "-crlhours", "abc");
        yield return Case("crlexts_section_missing", "", "-crldays", "1", "-crlexts", "nosuch");
        yield return Case("crl_extensions_bad_extension", "crl_extensions = signing_policy", "-crldays", "1");
        yield return Case("no_default_md", "default_md = ", "-crldays", "1");
        yield return Case("bad_revocation_field", "", "-crldays", "1", "-crl_reason_index");
    }

    [TestCaseSource(nameof(Failures))]
    public void Failing_gencrl_says_what_openssl_says_and_changes_nothing(string config, string[] extra)
    {
        var index = extra.Contains("-crl_reason_index") ? "R\t301231000000Z\t261125143111Z,keyTime\t01\tunknown\t/O=X\n" : Mixed;
        extra = [.. extra.Where(a => a != "-crl_reason_index")];
        using var ours = Prepare(index, config.StartsWith("default_md") ? "" : config);
        using var theirs = Prepare(index, config.StartsWith("default_md") ? "" : config);
        if (config.StartsWith("default_md"))
            foreach (var d in new[] { ours, theirs })
                File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("default_md = sha256", ""));
        var before = DirectorySnapshot.Contents(ours);
        string[] args = [.. RevocationFixture.Ca, "-gencrl", .. extra, "-out", "crl.pem"];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        mine.ShouldFailAsOpenSslFails(real, ours, before);
        DirectorySnapshot.Contents(theirs).ShouldBe(before);
    }

    [Test]
    public void Unwritable_out_leaves_crlnumber_untouched()
    {
        using var ours = Prepare(Mixed, "crlnumber = crlnumber.txt");
        var before = DirectorySnapshot.Contents(ours);
        var mine = CliRunner.Run(ours.Path, "", [.. RevocationFixture.Ca, "-gencrl", "-crldays", "1", "-out", "/nonexistent/crl.pem"]);
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("Can't open \"/nonexistent/crl.pem\" for writing");
        DirectorySnapshot.Contents(ours).ShouldBe(before);
    }
}
