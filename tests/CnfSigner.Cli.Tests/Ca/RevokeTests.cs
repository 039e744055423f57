namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// -revoke and -valid (section F.1), side by side with openssl on copies of one database. openssl runs first;
/// cnfsigner then runs at the revocation time openssl wrote, so the files must be byte-identical.
/// </summary>
[TestFixture]
public class RevokeTests : WithFixture<RevocationFixture>
{
    private static string[] Revoke(string cert, params string[] extra) => [.. RevocationFixture.Ca, "-revoke", cert, .. extra];

    public static IEnumerable<TestCaseData> Successes()
    {
        TestCaseData Case(string name, params string[] args) => new TestCaseData((object)args).SetName(name);
        yield return Case("no_reason", Revoke("a.crt"));
        foreach (var reason in new[] { "unspecified", "keyCompromise", "CACompromise", "affiliationChanged", "superseded",
                     "cessationOfOperation", "certificateHold", "removeFromCRL" })
            yield return Case("reason_" + reason, Revoke("b.crt", "-crl_reason", reason));
        yield return Case("reason_is_matched_without_case", Revoke("b.crt", "-crl_reason", "KEYcompromise"));
        yield return Case("hold_by_name", Revoke("c.crt", "-crl_hold", "holdInstructionReject"));
        yield return Case("hold_by_any_object_name", Revoke("c.crt", "-crl_hold", "CN"));
        yield return Case("hold_by_dotted_oid", Revoke("c.crt", "-crl_hold", "1.2.840.10040.2.2"));
        yield return Case("key_compromise_time", Revoke("d.crt", "-crl_compromise", "20240101000000Z"));
        yield return Case("key_compromise_time_without_seconds", Revoke("d.crt", "-crl_compromise", "202401010000Z"));
        yield return Case("ca_compromise_time_with_fraction_and_offset", Revoke("d.crt", "-crl_CA_compromise", "20240101000000.5+0130"));
        yield return Case("last_reason_option_wins", Revoke("d.crt", "-crl_reason", "superseded", "-crl_hold", "holdInstructionNone"));
        yield return Case("certificate_not_in_database_is_added_then_revoked", Revoke("outsider.crt", "-crl_reason", "superseded"));
        yield return Case("valid_adds_a_certificate_not_in_database", [.. RevocationFixture.Ca, "-valid", "outsider.crt"]);
    }

    [TestCaseSource(nameof(Successes))]
    public void Revocation_writes_the_same_index_as_openssl(string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        var real = RecordedOpenSsl.Exec(theirs, args);
        var clock = args.Contains("-valid") ? new FixedClock(DateTimeOffset.UtcNow) : RevocationFixture.ClockOfLastRevocation(theirs);
        var mine = CliRunner.Run(ours.Path, "", clock, args);

        real.ExitCode.ShouldBe(0, real.Stderr);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        mine.Stderr.ShouldBe(real.Stderr);
        DirectorySnapshot.Contents(ours).ShouldBe(DirectorySnapshot.Contents(theirs));
    }

    public static IEnumerable<TestCaseData> Failures()
    {
        TestCaseData Case(string name, Action<TempDir>? setup, params string[] args) =>
            new TestCaseData(setup ?? (_ => { }), args).SetName(name);
        void RevokedAlready(TempDir d) => File.WriteAllText(d.File("index.txt"),
            File.ReadAllText(d.File("index.txt")).Replace("V\t", "R\t").Replace("\t\t", "\t261125143111Z\t"));
        void Edit(TempDir d, string from, string to) => File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace(from, to));

        yield return Case("unknown_reason", null, Revoke("a.crt", "-crl_reason", "bogus"));
        yield return Case("pseudo_reason_is_not_a_reason", null, Revoke("a.crt", "-crl_reason", "holdInstruction"));
        yield return Case("hold_not_an_object", null, Revoke("a.crt", "-crl_hold", "bogus"));
        yield return Case("hold_bad_first_arc", null, Revoke("a.crt", "-crl_hold", "9.9"));
        yield return Case("compromise_time_too_short", null, Revoke("a.crt", "-crl_compromise", "2024010100Z"));
        yield return Case("compromise_time_utc_form", null, Revoke("a.crt", "-crl_CA_compromise", "240101000000Z"));
        yield return Case("compromise_time_lower_z", null, Revoke("a.crt", "-crl_compromise", "20240101000000z"));
        yield return Case("compromise_time_bad_day", null, Revoke("a.crt", "-crl_compromise", "20230229000000Z"));
        yield return Case("revoked_twice", RevokedAlready, Revoke("a.crt"));
        yield return Case("name_mismatch", null, Revoke("mismatch.crt"));
        yield return Case("added_certificate_with_bad_reason", null, Revoke("outsider.crt", "-crl_reason", "bogus"));
        yield return Case("added_subject_clashes_with_unique_subject",
            d => File.WriteAllText(d.File("index.txt.attr"), "unique_subject = yes\n"), Revoke("outsider.crt"));
        yield return Case("valid_already_present", null, [.. RevocationFixture.Ca, "-valid", "a.crt"]);
        yield return Case("certificate_file_missing", null, Revoke("nonexist.crt"));
        yield return Case("certificate_file_not_a_certificate", null, Revoke("ca.cnf"));
        yield return Case("no_private_key", null, ["ca", "-config", "ca.cnf", "-cert", "ca.crt", "-revoke", "a.crt"]);
        yield return Case("no_default_md", d => Edit(d, "default_md = sha256", ""), Revoke("a.crt"));
        yield return Case("bad_revocation_field_in_index",
            d => File.AppendAllText(d.File("index.txt"), "R\t301231000000Z\t261125143111Z,bogus\t05\tunknown\t/O=X\n"),
            Revoke("a.crt"));
    }

    [TestCaseSource(nameof(Failures))]
    public void Failing_revocation_says_what_openssl_says_and_changes_nothing(Action<TempDir> setup, string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        setup(ours);
        setup(theirs);
        var before = DirectorySnapshot.Contents(ours);
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        mine.ShouldFailAsOpenSslFails(real, ours, before);
        DirectorySnapshot.Contents(theirs).ShouldBe(before);
    }
}
