using CnfSigner.Cockroach.Checker;
using CnfSigner.Cockroach.Workflow;
using CnfSigner.Pki.Io;

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
        new OptionSpec("json", OptionKind.Flag, "Print the report as JSON"));

    public static int Run(string[] args, Terminal terminal)
    {
        var sub = args.Length > 0 ? args[0] : "";
        if (sub == "check") return Check(args[1..], terminal);
        if (!CockroachWorkflow.Subcommands.Contains(sub))
        {
            if (sub is "-help" or "--help") throw new CnfSignerException(WorkflowTable.HelpText() + CheckTable.HelpText(), 0);
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
        var options = new CheckOptions(hosts, PrincipalMap.Parse(o.Values("cert-principal-map")), terminal.Clock.GetUtcNow().UtcDateTime,
            Environment.GetEnvironmentVariable(KeyPermissions.SkipVariable), UnixFiles.ProcessGid(), o.Value("client-ca"));
        var report = CertsDirChecker.Check(dir, options);
        terminal.Write(o.Has("json") ? ReportWriter.Json(report) : ReportWriter.Text(report));
        return report.Errors > 0 ? 1 : 0;
    }

    private static IEnumerable<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
