using CnfSigner.Cockroach.Checker;
using CnfSigner.Config;
using CnfSigner.Pki.Certificates;
using static CnfSigner.Cockroach.Workflow.GuideCommands;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>
/// The guide's steps ("Create Security Certificates using Openssl", and the custom-CA page's UI, split-node and
/// split-CA certificates) in the current directory. Keys, requests and certificates are made by running the
/// guide's own command lines through <paramref name="cnfsigner"/> (argument arrays as `cnfsigner` takes them,
/// returning its exit code), so every file is what `cnfsigner genrsa|req|ca` (and `openssl`) would write. Each
/// step is printed through <paramref name="write"/> as a command line.
/// </summary>
public sealed class CockroachWorkflow(Func<string[], int> cnfsigner, Action<string> write, string? configsDir)
{
    /// <summary>The subcommands <see cref="Run"/> takes.</summary>
    public static IReadOnlyList<string> Subcommands { get; } = ["all", "create-ca", "add-node", "add-client", "add-ui", "split-node", "split-ca"];

    // The files this run created: removed again when a step fails, so a retry starts as the first try did.
    private readonly List<string> _created = [];

    public void Run(string sub)
    {
        _created.Clear();
        try
        {
            Steps(sub);
        }
        catch
        {
            foreach (var f in Enumerable.Reverse(_created)) File.Delete(f);
            throw;
        }
    }

    private void Steps(string sub)
    {
        switch (sub)
        {
            case "create-ca": CreateCa(); break;
            case "add-node": AddNode(); break;
            case "add-client": AddClient(); break;
            case "add-ui": AddUi(); break;
            case "split-node": SplitNode(); break;
            case "split-ca": SplitCa(); break;
            default:
                CreateCa();
                AddNode();
                AddClient();
                break;
        }
    }

    // Step 1.
    private void CreateCa()
    {
        Config("ca.cnf");
        MustNotExist($"{Safe}/ca.key", "a new CA would orphan every certificate the old one signed; move it away to start over");
        Say($"$ mkdir {Nodes} {Clients} {Safe}");
        foreach (var d in new[] { Nodes, Clients, Safe }) Directory.CreateDirectory(d);
        MakeKey($"{Safe}/ca.key");
        Cnfsigner(SelfSign("ca.cnf", $"{Safe}/ca.key", $"{Nodes}/ca.crt"));
        ResetDatabase("ca.cnf");
        Say($"\nCA ready. Keep {Safe}/ca.key secret and backed up; never copy it to a node or a client.",
            $"{Nodes}/ca.crt goes to every node and every client.");
    }

    // Step 2: one node; the guide's steps 6-7 (upload, then delete the local pair) are left to the user.
    private void AddNode()
    {
        RequireCa();
        Config("node.cnf");
        MustNotExist($"{Nodes}/node.key", "copy the previous node's pair to its node, then remove node-certs/node.crt and node-certs/node.key");
        MustNotExist($"{Nodes}/node.crt", "copy the previous node's pair to its node, then remove node-certs/node.crt and node-certs/node.key");
        MakeKey($"{Nodes}/node.key");
        Cnfsigner(NewRequest("node.cnf", $"{Nodes}/node.key", "node.csr"));
        CaSign("ca.cnf", $"{Safe}/ca.key", $"{Nodes}/ca.crt", "signing_node_req", $"{Nodes}/node.crt", Nodes, "node.csr");
        RemovePem(Nodes);
        var extra = File.Exists($"{Nodes}/ca-client.crt") ? $" {Nodes}/ca-client.crt" : "";
        Say($"\nNode pair ready. Copy it to the node's certs directory, e.g.:",
            $"  scp {Nodes}/ca.crt{extra} {Nodes}/node.crt {Nodes}/node.key <user>@<node address>:~/{Nodes}",
            $"then remove the local pair before the next add-node: rm {Nodes}/node.crt {Nodes}/node.key");
        PrincipalHint($"{Nodes}/node.crt");
    }

    // Steps 3 and 5: the user is client.cnf's commonName, as in the guide (client.<username>.crt).
    private void AddClient()
    {
        RequireCa();
        Config("client.cnf");
        var user = CommonName("client.cnf") ?? throw new CnfSignerException(
            "cockroach: client.cnf has no commonName: CockroachDB needs it (the SQL user the certificate logs in as)");
        if (user.Contains('/') || user.StartsWith('.')) throw new CnfSignerException($"cockroach: commonName \"{user}\" cannot be a file name");
        MustNotExist($"{Clients}/client.{user}.key", "it already has a pair; remove it to issue a new one");
        if (!File.Exists($"{Clients}/ca.crt"))
        {
            Say($"$ cp {Nodes}/ca.crt {Clients}");
            _created.Add($"{Clients}/ca.crt");
            File.Copy($"{Nodes}/ca.crt", $"{Clients}/ca.crt");
        }
        MakeKey($"{Clients}/client.{user}.key");
        Cnfsigner(NewRequest("client.cnf", $"{Clients}/client.{user}.key", $"client.{user}.csr"));
        var (cnf, key, cert) = ClientSigner($"{Clients}/ca.crt");
        CaSign(cnf, key, cert, "signing_client_req", $"{Clients}/client.{user}.crt", Clients, $"client.{user}.csr");
        RemovePem(Clients);
        Say($"\nClient pair for user {user} ready. Copy {Clients}/ca.crt, {Clients}/client.{user}.crt and {Clients}/client.{user}.key",
            $"to the client's certs directory; connect with: cockroach sql --certs-dir={Clients} --user={user}");
    }

    // Custom-CA page: ui.crt / ui.key for the DB Console.
    private void AddUi()
    {
        RequireCa();
        Config("ui.cnf");
        MustNotExist($"{Nodes}/ui.key", "copy the previous UI pair to its node, then remove it");
        MakeKey($"{Nodes}/ui.key");
        Cnfsigner(NewRequest("ui.cnf", $"{Nodes}/ui.key", "ui.csr"));
        CaSign("ca.cnf", $"{Safe}/ca.key", $"{Nodes}/ca.crt", "signing_ui_req", $"{Nodes}/ui.crt", Nodes, "ui.csr");
        RemovePem(Nodes);
        Say($"\nUI pair ready. Copy {Nodes}/ui.crt and {Nodes}/ui.key next to node.crt on each node; browsers must trust {Nodes}/ca.crt.");
    }

    // Custom-CA page: a server-only node.crt and the node's own client certificate, CN=node.
    private void SplitNode()
    {
        RequireCa();
        Config("node-server.cnf");
        Config("client-node.cnf");
        foreach (var f in new[] { "node.key", "node.crt", "client.node.key", "client.node.crt" })
            MustNotExist($"{Nodes}/{f}", "copy the previous node's files to its node, then remove them");
        MakeKey($"{Nodes}/node.key");
        Cnfsigner(NewRequest("node-server.cnf", $"{Nodes}/node.key", "node.csr"));
        CaSign("ca.cnf", $"{Safe}/ca.key", $"{Nodes}/ca.crt", "signing_node_server_req", $"{Nodes}/node.crt", Nodes, "node.csr");
        MakeKey($"{Nodes}/client.node.key");
        Cnfsigner(NewRequest("client-node.cnf", $"{Nodes}/client.node.key", "client.node.csr"));
        var (cnf, key, cert) = ClientSigner($"{Nodes}/ca.crt");
        CaSign(cnf, key, cert, "signing_client_req", $"{Nodes}/client.node.crt", Nodes, "client.node.csr");
        RemovePem(Nodes);
        var extra = File.Exists($"{Nodes}/ca-client.crt") ? $" {Nodes}/ca-client.crt" : "";
        Say($"\nSplit node ready. Copy {Nodes}/ca.crt{extra} {Nodes}/node.crt {Nodes}/node.key {Nodes}/client.node.crt {Nodes}/client.node.key",
            "to the node's certs directory, then remove the local node.* and client.node.* files.");
    }

    // Custom-CA page: a second CA for client certificates, with its own database.
    private void SplitCa()
    {
        RequireCa();
        Config("ca-client.cnf");
        MustNotExist($"{Safe}/ca-client.key", "the client CA exists already");
        MakeKey($"{Safe}/ca-client.key");
        Cnfsigner(SelfSign("ca-client.cnf", $"{Safe}/ca-client.key", $"{Nodes}/ca-client.crt"));
        ResetDatabase("ca-client.cnf");
        Say($"\nClient CA ready: {Nodes}/ca-client.crt goes to every node (not to clients, which keep ca.crt).",
            "From now on add-client and split-node sign client certificates with it; every node needs a client.node.crt",
            "signed by it (cnfsigner cockroach split-node), and existing client certificates must be re-issued.");
    }

    private (string Cnf, string Key, string Cert) ClientSigner(string caCert) =>
        File.Exists($"{Nodes}/ca-client.crt")
            ? (Config("ca-client.cnf"), $"{Safe}/ca-client.key", $"{Nodes}/ca-client.crt")
            : ("ca.cnf", $"{Safe}/ca.key", caCert);

    private void CaSign(string cnf, string key, string cert, string extensions, string output, string outdir, string csr) =>
        Cnfsigner(Sign(cnf, key, cert, extensions, output, outdir, csr));

    private void MakeKey(string path)
    {
        Cnfsigner(NewKey(path));
        Say($"$ chmod 400 {path}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead);
    }

    private void Cnfsigner(string[] args)
    {
        Say("$ cnfsigner " + string.Join(" ", args));
        var output = Array.IndexOf(args, "-out") is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        if (output != null && !File.Exists(output)) _created.Add(output);
        if (cnfsigner(args) is var code and not 0)
            throw new CnfSignerException($"cockroach: stopped: cnfsigner {args[0]} failed", code);
    }

    // Step 1.6: "rm -f index.txt serial.txt; touch index.txt; echo '01' > serial.txt", with the names the config uses.
    private void ResetDatabase(string cnf)
    {
        var doc = CnfLoader.Load(cnf);
        var section = doc.GetString("ca", "default_ca") ?? "CA_default";
        var index = doc.GetString(section, "database") ?? "index.txt";
        var serial = doc.GetString(section, "serial") ?? "serial.txt";
        Say($"$ rm -f {index} {serial}", $"$ touch {index}", $"$ echo '01' > {serial}");
        File.Delete(index);
        File.Delete(serial);
        File.WriteAllText(index, "");
        File.WriteAllText(serial, "01\n");
    }

    // Steps 2.9, 3.7: the .pem copies written by -outdir are not used by CockroachDB.
    private void RemovePem(string dir)
    {
        var pems = Directory.GetFiles(dir, "*.pem");
        if (pems.Length == 0) return;
        Say($"$ rm {dir}/*.pem");
        foreach (var p in pems) File.Delete(p);
    }

    private string Config(string name)
    {
        if (File.Exists(name)) return name;
        var source = configsDir == null ? $"<built-in>/{name}" : Path.Combine(configsDir, name);
        var text = Templates.Read(name, configsDir);
        Say($"$ cp {source} {name}    # edit it as its comments say, then re-run");
        File.WriteAllText(name, text);
        return name;
    }

    private void RequireCa()
    {
        foreach (var f in new[] { $"{Safe}/ca.key", $"{Nodes}/ca.crt" })
            if (!File.Exists(f)) throw new CnfSignerException($"cockroach: {f} not found: run `cnfsigner cockroach create-ca` first");
    }

    private static void MustNotExist(string path, string why)
    {
        if (File.Exists(path)) throw new CnfSignerException($"cockroach: {path} exists: {why}");
    }

    private static string? CommonName(string cnf)
    {
        var doc = CnfLoader.Load(cnf);
        var dn = doc.GetString("req", "distinguished_name") ?? "distinguished_name";
        return doc.GetSection(dn)?.LastOrDefault(kv => kv.Key is "commonName" or "CN").Value;
    }

    // The guide starts the node with --cert-principal-map=<node-domain>:node because node.cnf has no CN=node.
    private void PrincipalHint(string nodeCrt)
    {
        var cert = new GoCertificateView(CertificateFiles.Load(nodeCrt, "certificate"));
        if (cert.CommonName == "node" || cert.DnsNames.Contains("node")) return;
        var example = cert.DnsNames.Count > 0 ? cert.DnsNames[^1] : "<node-domain>";
        Say($"node.crt has no CN=node: start the node with --cert-principal-map={example}:node (as the guide does), or use split-node.");
    }

    private void Say(params string[] lines)
    {
        foreach (var line in lines) write(line + "\n");
    }
}
