using CnfSigner.Cockroach.Checker;
using CnfSigner.Cockroach.Workflow;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Pkcs12;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// cnfsigner cockroach: the CockroachDB guide's genrsa / req / ca steps as one command each (no OpenSSL
/// counterpart), and a checker that predicts what CockroachDB and Go's TLS will do with a certs directory.
/// </summary>
public static class CockroachCommand
{
    private const string App = "cockroach";

    private static readonly OptionTable WorkflowTable = new(App, "create-ca|add-node|add-client|add-ui|split-node|split-ca|all [options]",
        UnknownOptions.Error,
        OptionSpec.Section("Workflow options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("dir", OptionKind.Value, "Work in this directory (created if missing; default: the current one)"),
        new OptionSpec("configs", OptionKind.Value, "Copy missing .cnf files from this directory (e.g. configs)"),
        OptionSpec.Parameter("create-ca", "CA key in my-safe-directory/, ca.crt in node-certs/, index.txt and serial.txt reset"),
        OptionSpec.Parameter("add-node", "node.key/node.crt in node-certs/ from node.cnf (signing_node_req)"),
        OptionSpec.Parameter("add-client", "client.<CN>.key/.crt in client-certs/ from client.cnf (signing_client_req)"),
        OptionSpec.Parameter("add-ui", "ui.key/ui.crt in node-certs/ from ui.cnf (signing_ui_req)"),
        OptionSpec.Parameter("split-node", "server-only node.crt (node-server.cnf) and client.node.crt (client-node.cnf)"),
        OptionSpec.Parameter("split-ca", "a client CA, ca-client.crt, from ca-client.cnf; later client certs are signed by it"),
        OptionSpec.Parameter("all", "create-ca, add-node and add-client"));

    private static readonly OptionTable CheckTable = new(App + " check", "--certs-dir DIR [options]", UnknownOptions.Error,
        OptionSpec.Section("Check options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("certs-dir", OptionKind.Value, "The certs directory to check (required)"),
        new OptionSpec("host", OptionKind.Value, "A host name or IP peers dial; repeat or comma-separate"),
        new OptionSpec("ip", OptionKind.Value, "An IP address peers dial; repeat or comma-separate"),
        new OptionSpec("cert-principal-map", OptionKind.Value, "cert-principal:db-principal,... as given to cockroach"),
        new OptionSpec("client-ca", OptionKind.InFile, "The nodes' ca-client.crt, when checking a client's directory"),
        new OptionSpec("warn-days", OptionKind.Value, "Warn this many days before expiry (default: CockroachDB's alert rules: CA 366, node 183, ui 20, client 30)"),
        new OptionSpec("node-cert-distinguished-name", OptionKind.Value, "The DN nodes are started with (--node-cert-distinguished-name)"),
        new OptionSpec("root-cert-distinguished-name", OptionKind.Value, "The DN nodes are started with (--root-cert-distinguished-name)"),
        new OptionSpec("json", OptionKind.Flag, "Print the report as JSON"));

    private static readonly OptionTable CertTable = new(App, "create-ca|create-client-ca|create-node HOST...|create-client USER|list|revoke [SERIAL] [options]",
        UnknownOptions.Error,
        OptionSpec.Section("cockroach cert options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("certs-dir", OptionKind.Value, "Certificates directory (default $COCKROACH_CERTS_DIR, else ~/.cockroach-certs)"),
        new OptionSpec("ca-key", OptionKind.Value, "CA key; its directory keeps the CA's configs, index.txt and a copy of every certificate ($COCKROACH_CA_KEY)"),
        new OptionSpec("key-size", OptionKind.Value, "RSA key size in bits (default 2048)"),
        new OptionSpec("lifetime", OptionKind.Value, "Certificate lifetime as a Go duration (CA 87840h, others 43920h, never past the CA)"),
        new OptionSpec("overwrite", OptionKind.Flag, "Replace existing files (create-ca: put the new CA in front of ca.crt; create-node/-client: renew)"),
        new OptionSpec("allow-ca-key-reuse", OptionKind.Flag, "create-ca: use the existing CA key"),
        new OptionSpec("also-generate-pkcs8-key", OptionKind.Flag, "create-client: also write client.USER.key.pk8 (PKCS#8 DER, for Java)"),
        new OptionSpec("pkcs12", OptionKind.Flag, "create-client: also write client.USER.p12 (certificate, key, CA chain; for .NET and Windows)"),
        new OptionSpec("pkcs12-passout", OptionKind.Value, "create-client --pkcs12: the export password's source (pass:, env:, file:, fd:, stdin; default: asked twice)"),
        new OptionSpec("pkcs12-legacy", OptionKind.Flag, "create-client --pkcs12: pkcs12 -legacy's algorithms (3DES, RC2-40, SHA-1 MAC) for Windows before Server 2019 and .NET Framework"),
        new OptionSpec("tenant-scope", OptionKind.Value, "create-client: tenant IDs the certificate is scoped to (URI:crdb://tenant/ID/user/USER)"),
        new OptionSpec("configs", OptionKind.Value, "Take the .cnf templates from this directory (default: the built-in ones)"),
        new OptionSpec("user", OptionKind.Value, "revoke: every client certificate of this SQL user"),
        new OptionSpec("host", OptionKind.Value, "revoke: every node certificate naming this host"),
        new OptionSpec("json", OptionKind.Flag, "list: print JSON"),
        OptionSpec.Parameter("create-ca", "ca.crt in --certs-dir, CA key at --ca-key (ca.cnf)"),
        OptionSpec.Parameter("create-client-ca", "ca-client.crt (ca-client.cnf); client certificates are then signed by it"),
        OptionSpec.Parameter("create-node", "node.crt/node.key for HOST... (node.cnf filled, kept as node.HOST.cnf)"),
        OptionSpec.Parameter("create-client", "client.USER.crt/.key (client.cnf filled, kept as client.USER.cnf)"),
        OptionSpec.Parameter("list", "every certificate the CA issued: serial, kind, subject, SANs, principals, expiry, status"),
        OptionSpec.Parameter("revoke", "revoke by serial, --user or --host (ca -revoke)"),
        OptionSpec.Parameter("init-configs DIR", "write the built-in .cnf templates to DIR"));

    private static readonly OptionTable SecretsTable = new(App + " k8s-secrets", "--certs-dir DIR -o FILE|- [options]", UnknownOptions.Error,
        OptionSpec.Section("k8s-secrets options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("certs-dir", OptionKind.Value, "Certificates directory (default $COCKROACH_CERTS_DIR, else ~/.cockroach-certs)"),
        new OptionSpec("namespace", OptionKind.Value, "metadata.namespace of every Secret (default: kubectl's current one)"),
        new OptionSpec("name-prefix", OptionKind.Value, $"Secret names PREFIX-node, PREFIX-root, PREFIX-client-USER (default {KubernetesSecrets.DefaultPrefix})"),
        new OptionSpec("o", OptionKind.Value, "Output file (written 0600), or - for standard output (required: the manifests hold keys)"),
        new OptionSpec("output", OptionKind.Value, "Same as -o"));

    private static readonly HashSet<string> CertSubcommands = ["create-client-ca", "create-node", "create-client", "list", "revoke"];

    public static int Run(string[] args, Terminal terminal)
    {
        var sub = args.Length > 0 ? args[0] : "";
        if (sub == "check") return Check(args[1..], terminal);
        if (sub == "init-configs") return InitConfigs(args[1..], terminal);
        if (sub == "k8s-secrets") return K8sSecrets(args[1..], terminal);
        if (CertSubcommands.Contains(sub) || (sub is "create-ca" or "add-node" or "add-client" && CertStyle(args[1..])))
            return Cert(sub switch { "add-node" => "create-node", "add-client" => "create-client", _ => sub }, args[1..], terminal);
        if (!CockroachWorkflow.Subcommands.Contains(sub))
        {
            if (sub is "-help" or "--help" or "help")
                throw new CnfSignerException(string.Join("\n\n", CertTable.HelpText(), SecretsTable.HelpText(), WorkflowTable.HelpText(), CheckTable.HelpText()), 0);
            throw WorkflowTable.UsageError(sub.Length == 0 ? "missing subcommand" : $"unknown subcommand: {sub}");
        }
        var o = WorkflowTable.Parse(args[1..]);
        if (o.Positionals.Count > 0) throw WorkflowTable.UsageError($"extra arguments: {string.Join(" ", o.Positionals)}");
        var configs = o.Value("configs") is { } c ? Path.GetFullPath(c) : null;
        var dir = o.Value("dir");
        var old = Directory.GetCurrentDirectory();
        if (dir != null)
        {
            Directory.CreateDirectory(dir);
            Directory.SetCurrentDirectory(dir);
        }
        try
        {
            // Each step's genrsa / req / ca runs in process, through the same dispatcher as `cnfsigner genrsa|req|ca`.
            new CockroachWorkflow(stepArgs => Cli.Run(stepArgs, terminal), terminal.Write, configs).Run(sub);
            return 0;
        }
        finally
        {
            Directory.SetCurrentDirectory(old);
        }
    }

    // The guide's steps take -dir/-configs only; `cockroach cert`'s vocabulary (a certs dir, a CA key, hosts or a
    // user) selects the certificate workflow for create-ca and the add-node/add-client aliases.
    private static bool CertStyle(string[] args)
    {
        if (Env("COCKROACH_CA_KEY") != null) return true;
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith('-')) return true; // a host or a user
            var name = args[i].TrimStart('-');
            if (name is "configs" or "dir") i++;
            else if (name.Split('=')[0] is not ("configs" or "dir" or "help")) return true;
        }
        return false;
    }

    private static int Cert(string sub, string[] args, Terminal terminal)
    {
        var o = CertTable.Parse(OptionsFirst(args));
        var caKey = o.Value("ca-key") ?? Env("COCKROACH_CA_KEY") ?? throw CertTable.UsageError("required flag(s) \"ca-key\" not set");
        var certsDir = o.Value("certs-dir") ?? Env("COCKROACH_CERTS_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cockroach-certs");
        var keySize = 2048;
        if (o.Value("key-size") is { } ks && (!int.TryParse(ks, out keySize) || keySize < 512 || keySize > 16384))
            throw CertTable.UsageError($"invalid argument \"{ks}\" for \"--key-size\" flag");
        TimeSpan? lifetime = o.Value("lifetime") is { } l ? GoDuration.Parse(l) : null;
        if (lifetime is { } lt && lt <= TimeSpan.Zero) throw CertTable.UsageError($"invalid argument \"{o.Value("lifetime")}\" for \"--lifetime\" flag: must be positive");
        foreach (var name in new[] { "pkcs12-passout", "pkcs12-legacy" })
            if (o.Has(name) && !o.Has("pkcs12")) throw CertTable.UsageError($"--{name} is only used with --pkcs12");
        if (o.Has("pkcs12") && sub != "create-client") throw CertTable.UsageError("--pkcs12 is a create-client option");
        // Asked before anything is made, as openssl pkcs12 -export does; never taken from the command line unless pass: says so.
        var pkcs12Password = !o.Has("pkcs12") ? null
            : o.Value("pkcs12-passout") is { } passOut ? PassphraseSource.Resolve(passOut, terminal.In)
            : Pkcs12Export.AskExportPassword(terminal.Prompts);
        var fullKey = Path.GetFullPath(caKey);
        var caDir = Path.GetDirectoryName(fullKey)!;
        if (sub == "create-ca" || sub == "create-client-ca") CertWorkflow.CreatePrivateDirectory(caDir);
        else if (!Directory.Exists(caDir)) throw new CnfSignerException($"cockroach: CA key {caKey} not found");
        var options = new CertOptions(Path.GetRelativePath(caDir, Path.GetFullPath(certsDir)).Replace('\\', '/'), Path.GetFileName(fullKey),
            o.Value("configs") is { } c ? Path.GetFullPath(c) : null, terminal.Clock.GetUtcNow().UtcDateTime, keySize, lifetime,
            o.Has("overwrite"), o.Has("allow-ca-key-reuse"), o.Has("also-generate-pkcs8-key"),
            o.Value("tenant-scope") is { } t ? Split(t).ToList() : null, pkcs12Password, o.Has("pkcs12-legacy"));
        var positionals = o.Positionals;
        void NoPositionals()
        {
            if (positionals.Count > 0) throw CertTable.UsageError($"extra arguments: {string.Join(" ", positionals)}");
        }
        var old = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(caDir);
        try
        {
            var workflow = new CertWorkflow(stepArgs => Cli.Run(stepArgs, terminal), terminal.Write, options);
            switch (sub)
            {
                case "create-ca": NoPositionals(); workflow.CreateCa("ca"); break;
                case "create-client-ca": NoPositionals(); workflow.CreateCa("ca-client"); break;
                case "create-node": workflow.CreateNode(positionals.ToList()); break;
                case "create-client":
                    if (positionals.Count != 1) throw CertTable.UsageError("create-client takes one SQL user name");
                    workflow.CreateClient(positionals[0]);
                    break;
                case "list":
                    NoPositionals();
                    var list = IssuedCertificates.Read(options.Now);
                    terminal.Write(o.Has("json") ? IssuedCertificates.Json(list) : IssuedCertificates.Text(list));
                    break;
                default:
                    var given = (positionals.Count > 0 ? 1 : 0) + (o.Has("user") ? 1 : 0) + (o.Has("host") ? 1 : 0);
                    if (given != 1 || positionals.Count > 1) throw CertTable.UsageError("revoke takes one SERIAL, or --user USER, or --host HOST");
                    workflow.Revoke(positionals.FirstOrDefault(), o.Value("user"), o.Value("host"));
                    break;
            }
            return 0;
        }
        finally
        {
            Directory.SetCurrentDirectory(old);
        }
    }

    // cobra (cockroach's flag parser) takes flags between and after positionals; OptionTable stops at the first one.
    private static readonly HashSet<string> ValueOptions = ["certs-dir", "ca-key", "key-size", "lifetime", "tenant-scope", "configs", "user", "host", "pkcs12-passout"];

    private static string[] OptionsFirst(string[] args)
    {
        var options = new List<string>();
        var positionals = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--") { positionals.AddRange(args[(i + 1)..]); break; }
            if (args[i].Length < 2 || args[i][0] != '-') { positionals.Add(args[i]); continue; }
            options.Add(args[i]);
            var name = args[i].TrimStart('-');
            if (!name.Contains('=') && ValueOptions.Contains(name) && i + 1 < args.Length) options.Add(args[++i]);
        }
        return [.. options, .. positionals.Count > 0 ? ["--", .. positionals] : Array.Empty<string>()];
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static int InitConfigs(string[] args, Terminal terminal)
    {
        var dir = args.Length == 1 && !args[0].StartsWith('-') ? args[0] : throw CertTable.UsageError("init-configs takes one directory");
        Directory.CreateDirectory(dir);
        var existing = Templates.Names.Where(n => File.Exists(Path.Combine(dir, n))).ToList();
        if (existing.Count > 0) throw new CnfSignerException($"cockroach: {Path.Combine(dir, existing[0])} exists: nothing written");
        foreach (var name in Templates.Names)
        {
            File.WriteAllText(Path.Combine(dir, name), Templates.Read(name, null));
            terminal.Write(Path.Combine(dir, name) + "\n");
        }
        return 0;
    }

    private static int K8sSecrets(string[] args, Terminal terminal)
    {
        var o = SecretsTable.Parse(args);
        if (o.Positionals.Count > 0) throw SecretsTable.UsageError($"extra arguments: {string.Join(" ", o.Positionals)}");
        var output = o.Value("o") ?? o.Value("output") ?? throw SecretsTable.UsageError("-o FILE (or - for standard output) is required");
        var certsDir = o.Value("certs-dir") ?? Env("COCKROACH_CERTS_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cockroach-certs");
        var secrets = KubernetesSecrets.Plan(certsDir, o.Value("name-prefix") ?? KubernetesSecrets.DefaultPrefix);
        var pending = new PendingOutput();
        pending.Add(output == "-" ? null : output, KubernetesSecrets.Manifests(secrets, o.Value("namespace")), secret: true);
        pending.Commit(terminal);
        terminal.Err.Write(string.Concat(secrets.Select(s => $"secret {s.Name}: {s.Data[1].File}, {s.Data[2].File}, {s.Data[0].File}\n")));
        return 0;
    }

    private static int Check(string[] args, Terminal terminal)
    {
        var o = CheckTable.Parse(args);
        if (o.Positionals.Count > 0) throw CheckTable.UsageError($"extra arguments: {string.Join(" ", o.Positionals)}");
        var dir = o.Value("certs-dir") ?? throw CheckTable.UsageError("--certs-dir is required");
        var hosts = o.Values("host").SelectMany(Split).ToList();
        foreach (var ip in o.Values("ip").SelectMany(Split))
        {
            if (!System.Net.IPAddress.TryParse(ip.Trim('[', ']'), out _)) throw CheckTable.UsageError($"not an IP address: {ip}");
            hosts.Add(ip);
        }
        int? warnDays = null;
        if (o.Value("warn-days") is { } wd)
            warnDays = int.TryParse(wd, out var days) && days >= 0 ? days : throw CheckTable.UsageError($"invalid --warn-days: {wd}");
        var nodeDn = o.Value("node-cert-distinguished-name");
        var rootDn = o.Value("root-cert-distinguished-name");
        foreach (var dn in new[] { nodeDn, rootDn }) if (dn != null) DistinguishedName.Parse(dn);
        var options = new CheckOptions(hosts, PrincipalMap.Parse(o.Values("cert-principal-map")), terminal.Clock.GetUtcNow().UtcDateTime,
            Environment.GetEnvironmentVariable(KeyPermissions.SkipVariable), UnixFiles.ProcessGid(), o.Value("client-ca"), warnDays, nodeDn, rootDn);
        var report = CertsDirChecker.Check(dir, options);
        terminal.Write(o.Has("json") ? ReportWriter.Json(report) : ReportWriter.Text(report));
        return report.Errors > 0 ? 1 : 0;
    }

    private static IEnumerable<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
