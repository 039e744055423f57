using System.Text;
using System.Text.RegularExpressions;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>
/// `cockroach k8s-secrets`: a certs directory as the Kubernetes Secrets the CockroachDB Helm chart
/// (tls.certs.provided with tls.certs.tlsSecret: nodeSecret, clientRootSecret) and the CockroachDB operator
/// (nodeTLSSecret, clientTLSSecret) mount: type kubernetes.io/tls with the keys ca.crt, tls.crt and tls.key.
/// PREFIX-node holds node.crt/node.key, PREFIX-root client.root.crt/.key, PREFIX-client-USER every other client.
/// </summary>
public static partial class KubernetesSecrets
{
    public const string DefaultPrefix = "cockroachdb";

    /// <summary>One Secret: its name and its data (key name, file) in manifest order.</summary>
    public sealed record Secret(string Name, IReadOnlyList<(string Key, string File)> Data);

    /// <summary>The Secrets a certs directory makes; refuses names Kubernetes would refuse, a missing CA or key.</summary>
    public static IReadOnlyList<Secret> Plan(string certsDir, string prefix)
    {
        CheckName(prefix, "--name-prefix");
        var ca = Path.Combine(certsDir, "ca.crt");
        if (!Directory.Exists(certsDir)) throw CertWorkflow.Fail($"{certsDir}: no such directory");
        if (!File.Exists(ca)) throw CertWorkflow.Fail($"{ca} not found: every secret carries it as ca.crt");
        var pairs = new List<(string Name, string Crt)>();
        if (File.Exists(Path.Combine(certsDir, "node.crt"))) pairs.Add(($"{prefix}-node", "node.crt"));
        var clients = Directory.GetFiles(certsDir, "client.*.crt").Select(Path.GetFileName).OfType<string>()
            .Select(f => f["client.".Length..^".crt".Length]).Where(u => u.Length > 0 && u != "node").Order(StringComparer.Ordinal);
        foreach (var user in clients)
            pairs.Add((user == "root" ? $"{prefix}-root" : $"{prefix}-client-{user.Replace('_', '-')}", $"client.{user}.crt"));
        if (pairs.Count == 0) throw CertWorkflow.Fail($"no node.crt or client.USER.crt in {certsDir}: nothing to put in a secret");
        var secrets = new List<Secret>();
        foreach (var (name, crt) in pairs)
        {
            CheckName(name, "secret name");
            if (secrets.Any(s => s.Name == name)) throw CertWorkflow.Fail($"two certificates would both be secret {name}");
            var key = Path.Combine(certsDir, crt[..^".crt".Length] + ".key");
            if (!File.Exists(key)) throw CertWorkflow.Fail($"{key} not found: the secret for {crt} needs its key");
            secrets.Add(new Secret(name, [("ca.crt", ca), ("tls.crt", Path.Combine(certsDir, crt)), ("tls.key", key)]));
        }
        return secrets;
    }

    /// <summary>The manifests, "---"-separated YAML with base64 data, ready for `kubectl apply -f`.</summary>
    public static byte[] Manifests(IReadOnlyList<Secret> secrets, string? ns)
    {
        if (ns != null) CheckName(ns, "--namespace");
        var y = new StringBuilder();
        y.Append("# Made by cnfsigner cockroach k8s-secrets. Helm chart: tls.certs.provided: true, tls.certs.tlsSecret: true,\n");
        y.Append($"# tls.certs.nodeSecret / clientRootSecret as named below; operator: nodeTLSSecret / clientTLSSecret. Holds private keys.\n");
        foreach (var s in secrets)
        {
            y.Append("---\napiVersion: v1\nkind: Secret\nmetadata:\n");
            y.Append($"  name: {s.Name}\n");
            if (ns != null) y.Append($"  namespace: {ns}\n");
            y.Append("type: kubernetes.io/tls\ndata:\n");
            foreach (var (key, file) in s.Data) y.Append($"  {key}: {Convert.ToBase64String(File.ReadAllBytes(file))}\n");
        }
        return Encoding.ASCII.GetBytes(y.ToString());
    }

    // Secret names and namespaces are DNS-1123 names (namespaces: labels, at most 63 characters).
    private static void CheckName(string name, string what)
    {
        if (name.Length is > 0 and <= 63 && Dns1123().IsMatch(name)) return;
        throw CertWorkflow.Fail($"{what} \"{name}\" is not a valid Kubernetes name (lower-case letters, digits and '-', at most 63 characters)");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();
}
