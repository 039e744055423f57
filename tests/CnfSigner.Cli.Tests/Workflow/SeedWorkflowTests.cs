namespace CnfSigner.Cli.Tests.Workflow;

/// <summary>
/// The seed document's steps 1–3 and 5, verbatim with openssl replaced by cnfsigner, judged by the real openssl;
/// then the same request signed by both tools on copies of one database.
/// </summary>
public class SeedWorkflowTests
{
    private static readonly string Configs = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs");

    private static TempDir NewWorkspace()
    {
        var dir = new TempDir();
        foreach (var f in new[] { "ca.cnf", "node.cnf", "client.cnf" }) File.Copy(Path.Combine(Configs, f), dir.File(f));
        foreach (var d in new[] { "node-certs", "client-certs", "my-safe-directory" }) Directory.CreateDirectory(dir.File(d));
        return dir;
    }

    private static void Ok(TempDir dir, params string[] args)
    {
        var r = CliRunner.Run(dir.Path, "", args);
        r.ExitCode.ShouldBe(0, $"cnfsigner {string.Join(" ", args)}\n{r.Stderr}");
    }

    private static void CreateCa(TempDir dir)
    {
        Ok(dir, "genrsa", "-out", "my-safe-directory/ca.key", "2048");
        Ok(dir, "req", "-new", "-x509", "-config", "ca.cnf", "-key", "my-safe-directory/ca.key", "-out", "node-certs/ca.crt", "-days", "365", "-batch");
        File.WriteAllText(dir.File("index.txt"), "");
        File.WriteAllText(dir.File("serial.txt"), "01\n");
    }

    private static string[] Sign(string extensions, string csr, string outFile, string certsDir, string caCrt) =>
    [
        "ca", "-config", "ca.cnf", "-keyfile", "my-safe-directory/ca.key", "-cert", caCrt, "-policy", "signing_policy",
        "-extensions", extensions, "-out", outFile, "-outdir", certsDir, "-in", csr, "-batch",
    ];

    [Test]
    public void The_whole_seed_workflow_runs_and_openssl_verifies_every_certificate()
    {
        using var dir = NewWorkspace();
        CreateCa(dir);
        Ok(dir, "genrsa", "-out", "node-certs/node.key", "2048");
        Ok(dir, "req", "-new", "-config", "node.cnf", "-key", "node-certs/node.key", "-out", "node.csr", "-batch");
        Ok(dir, Sign("signing_node_req", "node.csr", "node-certs/node.crt", "node-certs/", "node-certs/ca.crt"));
        File.Copy(dir.File("node-certs/ca.crt"), dir.File("client-certs/ca.crt"));
        Ok(dir, "genrsa", "-out", "client-certs/client.root.key", "2048");
        Ok(dir, "req", "-new", "-config", "client.cnf", "-key", "client-certs/client.root.key", "-out", "client.root.csr", "-batch");
        Ok(dir, Sign("signing_client_req", "client.root.csr", "client-certs/client.root.crt", "client-certs/", "client-certs/ca.crt"));

        File.ReadAllText(dir.File("serial.txt")).ShouldBe("03\n");
        File.ReadAllText(dir.File("serial.txt.old")).ShouldBe("02\n");
        File.ReadAllText(dir.File("index.txt.attr")).ShouldBe("unique_subject = no\n");
        var rows = File.ReadAllLines(dir.File("index.txt")).Select(l => l.Split('\t')).ToList();
        rows.Select(r => (r[0], r[2], r[3], r[4], r[5])).ShouldBe([("V", "", "01", "unknown", "/O=Cockroach"), ("V", "", "02", "unknown", "/O=Cockroach/CN=root")]);
        File.ReadAllBytes(dir.File("node-certs/01.pem")).ShouldBe(File.ReadAllBytes(dir.File("node-certs/node.crt")));
        File.ReadAllText(dir.File("client-certs/client.root.crt")).ShouldContain("        Subject: O=Cockroach, CN=root\n");
        File.GetUnixFileMode(dir.File("node-certs/node.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        OpenSsl.RequireForItsHalf();
        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "node-certs/ca.crt", "node-certs/node.crt", "client-certs/client.root.crt")
            .Stdout.ShouldBe("node-certs/node.crt: OK\nclient-certs/client.root.crt: OK\n");
        OpenSsl.Exec(dir.Path, "rsa", "-check", "-noout", "-in", "node-certs/node.key").Stdout.ShouldBe("RSA key ok\n");
        OpenSsl.Exec(dir.Path, "req", "-verify", "-noout", "-in", "node.csr").Stderr.ShouldContain("verify OK");
        var san = OpenSsl.Exec(dir.Path, "x509", "-in", "node-certs/node.crt", "-noout", "-ext", "subjectAltName").Stdout;
        san.ShouldBe("X509v3 Subject Alternative Name: critical\n    DNS:localhost, DNS:node.example.io, IP Address:127.0.0.1\n");
    }

    [Test, Category("Interop")]
    public void The_same_request_signed_by_openssl_and_cnfsigner_gives_identical_files()
    {
        OpenSsl.Require();
        using var dir = NewWorkspace();
        CreateCa(dir);
        Ok(dir, "genrsa", "-out", "node.key", "2048");
        Ok(dir, "req", "-new", "-config", "node.cnf", "-key", "node.key", "-out", "node.csr", "-batch");
        foreach (var side in new[] { "ours", "theirs" })
        {
            Directory.CreateDirectory(dir.File(side));
            foreach (var f in new[] { "index.txt", "serial.txt" }) File.Copy(dir.File(f), dir.File($"{side}/{f}"));
            File.WriteAllText(dir.File($"{side}/ca.cnf"), File.ReadAllText(dir.File("ca.cnf")));
        }
        // Fixed dates make the two certificates byte-identical: RSA PKCS#1 v1.5 signatures are deterministic.
        string[] Args(string side) => ["ca", "-config", "ca.cnf", "-keyfile", "../my-safe-directory/ca.key", "-cert", "../node-certs/ca.crt",
            "-policy", "signing_policy", "-extensions", "signing_node_req", "-out", "node.crt", "-outdir", ".", "-in", "../node.csr",
            "-batch", "-startdate", "261125000000Z", "-enddate", "271125000000Z"];
        var ours = CliRunner.Run(dir.File("ours"), "", Args("ours"));
        var theirs = OpenSsl.Exec(dir.File("theirs"), Args("theirs"));
        ours.ExitCode.ShouldBe(0, ours.Stderr);
        theirs.ExitCode.ShouldBe(0, theirs.Stderr);

        foreach (var f in new[] { "node.crt", "01.pem", "index.txt", "index.txt.attr", "index.txt.old", "serial.txt", "serial.txt.old" })
            File.ReadAllBytes(dir.File($"ours/{f}")).ShouldBe(File.ReadAllBytes(dir.File($"theirs/{f}")), f);
        ours.Stderr.ShouldMatchExceptDayCount(theirs.Stderr);
    }
}
