using System.Diagnostics;

namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>
/// `cnfsigner cockroach k8s-secrets`: the Secrets the CockroachDB Helm chart and operator mount (kubernetes.io/tls,
/// ca.crt / tls.crt / tls.key), read back with a small YAML reader and compared with the files; kubectl, when
/// present, makes the same Secrets from the same files (`create secret --dry-run=client`) as a judge.
/// </summary>
public class KubernetesSecretsTests
{
    private sealed record Manifest(string Name, string? Namespace, string Type, Dictionary<string, byte[]> Data);

    private static CockroachWorkspace Cluster()
    {
        var ws = new CockroachWorkspace();
        string[] k = ["--certs-dir", "certs", "--ca-key", "safe/ca.key"];
        ws.Ok(["cockroach", "create-ca", .. k]);
        ws.Ok(["cockroach", "create-node", "localhost", "cockroachdb-public", .. k]);
        ws.Ok(["cockroach", "create-client", "root", .. k]);
        ws.Ok(["cockroach", "create-client", "app_user", "--also-generate-pkcs8-key", .. k]);
        return ws;
    }

    // Just enough YAML for Secret manifests: documents split at "---", "metadata:" and "data:" maps, scalars.
    private static List<Manifest> Parse(string yaml)
    {
        var result = new List<Manifest>();
        foreach (var doc in yaml.Split("\n---\n"))
        {
            string? name = null, ns = null, type = null, section = null;
            var data = new Dictionary<string, byte[]>();
            foreach (var line in doc.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#') && l != "---"))
            {
                var colon = line.IndexOf(':');
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (!line.StartsWith(' ')) { section = key; if (key == "type") type = value; continue; }
                if (section == "metadata" && key == "name") name = value;
                if (section == "metadata" && key == "namespace") ns = value;
                if (section == "data") data[key] = Convert.FromBase64String(value);
            }
            if (name != null) result.Add(new Manifest(name, ns, type!, data));
        }
        return result;
    }

    [Test]
    public void Secrets_hold_the_files_under_the_names_the_chart_and_operator_read()
    {
        using var ws = Cluster();
        var r = ws.Ok("cockroach", "k8s-secrets", "--certs-dir", "certs", "--namespace", "crdb", "-o", "secrets.yaml");
        r.Stdout.ShouldBeEmpty();
        File.GetUnixFileMode(ws.File("secrets.yaml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var text = File.ReadAllText(ws.File("secrets.yaml"));
        var secrets = Parse(text);
        secrets.Select(s => s.Name).ShouldBe(["cockroachdb-node", "cockroachdb-client-app-user", "cockroachdb-root"]);
        var files = new Dictionary<string, string> { ["cockroachdb-node"] = "node", ["cockroachdb-root"] = "client.root", ["cockroachdb-client-app-user"] = "client.app_user" };
        foreach (var s in secrets)
        {
            s.Namespace.ShouldBe("crdb");
            s.Type.ShouldBe("kubernetes.io/tls");
            s.Data.Keys.ShouldBe(["ca.crt", "tls.crt", "tls.key"]);
            s.Data["ca.crt"].ShouldBe(File.ReadAllBytes(ws.File("certs/ca.crt")));
            s.Data["tls.crt"].ShouldBe(File.ReadAllBytes(ws.File($"certs/{files[s.Name]}.crt")));
            s.Data["tls.key"].ShouldBe(File.ReadAllBytes(ws.File($"certs/{files[s.Name]}.key")));
        }
        // "-" is standard output, byte for byte the same; the prefix renames them all.
        ws.Ok("cockroach", "k8s-secrets", "--certs-dir", "certs", "--namespace", "crdb", "-o", "-").Stdout.ShouldBe(text);
        Parse(ws.Ok("cockroach", "k8s-secrets", "--certs-dir", "certs", "--name-prefix", "crdb", "--output", "-").Stdout)
            .Select(s => (s.Name, s.Namespace)).ShouldBe([("crdb-node", null), ("crdb-client-app-user", null), ("crdb-root", null)]);
    }

    [Test]
    public void Bad_input_writes_nothing()
    {
        using var ws = Cluster();
        ws.Run("cockroach", "k8s-secrets", "--certs-dir", "certs").Stderr.ShouldContain("-o FILE (or - for standard output) is required");
        ws.Run("cockroach", "k8s-secrets", "--certs-dir", "certs", "--namespace", "Bad_NS", "-o", "s.yaml").Stderr
            .ShouldStartWith("cockroach: --namespace \"Bad_NS\" is not a valid Kubernetes name");
        ws.Run("cockroach", "k8s-secrets", "--certs-dir", "certs", "--name-prefix", "-x", "-o", "s.yaml").ExitCode.ShouldBe(1);
        ws.Run("cockroach", "k8s-secrets", "--certs-dir", "nowhere", "-o", "s.yaml").Stderr.ShouldStartWith("cockroach: nowhere: no such directory");
        File.Delete(ws.File("certs/client.root.key"));
        var r = ws.Run("cockroach", "k8s-secrets", "--certs-dir", "certs", "-o", "-");
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldBeEmpty();
        r.Stderr.ShouldStartWith("cockroach: certs/client.root.key not found: the secret for client.root.crt needs its key");
        File.Exists(ws.File("s.yaml")).ShouldBeFalse();
        Directory.CreateDirectory(ws.File("empty"));
        File.Copy(ws.File("certs/ca.crt"), ws.File("empty/ca.crt"));
        ws.Run("cockroach", "k8s-secrets", "--certs-dir", "empty", "-o", "s.yaml").Stderr.ShouldStartWith("cockroach: no node.crt or client.USER.crt in empty");
        File.Exists(ws.File("s.yaml")).ShouldBeFalse();
    }

    [Test]
    [Category("Interop")]
    public void Kubectl_makes_the_same_secrets_from_the_same_files()
    {
        using var ws = Cluster();
        var ours = Parse(ws.Ok("cockroach", "k8s-secrets", "--certs-dir", "certs", "--namespace", "crdb", "-o", "-").Stdout);
        foreach (var (name, stem) in new[] { ("cockroachdb-node", "node"), ("cockroachdb-root", "client.root") })
        {
            var kubectl = Kubectl(ws.Path, "create", "secret", "generic", name, "--type", "kubernetes.io/tls", "-n", "crdb",
                "--from-file=ca.crt=certs/ca.crt", $"--from-file=tls.crt=certs/{stem}.crt", $"--from-file=tls.key=certs/{stem}.key",
                "--dry-run=client", "-o", "yaml");
            var theirs = Parse(kubectl).Single();
            var mine = ours.Single(s => s.Name == name);
            (mine.Namespace, mine.Type).ShouldBe((theirs.Namespace, theirs.Type));
            mine.Data.Keys.Order().ShouldBe(theirs.Data.Keys.Order());
            foreach (var key in theirs.Data.Keys) mine.Data[key].ShouldBe(theirs.Data[key]);
        }
    }

    private static string Kubectl(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("kubectl is not installed: cnfsigner's half ran and passed");
            throw;
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            p.ExitCode.ShouldBe(0, stderr);
            return stdout.Result;
        }
    }
}
