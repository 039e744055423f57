using CnfSigner.Pki.Io;
using System.Text;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// `ca` behaviours beyond the failure table: interactive confirmation compared with openssl, and the places
/// where cnfsigner deliberately differs (README "Differences from OpenSSL").
/// </summary>
[TestFixture]
public class CaBehaviourTests : WithCaFixture
{

    private static string[] Sign(params string[] extra) =>
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
         "-extensions", "signing_node_req", "-outdir", "certs/", .. extra];

    [TestCase("y\ny\n", TestName = "Answering_yes_twice_signs_like_openssl")]
    [TestCase("n\n", TestName = "Answering_no_certifies_nothing_like_openssl")]
    [TestCase("y\nn\n", TestName = "Refusing_the_commit_cancels_like_openssl")]
    [TestCase("", TestName = "End_of_input_certifies_nothing_like_openssl")]
    public void Interactive_confirmation_matches_openssl(string answers)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        string[] args = [.. Sign("-in", "node.csr", "-out", "node.crt", "-startdate", "261125000000Z", "-enddate", "271125000000Z")];
        var mine = CliRunner.Run(ours.Path, answers, args);
        var real = RecordedOpenSsl.ExecWithInput(theirs, answers, args);
        mine.ExitCode.ShouldBe(real.ExitCode);
        mine.Stderr.ShouldMatchExceptDayCount(real.Stderr);
        foreach (var f in Directory.GetFiles(theirs.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(theirs.Path, f)))
            File.ReadAllBytes(ours.File(f)).ShouldBe(File.ReadAllBytes(theirs.File(f)), f);
    }

    // apps/ca.c default_op: with name_opt or cert_opt (Debian's openssl.cnf and CA.pl set both to ca_default), the
    // certificate to be signed is shown under "Certificate Details:" instead of the subject listing.
    [TestCase("name_opt = ca_default\ncert_opt = ca_default", TestName = "Ca_default_name_and_cert_options_show_certificate_details_like_openssl")]
    [TestCase("name_opt = multiline\ncert_opt = no_pubkey,no_sigdump", TestName = "Other_name_and_cert_options_show_certificate_details_like_openssl")]
    [TestCase("cert_opt = compatible", TestName = "Cert_opt_alone_shows_certificate_details_like_openssl")]
    [TestCase("name_opt = bogus", TestName = "An_invalid_name_opt_fails_like_openssl")]
    [TestCase("cert_opt = bogus\ncopy_extensions = bogus", TestName = "An_invalid_cert_opt_fails_before_copy_extensions_like_openssl")]
    public void Name_opt_and_cert_opt_shape_the_confirmation_like_openssl(string options)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        foreach (var dir in new[] { ours, theirs })
        {
            var config = File.ReadAllText(dir.File("ca.cnf")).Replace("[ CA_default ]\n", $"[ CA_default ]\n{options}\n");
            File.WriteAllText(dir.File("ca.cnf"), config);
        }
        string[] args = [.. Sign("-batch", "-in", "node.csr", "-out", "node.crt", "-startdate", "261125000000Z", "-enddate", "271125000000Z")];
        var mine = CliRunner.Run(ours.Path, "", args);
        var real = RecordedOpenSsl.Exec(theirs, args);
        mine.ExitCode.ShouldBe(real.ExitCode);
        mine.Stderr.ShouldMatchExceptDayCount(real.Stderr);
        DirectorySnapshot.Contents(ours).ShouldBe(DirectorySnapshot.Contents(theirs));
    }

    [Test]
    public void A_bad_request_signature_exits_1_where_openssl_exits_0()
    {
        using var ours = _ca.Copy();
        var pem = File.ReadAllBytes(ours.File("node.csr"));
        var der = PemBlock.ReadAll(pem).Single().Contents;
        der[^1] ^= 0x01; // flip a bit of the signature
        File.WriteAllText(ours.File("bad.csr"), PemBlock.Of("CERTIFICATE REQUEST", der).Encode());
        var before = DirectorySnapshot.Contents(ours);

        var mine = CliRunner.Run(ours.Path, "", Sign("-in", "bad.csr", "-out", "x.crt", "-batch"));
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("Check that the request matches the signature\nSignature did not match the certificate request\n");
        DirectorySnapshot.Contents(ours).ShouldBe(before);
        RecordedOpenSsl.Exec(ours, Sign("-in", "bad.csr", "-out", "x.crt", "-batch")).ExitCode.ShouldBe(0);
    }

    [Test]
    public void Copy_extensions_never_turns_a_request_into_a_CA_unless_the_section_says_so()
    {
        using var ours = _ca.Copy();
        var before = DirectorySnapshot.Contents(ours);
        var mine = CliRunner.Run(ours.Path, "", Sign("-in", "wantsca.csr", "-out", "x.crt", "-batch"));
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("basicConstraints CA:TRUE");
        DirectorySnapshot.Contents(ours).ShouldBe(before);

        // OpenSSL, with the same seed config, hands this request a CA certificate.
        using var theirs = _ca.Copy();
        RecordedOpenSsl.Exec(theirs, Sign("-in", "wantsca.csr", "-out", "x.crt", "-batch")).ExitCode.ShouldBe(0);
        RecordedOpenSsl.Exec(theirs, "x509", "-in", "x.crt", "-noout", "-ext", "basicConstraints").Stdout.ShouldContain("CA:TRUE");

        // A section that sets basicConstraints itself decides, and the request's SAN is still copied.
        File.AppendAllText(ours.File("ca.cnf"), "\n[ signing_sub_ca ]\nbasicConstraints = critical,CA:true,pathlen:0\nkeyUsage = critical,keyCertSign\n");
        var ok = CliRunner.Run(ours.Path, "", [.. Sign("-in", "wantsca.csr", "-out", "sub.crt", "-batch"), "-extensions", "signing_sub_ca"]);
        ok.ExitCode.ShouldBe(0, ok.Stderr);
        OpenSsl.RequireForItsHalf();
        var text = OpenSsl.Exec(ours.Path, "x509", "-in", "sub.crt", "-noout", "-ext", "basicConstraints,subjectAltName").Stdout;
        text.ShouldContain("CA:TRUE, pathlen:0");
        text.ShouldContain("DNS:a.example");
    }

    [Test]
    public void Request_files_without_in_or_infiles_are_an_error_not_silently_ignored()
    {
        using var ours = _ca.Copy();
        var mine = CliRunner.Run(ours.Path, "", Sign("-batch", "-out", "x.crt", "node.csr"));
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("request files must follow -in or -infiles: node.csr");
        File.Exists(ours.File("x.crt")).ShouldBeFalse();
    }

    [Test]
    public void Without_a_database_nothing_is_left_behind_not_even_the_lock()
    {
        using var ours = _ca.Copy();
        File.Delete(ours.File("index.txt"));
        var mine = CliRunner.Run(ours.Path, "", Sign("-batch", "-in", "node.csr", "-out", "x.crt"));
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldContain("Problem with index file: index.txt");
        File.Exists(ours.File("index.txt.lock")).ShouldBeFalse();
        File.Exists(ours.File("index.txt")).ShouldBeFalse();
    }

    [Test]
    public void Infiles_signs_each_request_and_out_keeps_every_certificate()
    {
        using var ours = _ca.Copy();
        var mine = CliRunner.Run(ours.Path, "", Sign("-batch", "-out", "all.crt", "-infiles", "node.csr", "root.csr"));
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        mine.Stderr.ShouldContain("Write out database with 2 new entries\nDatabase updated\n");
        var all = File.ReadAllText(ours.File("all.crt"));
        all.ShouldBe(File.ReadAllText(ours.File("certs/01.pem")) + File.ReadAllText(ours.File("certs/02.pem")));
        File.ReadAllText(ours.File("serial.txt")).ShouldBe("03\n");
    }

    [Test]
    public void A_batch_signed_on_several_threads_gives_openssls_files_byte_for_byte()
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        // Fixed dates make the certificates deterministic; five requests so that four are signed off the main thread.
        string[] args = [.. Sign("-batch", "-startdate", "261125000000Z", "-enddate", "271125000000Z", "-out", "last.crt",
            "-infiles", "node.csr", "root.csr", "onlycn.csr", "other.csr", "reorder.csr")];
        File.WriteAllText(ours.File("ca.cnf"), File.ReadAllText(ours.File("ca.cnf")).Replace("organizationName = supplied", "organizationName = optional"));
        File.Copy(ours.File("ca.cnf"), theirs.File("ca.cnf"), overwrite: true);
        var mine = CliRunner.Run(ours.Path, "", args);
        var real = RecordedOpenSsl.Exec(theirs, args);
        mine.ExitCode.ShouldBe(real.ExitCode, mine.Stderr + real.Stderr);
        mine.Stderr.ShouldMatchExceptDayCount(real.Stderr);
        var expected = DirectorySnapshot.Contents(theirs);
        expected.Remove("last.crt"); // OpenSSL keeps only the last certificate in -out
        DirectorySnapshot.Contents(ours).Where(f => f.Key != "last.crt").ShouldBe(expected, ignoreOrder: true);
        File.ReadAllText(ours.File("last.crt")).ShouldEndWith(File.ReadAllText(theirs.File("last.crt")));
    }

    [Test]
    public void An_index_whose_last_line_lacks_a_newline_keeps_that_line()
    {
        using var ours = _ca.Copy();
        File.WriteAllText(ours.File("index.txt"), "V\t271125125300Z\t\t05\tunknown\t/O=Kept");
        File.WriteAllText(ours.File("serial.txt"), "06\n");
        CliRunner.Run(ours.Path, "", Sign("-batch", "-out", "x.crt", "-in", "node.csr")).ExitCode.ShouldBe(0);
        var rows = File.ReadAllLines(ours.File("index.txt"));
        rows.Length.ShouldBe(2);
        rows[0].ShouldBe("V\t271125125300Z\t\t05\tunknown\t/O=Kept");
        rows[1].ShouldEndWith("\t06\tunknown\t/O=Cockroach");
    }
}
