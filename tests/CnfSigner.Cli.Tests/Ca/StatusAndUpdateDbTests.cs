namespace CnfSigner.Cli.Tests.Ca;

/// <summary>-status (F.3) and -updatedb (F.4) side by side with openssl: transcripts, exit codes, files.</summary>
[TestFixture]
public class StatusAndUpdateDbTests : WithFixture<RevocationFixture>
{
    private const string Index =
        "V\t301231000000Z\t\t01\tunknown\t/O=Cockroach/CN=a\n" +
        "R\t301231000000Z\t261125143111Z,keyCompromise\t02\tunknown\t/O=Cockroach/CN=b\n" +
        "E\t200101000000Z\t\t03\tunknown\t/O=Cockroach/CN=c\n" +
        "X\t301231000000Z\t\t04\tunknown\t/O=Cockroach/CN=d\n" +
        "Vx\t301231000000Z\t\t0A\tunknown\t/O=Cockroach/CN=e\n" +
        "S\t301231000000Z\t\t0B\tunknown\t/O=Cockroach/CN=f\n";

    [TestCase("01", TestName = "status_valid")]
    [TestCase("1", TestName = "status_odd_length_is_padded")]
    [TestCase("0001", TestName = "status_leading_zeros_are_ignored")]
    [TestCase("02", TestName = "status_revoked")]
    [TestCase("03", TestName = "status_expired")]
    [TestCase("04", TestName = "status_unknown_type")]
    [TestCase("0a", TestName = "status_lower_case_and_type_by_first_letter")]
    [TestCase("0B", TestName = "status_suspended")]
    [TestCase("99", TestName = "status_not_present")]
    [TestCase("zz", TestName = "status_not_hex")]
    public void Status_reports_like_openssl(string serial)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        File.WriteAllText(ours.File("index.txt"), Index);
        File.WriteAllText(theirs.File("index.txt"), Index);
        string[] args = ["ca", "-config", "ca.cnf", "-status", serial];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        mine.ExitCode.ShouldBe(real.ExitCode);
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldBe(real.Stderr);
        mine.Stdout.ShouldBeEmpty();
    }

    [TestCase("V\t301231000000Z\t\t01\tunknown\t/O=X\nV\t301231000000Z\t\t0001\tunknown\t/O=Y\n", TestName = "status_duplicate_serial_fails_index")]
    [TestCase("V\t301231000000Z\t\t01\tunknown\t/O=X\nV\t301231000000Z\t\t02\tunknown\t/O=X\n", TestName = "status_duplicate_subject_fails_when_unique")]
    public void Status_on_a_bad_index_fails_like_openssl(string index)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        foreach (var d in new[] { ours, theirs })
        {
            File.WriteAllText(d.File("index.txt"), index);
            File.WriteAllText(d.File("index.txt.attr"), "unique_subject = yes\n");
        }
        string[] args = ["ca", "-config", "ca.cnf", "-status", "01"];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);
        mine.ExitCode.ShouldBe(1);
        real.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldBe(real.Stderr);
    }

    [TestCase(
        "V\t200101000000Z\t\t01\tunknown\t/O=A\nV\t301231000000Z\t\t02\tunknown\t/O=B\nR\t200101000000Z\t191231000000Z\t03\tunknown\t/O=C\n" +
        "E\t200101000000Z\t\t04\tunknown\t/O=D\nVz\t2001010000Z\t\t05\tunknown\t/O=E\nV\t20200101000000Z\t\t06\tunknown\t/O=F\n",
        "", TestName = "updatedb_marks_expired_valid_rows")]
    [TestCase("V\t301231000000Z\t\t01\tunknown\t/O=A\nR\t200101000000Z\t191231000000Z\t03\tunknown\t/O=C\n",
        "", TestName = "updatedb_with_nothing_expired_rewrites_nothing")]
    [TestCase("V\t200101000000Z\t\t01\tunknown\t/O=A\n", "default_md = sha256", TestName = "updatedb_writes_before_default_md_is_missed")]
    public void UpdateDb_matches_openssl(string index, string removeFromConfig)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        foreach (var d in new[] { ours, theirs })
        {
            File.WriteAllText(d.File("index.txt"), index);
            if (removeFromConfig.Length > 0)
                File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace(removeFromConfig, ""));
        }
        string[] args = [.. RevocationFixture.Ca, "-updatedb"];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        mine.ExitCode.ShouldBe(real.ExitCode, mine.Stderr);
        // A failure adds OpenSSL's error-stack reason as a short line; a success must be the same transcript.
        if (real.ExitCode == 0) mine.Stderr.ShouldBe(real.Stderr);
        else OpenSsl.HumanLinesShouldAppearInOrder(mine.Stderr, real.Stderr);
        DirectorySnapshot.Contents(ours).ShouldBe(DirectorySnapshot.Contents(theirs));
    }
}
