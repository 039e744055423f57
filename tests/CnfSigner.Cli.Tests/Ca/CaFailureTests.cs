using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// Section E of the behaviour notes, case by case: cnfsigner and openssl run the same failing `ca` command on
/// copies of one database. OpenSSL's human-readable lines must appear in ours in order, the exit code must be
/// 1, and the database and output must be untouched.
/// </summary>
[TestFixture]
public class CaFailureTests : WithCaFixture
{

    private static readonly string[] Base =
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy", "-extensions", "signing_node_req",
         "-outdir", "certs/", "-batch", "-out", "out.crt"];

    // name, setup (shell-free edits), extra args; openssl's exit code when it differs from ours (1).
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Action<TempDir>? setup, params string[] args) =>
            new TestCaseData(setup ?? (_ => { }), args).SetName(name);
        void Policy(TempDir d, string text) => File.AppendAllText(d.File("ca.cnf"), $"\n[ strict ]\n{text}\n");

        yield return Case("supplied_field_missing", null, "-in", "onlycn.csr");
        yield return Case("match_field_differs", d => Policy(d, "organizationName = match"), "-in", "other.csr", "-policy", "strict");
        yield return Case("match_field_absent_from_request", d => Policy(d, "organizationName = match"), "-in", "onlycn.csr", "-policy", "strict");
        yield return Case("match_field_absent_from_ca", d => Policy(d, "countryName = match"), "-in", "reorder.csr", "-policy", "strict");
        yield return Case("invalid_policy_type", d => Policy(d, "organizationName = required"), "-in", "node.csr", "-policy", "strict");
        yield return Case("unknown_policy_field", d => Policy(d, "orgName = optional"), "-in", "node.csr", "-policy", "strict");
        yield return Case("no_such_policy", null, "-in", "node.csr", "-policy", "no_such_policy");
        yield return Case("duplicate_subject_when_unique",
            d => { File.WriteAllText(d.File("index.txt"), "V\t271125125417Z\t\t01\tunknown\t/O=Cockroach\n"); File.WriteAllText(d.File("serial.txt"), "02\n");
                   File.WriteAllText(d.File("index.txt.attr"), "unique_subject = yes\n"); }, "-in", "node.csr");
        yield return Case("serial_already_issued",
            d => File.WriteAllText(d.File("index.txt"), "V\t271125125417Z\t\t01\tunknown\t/O=Other\n"), "-in", "node.csr");
        yield return Case("ca_key_does_not_match", null, "-in", "node.csr", "-keyfile", "leaf.key");
        yield return Case("request_missing", null, "-in", "nonexist.csr");
        yield return Case("request_not_pem", null, "-in", "ca.cnf");
        yield return Case("serial_file_missing", d => File.Delete(d.File("serial.txt")), "-in", "node.csr");
        foreach (var (label, content) in new[] { ("one_digit", "1"), ("zz", "zz"), ("hex_prefix", "0x01"), ("odd", "123"), ("blank", "\n") })
            yield return Case("serial_file_" + label, d => File.WriteAllText(d.File("serial.txt"), content), "-in", "node.csr");
        yield return Case("index_missing", d => File.Delete(d.File("index.txt")), "-in", "node.csr");
        yield return Case("index_short_line", d => File.WriteAllText(d.File("index.txt"), "V\t271125125300Z\t\t01\tunknown\n"), "-in", "node.csr");
        yield return Case("index_odd_serial", d => File.WriteAllText(d.File("index.txt"), "V\t271125125300Z\t\t1\tunknown\t/O=X\n"), "-in", "node.csr");
        yield return Case("index_duplicate_subjects",
            d => { File.WriteAllText(d.File("index.txt"), "V\t271125125300Z\t\t01\tunknown\t/O=X\nV\t271125125300Z\t\t02\tunknown\t/O=X\n");
                   File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("unique_subject = no", "unique_subject = yes")); },
            "-in", "node.csr");
        yield return Case("bad_extensions_section", null, "-in", "node.csr", "-extensions", "no_such_section");
        yield return Case("days_zero", null, "-in", "node.csr", "-days", "0");
        yield return Case("days_not_a_number", null, "-in", "node.csr", "-days", "abc");
        yield return Case("no_days", d => File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("default_days = 365", "")), "-in", "node.csr");
        yield return Case("bad_enddate", null, "-in", "node.csr", "-enddate", "2021-01-01");
        yield return Case("bad_startdate", null, "-in", "node.csr", "-startdate", "2021");
        yield return Case("no_database_key", d => File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("database = index.txt", "")), "-in", "node.csr");
        yield return Case("no_outdir", null, "-in", "node.csr", "-outdir", "nonexistdir");
        yield return Case("default_ca_section_absent", d => File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("default_ca = CA_default", "default_ca = Nope")), "-in", "node.csr");
        yield return Case("copy_extensions_bogus", d => File.WriteAllText(d.File("ca.cnf"), File.ReadAllText(d.File("ca.cnf")).Replace("copy_extensions = copy", "copy_extensions = bogus")), "-in", "node.csr");
        yield return Case("unknown_option", null, "-bogus");
    }

    [TestCaseSource(nameof(Cases))]
    public void Fails_like_openssl_and_changes_nothing(Action<TempDir> setup, string[] extra)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        setup(ours);
        setup(theirs);
        var before = DirectorySnapshot.Contents(ours);

        string[] args = [.. Base, .. extra];
        var mine = CliRunner.Run(ours.Path, "", args);
        var real = RecordedOpenSsl.Exec(theirs, args);

        mine.ShouldFailAsOpenSslFails(real, ours, before);
    }
}
