namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// Read-only directories and files. The suite runs as root, for whom permissions do not apply, so cnfsigner runs
/// as `nobody` through runuser on a copy of the CA that nobody can read but (except where a case says) not write.
/// Skipped, with the reason, where the tests do not run as root or runuser is missing.
/// </summary>
[TestFixture, Category("Slow")] // processes run as nobody
public class PermissionTests
{
    private HardeningFixture _fixture = null!;

    [OneTimeSetUp]
    public void Setup() => _fixture = new HardeningFixture();

    private TempDir? _reachable;

    [OneTimeTearDown]
    public void TearDown()
    {
        _fixture?.Dispose();
        _reachable?.Dispose();
    }

    // name, what nobody may write (paths relative to the CA directory; "." is the directory itself), command, message
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string[] writable, string message, params string[] args) =>
            new TestCaseData(writable, message, args).SetName("permission/" + name);
        string[] db = [".", "index.txt", "index.txt.attr", "index.txt.lock", "serial.txt", "index.txt.old", "index.txt.attr.old", "serial.txt.old"];
        yield return Case("ca_in_read_only_directory", [], "unable to lock the CA database \"index.txt.lock\": Permission denied", BadInputCorpus.Sign);
        yield return Case("ca_outdir_read_only", db, "Can't open \"certs/02.pem\" for writing, Permission denied", BadInputCorpus.Sign);
        yield return Case("ca_out_file_read_only", [.. db, "certs"], "Can't open \"node.crt\" for writing, Permission denied",
            [.. BadInputCorpus.Sign[..^3], "node.crt", "-in", "node.csr"]);
        yield return Case("ca_key_unreadable", db, "ca.key", BadInputCorpus.Sign);
        yield return Case("genrsa_into_read_only_directory", [], "Can't open \"new.key\" for writing, Permission denied", "genrsa", "-out", "new.key", "1024");
        yield return Case("req_keyout_into_read_only_directory", [], "Permission denied",
            "req", "-new", "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=x", "-keyout", "new.key", "-out", "/dev/null");
        yield return Case("x509_out_existing_read_only", ["."], "Can't open \"node.crt\" for writing, Permission denied",
            "x509", "-in", "node.crt", "-out", "node.crt");
        yield return Case("gencrl_out_read_only_directory", db, "Can't open \"sub/new.crl\" for writing, Permission denied",
            "ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-gencrl", "-crldays", "1", "-out", "sub/new.crl");
    }

    [TestCaseSource(nameof(Cases))]
    public void Unwritable_places_fail_cleanly_and_change_nothing(string[] writable, string message, string[] args)
    {
        if (Environment.UserName != "root") Assert.Ignore("runs cnfsigner as nobody through runuser, which needs root");
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser")) Assert.Ignore("runuser is not installed");
        var cnfsigner = CommandLineForNobody();
        using var dir = _fixture.Copy();
        Directory.CreateDirectory(dir.File("sub"));
        // Everything readable by nobody (keys too) except where a case says; writable only where it says.
        foreach (var entry in Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Append(dir.Path))
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        if (message == "ca.key") File.SetUnixFileMode(dir.File("ca.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var path in writable) Chown(dir.File(path));
        var before = DirectorySnapshot.WithModes(dir.Path);

        var r = Apphost.RunProgram(dir.Path, ["runuser", "-u", "nobody", "--", .. cnfsigner, .. args]);

        r.ExitCode.ShouldBe(1, r.Stderr);
        BadInputTests.AssertCleanMessage(r.Stderr);
        r.Stderr.ShouldContain(message, Case.Sensitive, r.Stderr);
        DirectorySnapshot.WithModes(dir.Path).ShouldBe(before);
    }

    /// <summary>
    /// The built cnfsigner as nobody can run it. A checkout under a private directory (CI clones into mktemp -d,
    /// 0700) is out of nobody's reach, so the executable and its assemblies are then copied to a world-readable
    /// directory once; the test is skipped only if even that copy does not run.
    /// </summary>
    private string[] CommandLineForNobody()
    {
        string[] Probe(string[] commandLine) =>
            Apphost.RunProgram("/", ["runuser", "-u", "nobody", "--", .. commandLine, "conf", "-help"]).ExitCode == 0 ? commandLine : [];
        if (Probe(Apphost.CommandLine()) is [_, ..] direct) return direct;
        if (_reachable == null)
        {
            _reachable = new TempDir();
            var here = TestContext.CurrentContext.TestDirectory;
            foreach (var file in Directory.GetFiles(here).Where(f => Path.GetFileName(f) is var n &&
                         (n.StartsWith("cnfsigner", StringComparison.Ordinal) || n is "CnfSigner.Pki.dll" or "CnfSigner.Config.dll"
                          or "BouncyCastle.Cryptography.dll" or "Sprache.dll")))
                File.Copy(file, _reachable.File(Path.GetFileName(file)));
            File.SetUnixFileMode(_reachable.Path, (UnixFileMode)0b111_101_101);
        }
        var copied = File.Exists(_reachable.File("cnfsigner"))
            ? new[] { _reachable.File("cnfsigner") } : ["dotnet", _reachable.File("cnfsigner.dll")];
        if (Probe(copied) is [_, ..] reachable) return reachable;
        Assert.Ignore("nobody cannot run cnfsigner, not even a copy in a world-readable directory");
        return [];
    }

    private static void Chown(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return;
        var r = Apphost.RunProgram("/", "chown", "nobody", path);
        r.ExitCode.ShouldBe(0, r.Stderr);
    }
}
