namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// One database worked on by both tools in turn: each step is done by the other tool than the one before. After
/// every step the files must be what the next tool expects: index.txt, serial.txt and crlnumber.txt advanced,
/// and each ".old" holding exactly the bytes the step replaced.
/// </summary>
[TestFixture, Category("Interop")]
public class HandOverTests : WithFixture<RevocationFixture>
{
    [SetUp]
    public void NeedsOpenSsl() => OpenSsl.Require();

    private static string[] Sign(string csr, string output) =>
        [.. RevocationFixture.Ca, "-policy", "signing_policy", "-extensions", "signing_node_req", "-outdir", "certs/", "-batch",
         "-notext", "-in", csr, "-out", output];

    private static readonly string[] Files = ["index.txt", "index.txt.attr", "serial.txt", "crlnumber.txt"];

    [TestCase(true, TestName = "cnfsigner_starts_openssl_continues")]
    [TestCase(false, TestName = "openssl_starts_cnfsigner_continues")]
    public void Tools_take_turns_on_one_database(bool oursFirst)
    {
        using var dir = _ca.Copy();
        File.AppendAllText(dir.File("ca.cnf"), "\n[ CA_default ]\ncrlnumber = crlnumber.txt\n");
        File.WriteAllText(dir.File("crlnumber.txt"), "0ffe\n");
        string[][] steps =
        [
            Sign("a.csr", "e.crt"),
            Sign("b.csr", "f.crt"),
            [.. RevocationFixture.Ca, "-revoke", "e.crt"],
            [.. RevocationFixture.Ca, "-revoke", "f.crt", "-crl_reason", "superseded"],
            [.. RevocationFixture.Ca, "-gencrl", "-crldays", "1", "-out", "crl1.pem"],
            [.. RevocationFixture.Ca, "-gencrl", "-crldays", "1", "-out", "crl2.pem"],
            [.. RevocationFixture.Ca, "-revoke", "a.crt", "-crl_compromise", "20240101000000Z"],
            Sign("c.csr", "g.crt"),
        ];
        var ours = oursFirst;
        foreach (var step in steps)
        {
            Step(dir, ours, step);
            ours = !ours;
        }

        File.ReadAllText(dir.File("serial.txt")).ShouldBe("08\n");
        File.ReadAllText(dir.File("serial.txt.old")).ShouldBe("07\n");
        File.ReadAllText(dir.File("crlnumber.txt")).ShouldBe("1000\n");
        File.ReadAllText(dir.File("crlnumber.txt.old")).ShouldBe("0FFF\n");
        var rows = File.ReadAllLines(dir.File("index.txt")).Select(l => l.Split('\t')).ToList();
        rows.Select(r => (r[0], r[3])).ShouldBe([("R", "01"), ("V", "02"), ("V", "03"), ("V", "04"), ("R", "05"), ("R", "06"), ("V", "07")]);
        rows[5][2].ShouldEndWith(",superseded");
        rows[0][2].ShouldEndWith(",keyTime,20240101000000Z");
        Directory.GetFiles(dir.File("certs")).Select(Path.GetFileName).Order().ShouldBe(["05.pem", "06.pem", "07.pem"]);

        // Both tools read the final database the same way: the CRLs they make from it are identical.
        using var mine = Clone(dir);
        string[] crl = [.. RevocationFixture.Ca, "-gencrl", "-crl_lastupdate", "20260101000000Z", "-crl_nextupdate", "20270101000000Z", "-out", "last.pem"];
        Run(dir, ours: false, crl);
        Run(mine, ours: true, crl);
        File.ReadAllBytes(mine.File("last.pem")).ShouldBe(File.ReadAllBytes(dir.File("last.pem")));
        File.ReadAllBytes(mine.File("crlnumber.txt")).ShouldBe(File.ReadAllBytes(dir.File("crlnumber.txt")));
    }

    private static void Step(TempDir dir, bool ours, string[] args)
    {
        var before = Files.ToDictionary(f => f, f => File.Exists(dir.File(f)) ? File.ReadAllBytes(dir.File(f)) : null);
        Run(dir, ours, args);
        foreach (var (file, old) in before)
        {
            var now = File.Exists(dir.File(file)) ? File.ReadAllBytes(dir.File(file)) : null;
            if (old == null || now == null || now.AsSpan().SequenceEqual(old)) continue;
            File.ReadAllBytes(dir.File(file + ".old")).ShouldBe(old, $"{file}.old after {(ours ? "cnfsigner" : "openssl")} {string.Join(" ", args)}");
        }
        File.Exists(dir.File("index.txt.new")).ShouldBeFalse();
        File.Exists(dir.File("serial.txt.new")).ShouldBeFalse();
    }

    private static void Run(TempDir dir, bool ours, string[] args)
    {
        var r = ours ? CliRunner.Run(dir.Path, "", args) : OpenSsl.Exec(dir.Path, args);
        r.ExitCode.ShouldBe(0, $"{(ours ? "cnfsigner" : "openssl")} {string.Join(" ", args)}\n{r.Stderr}");
    }

    private static TempDir Clone(TempDir dir)
    {
        var copy = new TempDir();
        foreach (var file in Directory.GetFiles(dir.Path)) File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        Directory.CreateDirectory(copy.File("certs"));
        return copy;
    }
}
