using System.Diagnostics;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// Sixteen cnfsigner processes (the built apphost, as a user would run it) sign sixteen requests against one
/// database at once. The lock on "index.txt.lock" must serialise them: sixteen rows with distinct serials,
/// sixteen certificate files, the serial file advanced sixteen times, and openssl still accepting the database.
/// </summary>
[TestFixture, Category("Slow")] // many cnfsigner processes at once
public class ConcurrencyTests
{
    private const int Count = 16;

    [Test]
    public void Sixteen_processes_signing_at_once_get_sixteen_serials()
    {
        using var ca = new CaFixture();
        using var dir = ca.Copy();
        for (var i = 0; i < Count; i++) Request(dir, $"n{i}");

        var processes = Enumerable.Range(0, Count).Select(i => Start(dir,
            "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
            "-extensions", "signing_node_req", "-outdir", "certs/", "-batch", "-notext", "-in", $"n{i}.csr", "-out", $"n{i}.crt")).ToList();
        var results = processes.Select(p =>
        {
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, Stderr: err.Result);
        }).ToList();

        foreach (var (code, stderr) in results) code.ShouldBe(0, stderr);
        var rows = File.ReadAllLines(dir.File("index.txt")).Select(l => l.Split('\t')).ToList();
        rows.Count.ShouldBe(Count);
        rows.Select(r => r[3]).Distinct().Count().ShouldBe(Count);
        rows.Select(r => r[3]).Order().ShouldBe(Enumerable.Range(1, Count).Select(n => n.ToString("X2")));
        rows.Select(r => r[5]).Distinct().Count().ShouldBe(Count);
        Directory.GetFiles(dir.File("certs")).Length.ShouldBe(Count);
        File.ReadAllText(dir.File("serial.txt")).ShouldBe($"{Count + 1:X2}\n");
        File.Exists(dir.File("index.txt.new")).ShouldBeFalse();
        OpenSsl.RequireForItsHalf();
        for (var i = 0; i < Count; i++)
        {
            var serial = OpenSsl.Exec(dir.Path, "x509", "-in", $"n{i}.crt", "-noout", "-serial", "-subject").Stdout;
            var row = rows.Single(r => r[5] == $"/O=Cockroach/CN=n{i}");
            serial.ShouldBe($"serial={row[3]}\nsubject=O = Cockroach, CN = n{i}\n");
        }

        string[] ca_ = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt"];
        OpenSsl.Exec(dir.Path, [.. ca_, "-updatedb"]).ExitCode.ShouldBe(0);
        var crl = OpenSsl.Exec(dir.Path, [.. ca_, "-gencrl", "-crldays", "1", "-out", "crl.pem"]);
        crl.ExitCode.ShouldBe(0, crl.Stderr);
    }

    /// <summary>
    /// Six processes each sign ten requests in one run (-infiles) against one database at once: every request gets
    /// exactly one row and one certificate, serials are distinct and dense, each -out file holds its own ten
    /// certificates, and openssl accepts the result (-updatedb, -gencrl, and verifying every certificate).
    /// </summary>
    [Test]
    public void Processes_signing_many_requests_each_share_one_database()
    {
        const int processes = 6, each = 10;
        using var ca = new CaFixture();
        using var dir = ca.Copy();
        var subjects = new Dictionary<string, string>();
        for (var p = 0; p < processes; p++)
        for (var i = 0; i < each; i++)
        {
            var name = $"p{p}r{i}";
            Request(dir, name);
            subjects[name] = $"/O=Cockroach/CN={name}";
        }

        var running = Enumerable.Range(0, processes).Select(p => Start(dir,
        [
            "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
            "-extensions", "signing_node_req", "-outdir", "certs/", "-batch", "-notext", "-out", $"out{p}.pem",
            "-infiles", .. Enumerable.Range(0, each).Select(i => $"p{p}r{i}.csr"),
        ])).ToList();
        foreach (var p in running)
        {
            var r = Apphost.Finish(p);
            r.ExitCode.ShouldBe(0, r.Stderr);
        }

        var rows = DatabaseInvariants.Check(dir.Path, dir.File("certs"));
        rows.Count.ShouldBe(processes * each);
        rows.Select(r => r.Subject).Order().ShouldBe(subjects.Values.Order());
        rows.Select(r => r.Serial).Order().ShouldBe(Enumerable.Range(1, processes * each).Select(n => n.ToString("X2")));
        Directory.GetFiles(dir.File("certs")).Length.ShouldBe(processes * each);
        File.ReadAllText(dir.File("serial.txt")).ShouldBe($"{processes * each + 1:X2}\n");
        for (var p = 0; p < processes; p++)
        {
            // Each process's -out holds its own requests' certificates, each matching its row.
            var pems = File.ReadAllText(dir.File($"out{p}.pem")).Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries)
                .Where(b => b.Contains("BEGIN")).Select(b => System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(b + "-----END CERTIFICATE-----")).ToList();
            pems.Count.ShouldBe(each);
            foreach (var cert in pems)
            {
                var row = rows.Single(r => r.Subject == "/O=Cockroach/CN=" + cert.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
                row.Subject.ShouldStartWith($"/O=Cockroach/CN=p{p}r");
                System.Numerics.BigInteger.Parse("0" + cert.SerialNumber, System.Globalization.NumberStyles.HexNumber)
                    .ShouldBe(System.Numerics.BigInteger.Parse("0" + row.Serial, System.Globalization.NumberStyles.HexNumber));
            }
        }

        OpenSsl.RequireForItsHalf();
        string[] caArgs = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt"];
        OpenSsl.Exec(dir.Path, [.. caArgs, "-updatedb"]).ExitCode.ShouldBe(0);
        var crl = OpenSsl.Exec(dir.Path, [.. caArgs, "-gencrl", "-crldays", "1", "-out", "crl.pem"]);
        crl.ExitCode.ShouldBe(0, crl.Stderr);
        var verify = OpenSsl.Exec(dir.Path, ["verify", "-CAfile", "ca.crt", .. Directory.GetFiles(dir.File("certs"))]);
        verify.ExitCode.ShouldBe(0, verify.Stderr);
    }

    private static Process Start(TempDir dir, params string[] args) => Apphost.Start(dir.Path, args);

    /// <summary>A request for the fixture's leaf key, made by cnfsigner so the test needs no openssl to set up.</summary>
    private static void Request(TempDir dir, string name) =>
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", "leaf.key", "-subj", $"/O=Cockroach/CN={name}", "-out", name + ".csr")
            .ExitCode.ShouldBe(0);
}
