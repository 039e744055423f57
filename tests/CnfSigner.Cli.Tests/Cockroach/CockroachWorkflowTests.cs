namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>The one-command workflow: the guide's commands, its layout, its database, keys at 0400.</summary>
public class CockroachWorkflowTests
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead;

    [Test]
    public void All_runs_the_guides_commands_with_its_exact_arguments()
    {
        using var ws = new CockroachWorkspace();
        var r = ws.Cockroach("all");
        var commands = r.Stdout.Split('\n').Where(l => l.StartsWith("$ cnfsigner ", StringComparison.Ordinal)).ToList();
        commands.ShouldBe([
            "$ cnfsigner genrsa -out my-safe-directory/ca.key 2048",
            "$ cnfsigner req -new -x509 -config ca.cnf -key my-safe-directory/ca.key -out node-certs/ca.crt -days 365 -batch",
            "$ cnfsigner genrsa -out node-certs/node.key 2048",
            "$ cnfsigner req -new -config node.cnf -key node-certs/node.key -out node.csr -batch",
            "$ cnfsigner ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert node-certs/ca.crt -policy signing_policy -extensions signing_node_req -out node-certs/node.crt -outdir node-certs/ -in node.csr -batch",
            "$ cnfsigner genrsa -out client-certs/client.root.key 2048",
            "$ cnfsigner req -new -config client.cnf -key client-certs/client.root.key -out client.root.csr -batch",
            "$ cnfsigner ca -config ca.cnf -keyfile my-safe-directory/ca.key -cert client-certs/ca.crt -policy signing_policy -extensions signing_client_req -out client-certs/client.root.crt -outdir client-certs/ -in client.root.csr -batch",
        ]);
        r.Stdout.ShouldContain("$ echo '01' > serial.txt\n");
        r.Stdout.ShouldContain("scp node-certs/ca.crt node-certs/node.crt node-certs/node.key <user>@<node address>:~/node-certs");
        r.Stdout.ShouldContain("--cert-principal-map=node.example.io:node");
    }

    [Test]
    public void All_lays_files_out_as_the_guide_does_with_keys_at_0400()
    {
        using var ws = CockroachWorkspace.WithAll();
        Directory.GetFiles(ws.File("node-certs")).Select(Path.GetFileName).Order().ShouldBe(["ca.crt", "node.crt", "node.key"]);
        Directory.GetFiles(ws.File("client-certs")).Select(Path.GetFileName).Order().ShouldBe(["ca.crt", "client.root.crt", "client.root.key"]);
        Directory.GetFiles(ws.File("my-safe-directory")).Select(Path.GetFileName).ShouldBe(["ca.key"]);
        foreach (var key in new[] { "my-safe-directory/ca.key", "node-certs/node.key", "client-certs/client.root.key" })
            File.GetUnixFileMode(ws.File(key)).ShouldBe(ReadOnly, key);
        File.ReadAllText(ws.File("serial.txt")).ShouldBe("03\n");
        File.ReadAllLines(ws.File("index.txt")).Select(l => l.Split('\t')[5]).ShouldBe(["/O=Cockroach", "/O=Cockroach/CN=root"]);
        File.ReadAllBytes(ws.File("client-certs/ca.crt")).ShouldBe(File.ReadAllBytes(ws.File("node-certs/ca.crt")));
    }

    [Test]
    [Category("Interop")]
    public void The_certificates_verify_with_openssl()
    {
        using var ws = CockroachWorkspace.WithAll();
        OpenSsl.Require();
        OpenSsl.Exec(ws.Path, "verify", "-CAfile", "node-certs/ca.crt", "-purpose", "sslserver", "node-certs/node.crt").Stdout.ShouldBe("node-certs/node.crt: OK\n");
        OpenSsl.Exec(ws.Path, "verify", "-CAfile", "client-certs/ca.crt", "-purpose", "sslclient", "client-certs/client.root.crt")
            .Stdout.ShouldBe("client-certs/client.root.crt: OK\n");
    }

    [Test]
    [Category("Interop")]
    public void Split_ca_then_split_node_and_add_client_sign_client_certificates_with_the_client_ca()
    {
        using var ws = new CockroachWorkspace();
        ws.Cockroach("create-ca");
        var split = ws.Cockroach("split-ca");
        split.Stdout.ShouldContain("$ cnfsigner req -new -x509 -config ca-client.cnf -key my-safe-directory/ca-client.key -out node-certs/ca-client.crt -days 365 -batch");
        File.ReadAllText(ws.File("serial-client.txt")).ShouldBe("01\n");
        ws.Cockroach("split-node").Stdout.ShouldContain(
            "-config ca-client.cnf -keyfile my-safe-directory/ca-client.key -cert node-certs/ca-client.crt -policy signing_policy -extensions signing_client_req -out node-certs/client.node.crt");
        ws.Cockroach("add-client");
        ws.Cockroach("add-ui");
        File.ReadAllText(ws.File("serial-client.txt")).ShouldBe("03\n"); // client.node, client.root
        File.ReadAllText(ws.File("serial.txt")).ShouldBe("03\n");        // node (server only), ui
        File.GetUnixFileMode(ws.File("my-safe-directory/ca-client.key")).ShouldBe(ReadOnly);

        var check = ws.Check("node-certs", "--host", "localhost", "--ip", "127.0.0.1");
        check.ExitCode.ShouldBe(0, check.Stdout);
        check.Stdout.ShouldContain("  Client CA | ca-client.crt");
        check.Stdout.ShouldContain("note: client.node.crt: authenticates as node");
        ws.Check("client-certs", "--client-ca", ws.File("node-certs/ca-client.crt")).ExitCode.ShouldBe(0);
        var wrongCa = ws.Check("client-certs");
        wrongCa.ExitCode.ShouldBe(1);
        wrongCa.Stdout.ShouldContain("error: client.root.crt: as a client certificate: x509: certificate signed by unknown authority");

        OpenSsl.Require();
        OpenSsl.Exec(ws.Path, "verify", "-CAfile", "node-certs/ca-client.crt", "node-certs/client.node.crt", "client-certs/client.root.crt")
            .Stdout.ShouldBe("node-certs/client.node.crt: OK\nclient-certs/client.root.crt: OK\n");
        OpenSsl.Exec(ws.Path, "verify", "-CAfile", "node-certs/ca.crt", "-purpose", "sslserver", "node-certs/node.crt", "node-certs/ui.crt")
            .Stdout.ShouldBe("node-certs/node.crt: OK\nnode-certs/ui.crt: OK\n");
        OpenSsl.Exec(ws.Path, "x509", "-in", "node-certs/node.crt", "-noout", "-ext", "extendedKeyUsage").Stdout
            .ShouldBe("X509v3 Extended Key Usage: \n    TLS Web Server Authentication\n");
    }

    [TestCase("create-ca", "my-safe-directory/ca.key exists")]
    [TestCase("add-node", "node-certs/node.key exists")]
    [TestCase("add-client", "client-certs/client.root.key exists")]
    public void A_second_run_refuses_to_overwrite(string sub, string message)
    {
        using var ws = CockroachWorkspace.WithAll();
        var before = File.ReadAllBytes(ws.File("index.txt"));
        var r = ws.Run("cockroach", sub, "-configs", CockroachWorkspace.Configs);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldStartWith($"cockroach: {message}: ");
        File.ReadAllBytes(ws.File("index.txt")).ShouldBe(before);
    }

    [Test]
    public void Adding_before_the_ca_exists_says_what_to_run()
    {
        using var ws = new CockroachWorkspace();
        var r = ws.Run("cockroach", "add-node", "-configs", CockroachWorkspace.Configs);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("cockroach: my-safe-directory/ca.key not found: run `cnfsigner cockroach create-ca` first\n");
    }

    [Test]
    public void A_missing_cnf_without_configs_comes_from_the_built_in_templates()
    {
        using var ws = new CockroachWorkspace();
        ws.Ok("cockroach", "create-ca").Stdout.ShouldStartWith("$ cp <built-in>/ca.cnf ca.cnf");
        File.ReadAllText(ws.File("ca.cnf")).ShouldBe(File.ReadAllText(Path.Combine(CockroachWorkspace.Configs, "ca.cnf")));
    }

    [Test]
    public void A_failed_guide_step_leaves_no_key_and_the_retry_succeeds()
    {
        using var ws = new CockroachWorkspace();
        ws.Cockroach("create-ca");
        File.WriteAllText(ws.File("node.cnf"), "[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\ncommonName = $nowhere::x\n");
        var r = ws.Run("cockroach", "add-node");
        r.ExitCode.ShouldBe(1);
        File.Exists(ws.File("node-certs/node.key")).ShouldBeFalse();
        File.WriteAllText(ws.File("node.cnf"), "[ req ]\nprompt = no\ndistinguished_name = dn\n[ dn ]\ncommonName = node\n"); // no O: policy
        r = ws.Run("cockroach", "add-node");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("The organizationName field needed to be supplied and was missing");
        File.Exists(ws.File("node-certs/node.key")).ShouldBeFalse();
        File.Exists(ws.File("node.csr")).ShouldBeFalse();
        File.Copy(Path.Combine(CockroachWorkspace.Configs, "node.cnf"), ws.File("node.cnf"), overwrite: true);
        ws.Cockroach("add-node");
        File.Exists(ws.File("node-certs/node.crt")).ShouldBeTrue();
    }

    [Test]
    public void The_dir_option_works_elsewhere_and_restores_the_current_directory()
    {
        using var ws = new CockroachWorkspace();
        var before = Directory.GetCurrentDirectory();
        ws.Ok("cockroach", "create-ca", "-configs", CockroachWorkspace.Configs, "-dir", "cluster");
        File.Exists(ws.File("cluster/node-certs/ca.crt")).ShouldBeTrue();
        File.Exists(ws.File("cluster/ca.cnf")).ShouldBeTrue();
        Directory.GetCurrentDirectory().ShouldBe(before);
    }

    [Test]
    public void The_user_comes_from_client_cnf()
    {
        using var ws = CockroachWorkspace.WithAll();
        File.WriteAllText(ws.File("client.cnf"), File.ReadAllText(ws.File("client.cnf")).Replace("commonName = root", "commonName = maxroach"));
        ws.Cockroach("add-client").Stdout.ShouldContain("cockroach sql --certs-dir=client-certs --user=maxroach");
        File.Exists(ws.File("client-certs/client.maxroach.crt")).ShouldBeTrue();
        ws.Check("client-certs").Stdout.ShouldContain("  Client | client.maxroach.crt | client.maxroach.key |");
    }
}
