namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// `ca -infiles` writes each certificate as it is made (under a temporary name beside its target, and into the
/// temporary -out) and renames them into place after the database commit. A failure or a "no" before the commit
/// must still leave the directory byte for byte as it was: no certificate, no -out, no temporary file.
/// </summary>
[TestFixture]
public class BatchOutputTests : WithCaFixture
{
    private static readonly string[] Base =
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy", "-extensions", "signing_node_req",
         "-outdir", "certs/", "-out", "out.crt"];

    [Test]
    public void A_request_failing_after_others_were_signed_leaves_nothing()
    {
        using var dir = _ca.Copy();
        var before = DirectorySnapshot.Contents(dir);
        // node and root are certified and signed (and their files written under temporary names) before onlycn
        // fails the policy (organizationName supplied).
        var r = CliRunner.Run(dir.Path, "", [.. Base, "-batch", "-infiles", "node.csr", "root.csr", "onlycn.csr"]);
        r.ExitCode.ShouldBe(1, r.Stderr);
        r.Stderr.ShouldContain("organizationName field needed to be supplied and was missing");
        DirectorySnapshot.Contents(dir).ShouldBe(before);
    }

    [Test]
    public void Answering_no_to_the_commit_leaves_nothing()
    {
        using var dir = _ca.Copy();
        var before = DirectorySnapshot.Contents(dir);
        var r = CliRunner.Run(dir.Path, "y\ny\nn\n", [.. Base, "-infiles", "node.csr", "root.csr"]);
        r.Stderr.ShouldContain("CERTIFICATION CANCELED");
        DirectorySnapshot.Contents(dir).ShouldBe(before);
    }

    [Test]
    public void A_batch_into_a_fifo_writes_every_certificate_once_the_database_is_committed()
    {
        using var dir = _ca.Copy();
        Apphost.RunProgram(dir.Path, ["mkfifo", "pipe"]).ExitCode.ShouldBe(0);
        var reader = Task.Run(() => File.ReadAllText(dir.File("pipe")));
        var r = CliRunner.Run(dir.Path, "", [.. Base[..^2], "-out", "pipe", "-batch", "-notext", "-infiles", "node.csr", "root.csr"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        reader.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue("the reader never saw the end of the FIFO");
        reader.Result.ShouldBe(File.ReadAllText(dir.File("certs/01.pem")) + File.ReadAllText(dir.File("certs/02.pem")));
    }

    [Test]
    public void A_batch_writes_every_certificate_and_the_out_file_in_request_order()
    {
        using var dir = _ca.Copy();
        var r = CliRunner.Run(dir.Path, "", [.. Base, "-batch", "-notext", "-infiles", "node.csr", "root.csr", "san.csr", "reorder.csr"]);
        r.ExitCode.ShouldBe(0, r.Stderr);
        var files = Directory.GetFiles(dir.File("certs")).Select(Path.GetFileName).Order().ToList();
        files.ShouldBe(["01.pem", "02.pem", "03.pem", "04.pem"]);
        var all = File.ReadAllText(dir.File("out.crt"));
        all.ShouldBe(string.Concat(files.Select(f => File.ReadAllText(Path.Combine(dir.File("certs"), f!)))));
        DatabaseInvariants.Check(dir.Path, dir.File("certs"), [dir.File("out.crt")]).Count.ShouldBe(4);
    }
}
