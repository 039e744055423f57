using System.Text;
using CnfSigner.Cockroach.Workflow;

namespace CnfSigner.Cockroach.Tests.Workflow;

/// <summary>
/// The guide's workflow without the CLI: a recording runner stands in for `cnfsigner genrsa|req|ca` (it writes a
/// placeholder at each -out), so the steps, their order, the printed lines, the refusals and the database reset are
/// checked here; the real commands run in tests/CnfSigner.Cli.Tests/Cockroach.
/// </summary>
[NonParallelizable] // the workflow works in the current directory
public class CockroachWorkflowTests
{
    private static readonly string Configs = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs"));

    private readonly List<string[]> _runs = [];
    private readonly StringBuilder _out = new();
    private string _dir = null!;
    private string _old = null!;
    private int _exitCode;

    [SetUp]
    public void Enter()
    {
        // NUnit reuses one fixture instance for every test.
        _runs.Clear();
        _out.Clear();
        _exitCode = 0;
        _old = Directory.GetCurrentDirectory();
        _dir = Path.Combine(Path.GetTempPath(), "cnfsigner-cockroach-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        Directory.SetCurrentDirectory(_dir);
    }

    [TearDown]
    public void Leave()
    {
        Directory.SetCurrentDirectory(_old);
        Directory.Delete(_dir, recursive: true);
    }

    private int Record(string[] args)
    {
        _runs.Add(args);
        if (_exitCode != 0) return _exitCode;
        var output = Array.IndexOf(args, "-out");
        if (output >= 0) File.WriteAllText(args[output + 1], args[0]);
        return 0;
    }

    private void Run(string sub, string? configs = null) => new CockroachWorkflow(Record, text => _out.Append(text), configs ?? Configs).Run(sub);

    [Test]
    public void Create_ca_prints_the_guides_steps_and_runs_its_commands()
    {
        Run("create-ca");
        _out.ToString().ShouldBe(
            $"$ cp {Configs}/ca.cnf ca.cnf    # edit it as its comments say, then re-run\n" +
            "$ mkdir node-certs client-certs my-safe-directory\n" +
            "$ cnfsigner genrsa -out my-safe-directory/ca.key 2048\n" +
            "$ chmod 400 my-safe-directory/ca.key\n" +
            "$ cnfsigner req -new -x509 -config ca.cnf -key my-safe-directory/ca.key -out node-certs/ca.crt -days 365 -batch\n" +
            "$ rm -f index.txt serial.txt\n$ touch index.txt\n$ echo '01' > serial.txt\n" +
            "\nCA ready. Keep my-safe-directory/ca.key secret and backed up; never copy it to a node or a client.\n" +
            "node-certs/ca.crt goes to every node and every client.\n");
        _runs.ShouldBe([
            GuideCommands.NewKey("my-safe-directory/ca.key"),
            GuideCommands.SelfSign("ca.cnf", "my-safe-directory/ca.key", "node-certs/ca.crt"),
        ]);
        Directory.Exists("client-certs").ShouldBeTrue();
        File.ReadAllText("index.txt").ShouldBe("");
        File.ReadAllText("serial.txt").ShouldBe("01\n");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode("my-safe-directory/ca.key").ShouldBe(UnixFileMode.UserRead);
    }

    [Test]
    public void Split_ca_resets_the_client_cas_own_database()
    {
        Run("create-ca");
        _out.Clear();
        Run("split-ca");
        _runs[^1].ShouldBe(GuideCommands.SelfSign("ca-client.cnf", "my-safe-directory/ca-client.key", "node-certs/ca-client.crt"));
        _out.ToString().ShouldContain("$ rm -f index-client.txt serial-client.txt\n$ touch index-client.txt\n$ echo '01' > serial-client.txt\n");
        File.ReadAllText("serial-client.txt").ShouldBe("01\n");
    }

    [Test]
    public void The_guides_signing_command_line()
    {
        GuideCommands.Sign("ca.cnf", "my-safe-directory/ca.key", "node-certs/ca.crt", "signing_node_req", "node-certs/node.crt", "node-certs", "node.csr")
            .ShouldBe(["ca", "-config", "ca.cnf", "-keyfile", "my-safe-directory/ca.key", "-cert", "node-certs/ca.crt", "-policy", "signing_policy",
                "-extensions", "signing_node_req", "-out", "node-certs/node.crt", "-outdir", "node-certs/", "-in", "node.csr", "-batch"]);
        GuideCommands.NewRequest("node.cnf", "node-certs/node.key", "node.csr")
            .ShouldBe(["req", "-new", "-config", "node.cnf", "-key", "node-certs/node.key", "-out", "node.csr", "-batch"]);
    }

    [TestCase("add-node")]
    [TestCase("add-client")]
    [TestCase("add-ui")]
    [TestCase("split-node")]
    [TestCase("split-ca")]
    public void Adding_before_the_ca_exists_says_what_to_run(string sub)
    {
        Should.Throw<CnfSignerException>(() => Run(sub)).Message
            .ShouldBe("cockroach: my-safe-directory/ca.key not found: run `cnfsigner cockroach create-ca` first");
        _runs.ShouldBeEmpty();
    }

    [Test]
    public void A_second_create_ca_refuses_before_running_anything()
    {
        Run("create-ca");
        _runs.Clear();
        Should.Throw<CnfSignerException>(() => Run("create-ca")).Message.ShouldBe(
            "cockroach: my-safe-directory/ca.key exists: a new CA would orphan every certificate the old one signed; move it away to start over");
        _runs.ShouldBeEmpty();
    }

    [Test]
    public void A_missing_cnf_without_configs_is_the_built_in_template()
    {
        new CockroachWorkflow(Record, text => _out.Append(text), null).Run("create-ca");
        _out.ToString().ShouldStartWith("$ cp <built-in>/ca.cnf ca.cnf");
        File.ReadAllText("ca.cnf").ShouldBe(File.ReadAllText(Path.Combine(Configs, "ca.cnf")));
    }

    [Test]
    public void A_failed_step_removes_what_it_created()
    {
        Run("create-ca");
        _runs.Clear();
        Func<string[], int> FailAt(string command) => args =>
        {
            if (args[0] != command) return Record(args);
            _runs.Add(args);
            return 1;
        };
        Should.Throw<CnfSignerException>(() => new CockroachWorkflow(FailAt("req"), _ => { }, Configs).Run("add-node"))
            .Message.ShouldBe("cockroach: stopped: cnfsigner req failed");
        File.Exists("node-certs/node.key").ShouldBeFalse(); // so the retry is not told to copy a pair that was never made
        _runs.Clear();
        Should.Throw<CnfSignerException>(() => new CockroachWorkflow(FailAt("ca"), _ => { }, Configs).Run("add-node"))
            .Message.ShouldBe("cockroach: stopped: cnfsigner ca failed"); // the retry ran again, up to the signing
        _runs.Select(r => r[0]).ShouldBe(["genrsa", "req", "ca"]);
        File.Exists("node-certs/node.key").ShouldBeFalse();
        File.Exists("node.csr").ShouldBeFalse();
    }

    [TestCase("", "cockroach: client.cnf has no commonName: CockroachDB needs it (the SQL user the certificate logs in as)")]
    [TestCase("commonName = a/b", "cockroach: commonName \"a/b\" cannot be a file name")]
    [TestCase("commonName = .hidden", "cockroach: commonName \".hidden\" cannot be a file name")]
    public void The_client_cnfs_common_name_must_be_a_user_and_a_file_name(string line, string message)
    {
        Run("create-ca");
        File.WriteAllText("client.cnf", $"[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\norganizationName = Cockroach\n{line}\n");
        Should.Throw<CnfSignerException>(() => Run("add-client")).Message.ShouldBe(message);
    }

    [Test]
    public void A_failing_command_stops_the_workflow_with_its_exit_code()
    {
        _exitCode = 3;
        var e = Should.Throw<CnfSignerException>(() => Run("all"));
        e.Message.ShouldBe("cockroach: stopped: cnfsigner genrsa failed");
        e.ExitCode.ShouldBe(3);
        _runs.Count.ShouldBe(1);
    }
}
