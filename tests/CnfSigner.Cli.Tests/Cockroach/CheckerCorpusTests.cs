namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>
/// `cnfsigner cockroach check` on a corpus of broken certs directories: each is caught with the message CockroachDB
/// or Go would give (or the checker's own words where they give none), and only the clean ones exit 0.
/// </summary>
[NonParallelizable]
public class CheckerCorpusTests
{
    private static readonly string[] NodeArgs = ["--host", "localhost", "--cert-principal-map", "node.example.io:node"];
    private static CheckerCorpus _c = null!;

    [OneTimeSetUp]
    public void Build() => _c = new CheckerCorpus();

    [OneTimeTearDown]
    public void Clean() => _c.Dispose();

    public sealed record Case(string Name, Func<CheckerCorpus, string> Setup, string Expected, string[]? Args = null, int Days = 0,
        string? SkipEnv = null)
    {
        public override string ToString() => Name;
    }

    private static string Node(CheckerCorpus c) => c.NewCase();

    private static string Mutate(CheckerCorpus c, Action<string> change, string from = "node-certs")
    {
        var dir = c.NewCase(from);
        change(dir);
        return dir;
    }

    private static string F(CheckerCorpus c, string dir, string file) => c.Ws.File($"{dir}/{file}");

    public static IEnumerable<Case> Cases() =>
    [
        // Names (certificate_loader.go CertInfoFromFilename)
        new("unknown prefix", c => Mutate(c, d => File.Move(F(c, d, "node.crt"), F(c, d, "tls.crt"))), "warning: tls.crt: skipped by CockroachDB: bad filename case{N}/tls.crt: unknown prefix \"tls\""),
        new("ca with three parts", c => Mutate(c, d => File.Copy(F(c, d, "ca.crt"), F(c, d, "ca.old.crt"))), "warning: ca.old.crt: skipped by CockroachDB: bad filename case{N}/ca.old.crt: CA certificate filename should match ca.crt"),
        new("client without user", c => Mutate(c, d => File.Copy(F(c, d, "ca.crt"), F(c, d, "client.crt")), "client-certs"), "client certificate filename should match client.<user>.crt"),
        new("tenant id not a number", c => Mutate(c, d => File.Copy(F(c, d, "node.crt"), F(c, d, "client-tenant.abc.crt"))), "error: client-tenant.abc.crt: invalid tenant id abc"),
        new("no certificates", c => Mutate(c, d => { foreach (var f in Directory.GetFiles(c.Ws.File(d))) File.Delete(f); }), "error: .: no certificates CockroachDB can use"),
        new("missing ca.crt", c => Mutate(c, d => File.Delete(F(c, d, "ca.crt"))), "error: ca.crt: problem with CA certificate: no ca.crt"),
        new("client dir without ca.crt", c => Mutate(c, d => File.Delete(F(c, d, "ca.crt")), "client-certs"), "error: ca.crt: no CA certificate found, cannot authenticate remote server"),
        new("leftover pem", c => Mutate(c, d => File.Copy(F(c, d, "node.crt"), F(c, d, "01.pem"))), "note: 01.pem: ignored by CockroachDB"),
        new("ca key in certs dir", c => Mutate(c, d => File.Copy(c.Ws.File("my-safe-directory/ca.key"), F(c, d, "ca.key"))), "warning: ca.key: a CA private key in a certs directory"),

        // Key permissions (permission_check.go) and COCKROACH_SKIP_KEY_PERMISSION_CHECK
        new("key 0644", c => Mutate(c, d => CheckerCorpus.Chmod(F(c, d, "node.key"), "644")), "error: node.crt: key file case{N}/node.key has permissions -rw-r--r--, exceeds -rwx"),
        new("key 0660", c => Mutate(c, d => CheckerCorpus.Chmod(F(c, d, "node.key"), "660")), "error: node.crt: key file case{N}/node.key has permissions -rw-rw----, exceeds -rwx"),
        new("key 0744 root-owned", c => Mutate(c, d => CheckerCorpus.Chmod(F(c, d, "node.key"), "744")), "error: node.crt: key file case{N}/node.key has permissions -rwxr--r--, exceeds -rwxr-----"),
        new("key 0640 not root-owned", c => Mutate(c, d => { CheckerCorpus.Chmod(F(c, d, "node.key"), "640"); CheckerCorpus.Chown(F(c, d, "node.key"), "65534:0"); }), "error: node.crt: key file case{N}/node.key has permissions -rw-r-----, exceeds -rwx------"),
        new("key 0640 root-owned, other group", c => Mutate(c, d => { CheckerCorpus.Chmod(F(c, d, "node.key"), "640"); CheckerCorpus.Chown(F(c, d, "node.key"), "0:65534"); }), "exceeds -rwx------"),
        new("key 0640 root:gid passes", c => Mutate(c, d => CheckerCorpus.Chmod(F(c, d, "node.key"), "640")), "0 errors, 1 warning"), // the guide's 365-day CA
        new("key 0644 with skip=true", c => Mutate(c, d => CheckerCorpus.Chmod(F(c, d, "node.key"), "644")), "note: COCKROACH_SKIP_KEY_PERMISSION_CHECK: key permission checks are off", SkipEnv: "true"),
        new("skip variable not a bool", Node, "error: COCKROACH_SKIP_KEY_PERMISSION_CHECK: cockroach panics at start: error parsing COCKROACH_SKIP_KEY_PERMISSION_CHECK: strconv.ParseBool: parsing \"yes\": invalid syntax", SkipEnv: "yes"),
        new("key missing", c => Mutate(c, d => File.Delete(F(c, d, "node.key"))), "error: node.crt: could not stat key file case{N}/node.key"),
        new("key is a directory", c => Mutate(c, d => { File.Delete(F(c, d, "node.key")); Directory.CreateDirectory(F(c, d, "node.key")); }), "error: node.crt: key file case{N}/node.key is not a regular file"),

        // Key contents (tls.X509KeyPair)
        new("key of another certificate", c => Mutate(c, d => { File.Delete(F(c, d, "node.key")); File.Copy(c.Ws.File("client-certs/client.root.key"), F(c, d, "node.key")); }), "error: node.key: tls: private key does not match public key"),
        new("encrypted key", c => Mutate(c, d => { File.Delete(F(c, d, "node.key")); c.Ws.Ok("genrsa", "-aes256", "-passout", "pass:secret", "-out", $"{d}/node.key", "2048"); }), "error: node.key: tls: failed to parse private key (it is encrypted)"),
        new("certificate in the key file", c => Mutate(c, d => { File.Delete(F(c, d, "node.key")); File.Copy(F(c, d, "ca.crt"), F(c, d, "node.key")); CheckerCorpus.Chmod(F(c, d, "node.key"), "600"); }), "error: node.key: tls: found a certificate rather than a key in the PEM for the private key"),

        // PEM and DER (pem.go PEMToCertificates, x509.ParseCertificate)
        new("empty certificate file", c => Mutate(c, d => File.WriteAllBytes(F(c, d, "node.crt"), [])), "error: node.crt: empty certificate file: node.crt"),
        new("key block in a CA file", c => Mutate(c, d => File.AppendAllText(F(c, d, "ca.crt"), File.ReadAllText(c.Ws.File("node-certs/node.key")))), "error: ca.crt: failed to parse certificate file ca.crt as PEM: block #1 is of type PRIVATE KEY, not CERTIFICATE"),
        new("no PEM at all", c => Mutate(c, d => File.WriteAllText(F(c, d, "ca.crt"), "not a certificate\n")), "error: ca.crt: no certificates found in ca.crt"),
        new("garbage DER", c => Mutate(c, d => File.WriteAllText(F(c, d, "node.crt"), "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n")), "error: node.crt: failed to parse certificate 0 in file node.crt: x509: malformed certificate"),

        // CA constraints (x509.go CheckSignatureFrom)
        new("ca without basicConstraints", c => Mutate(c, d => { c.MakeCa($"{d}/ca.crt", "ca_no_bc"); c.Sign($"{d}/node.crt", "signing_node_req", $"{d}/ca.crt"); }), "error: ca.crt: not a CA to Go: it has no basicConstraints CA:TRUE"),
        new("leaf under a ca without basicConstraints", c => Mutate(c, d => { c.MakeCa($"{d}/ca.crt", "ca_no_bc"); c.Sign($"{d}/node.crt", "signing_node_req", $"{d}/ca.crt"); }), "error: node.crt: as the node's server certificate: x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\""),
        new("ca without keyCertSign", c => Mutate(c, d => { c.MakeCa($"{d}/ca.crt", "ca_no_certsign"); c.Sign($"{d}/node.crt", "signing_node_req", $"{d}/ca.crt"); }), "error: ca.crt: not a CA to Go: its keyUsage lacks keyCertSign"),
        new("ca restricting extended key usage", c => Mutate(c, d => { c.MakeCa($"{d}/ca.crt", "ca_server_eku"); c.Sign($"{d}/node.crt", "signing_node_req", $"{d}/ca.crt"); }), "error: node.crt: as the node's client certificate (there is no client.node.crt): x509: certificate specifies an incompatible key usage (its CA \"Cockroach CA\" allows only serverAuth)"),

        // Chains: the right CA, split CA, issuer bytes
        new("signed by another CA with the same name", c => Mutate(c, d => File.Copy(c.Other.File("node-certs/ca.crt"), F(c, d, "ca.crt"), true)), "error: node.crt: as the node's server certificate: x509: certificate signed by unknown authority (possibly because of \"crypto/rsa: verification error\""),
        new("client signed by another CA", c => Mutate(c, d => File.Copy(c.Other.File("client-certs/ca.crt"), F(c, d, "ca.crt"), true), "client-certs"), "error: client.root.crt: as a client certificate: x509: certificate signed by unknown authority"),
        new("issuer encoded differently from the CA subject", c => Mutate(c, d => { c.MakeCa("scratch/printable-ca.crt", "ca_ok", "printable.cnf"); c.Sign($"{d}/node.crt", "signing_node_req", "scratch/printable-ca.crt"); }), "is encoded differently from ca.crt's subject (Go matches the exact bytes, not the name)"),
        new("split CA without client.node.crt", c => Mutate(c, d => File.Copy(c.Other.File("node-certs/ca.crt"), F(c, d, "ca-client.crt"))), "error: node.crt: as the node's client certificate (there is no client.node.crt): x509: certificate signed by unknown authority"),
        new("ui certificate from an unknown CA", c => Mutate(c, d => { File.Copy(c.Other.File("node-certs/node.crt"), F(c, d, "ui.crt")); File.Copy(c.Other.File("node-certs/node.key"), F(c, d, "ui.key")); }), "warning: ui.crt: as the DB Console's certificate: x509: certificate signed by unknown authority"),

        // Extended key usage per role
        new("node with clientAuth only", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_client_req")), "error: node.crt: as the node's server certificate: x509: certificate specifies an incompatible key usage (extendedKeyUsage is clientAuth, serverAuth is needed)"),
        new("server-only node without client.node.crt", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_node_server_req")), "error: node.crt: as the node's client certificate (there is no client.node.crt): x509: certificate specifies an incompatible key usage (extendedKeyUsage is serverAuth, clientAuth is needed)"),
        new("client with serverAuth only", c => Mutate(c, d => c.Sign($"{d}/client.root.crt", "signing_ui_req", "client-certs/ca.crt", "client.root.csr"), "client-certs"), "error: client.root.crt: as a client certificate: x509: certificate specifies an incompatible key usage (extendedKeyUsage is serverAuth, clientAuth is needed)"),
        new("ui with clientAuth only", c => Mutate(c, d => { File.Copy(F(c, d, "node.key"), F(c, d, "ui.key")); c.Sign($"{d}/ui.crt", "signing_client_req"); }), "error: ui.crt: as the DB Console's certificate: x509: certificate specifies an incompatible key usage"),
        new("unhandled critical extension", c => Mutate(c, d => c.Sign($"{d}/node.crt", "node_custom_critical")), "error: node.crt: x509: unhandled critical extension (1.2.3.4)"),

        // Host names (verify.go VerifyHostname)
        new("host not in the SAN", Node, "error: node.crt: clients dialing db.example.com get: x509: certificate is valid for localhost, node.example.io, not db.example.com", ["--host", "db.example.com", "--cert-principal-map", "node.example.io:node"]),
        new("ip not in the SAN", Node, "error: node.crt: clients dialing 10.0.0.1 get: x509: certificate is valid for 127.0.0.1, not 10.0.0.1", ["--ip", "10.0.0.1", "--cert-principal-map", "node.example.io:node"]),
        new("no SAN, CN only", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_node_req", csr: "client.root.csr")), "error: node.crt: clients dialing root get: x509: certificate relies on legacy Common Name field, use SANs instead", ["--host", "root"]),
        new("no SAN at all", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_node_req", csr: "client.root.csr")), "error: node.crt: no DNS or IP subjectAltName"),

        // Principals (auth.go getCertificatePrincipals, --cert-principal-map)
        new("node without node principal", Node, "error: node.crt: principals [\"\" \"localhost\" \"node.example.io\"] do not include \"node\"", ["--host", "localhost"]),
        new("principal map gives node", Node, "note: node.crt: authenticates as localhost, node (principals [\"\" \"localhost\" \"node\"])"),
        new("client file named after another user", c => Mutate(c, d => { File.Move(F(c, d, "client.root.crt"), F(c, d, "client.alice.crt")); File.Move(F(c, d, "client.root.key"), F(c, d, "client.alice.key")); }, "client-certs"), "warning: client.alice.crt: client certificate has principals [\"root\"], expected \"alice\"", []),
        new("principal map maps the client", c => Mutate(c, d => { File.Move(F(c, d, "client.root.crt"), F(c, d, "client.alice.crt")); File.Move(F(c, d, "client.root.key"), F(c, d, "client.alice.key")); }, "client-certs"), "note: client.alice.crt: authenticates as alice (principals [\"alice\"])", ["--cert-principal-map", "root:alice"]),

        // Dates and signatures
        new("expired", Node, "error: node.crt: x509: certificate has expired or is not yet valid: current time", Days: 800),
        new("expired ca", Node, "error: ca.crt: x509: certificate has expired or is not yet valid: current time", Days: 800),
        new("not yet valid", Node, "is before", Days: -2),
        new("expires soon", Node, "warning: node.crt: expires on", Days: 350),
        new("outlives its ca", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_node_req", more: ["-days", "800"])), "warning: node.crt: outlives its CA \"Cockroach CA\" by 4"),
        new("sha1 signature", c => Mutate(c, d => c.Sign($"{d}/node.crt", "signing_node_req", more: ["-md", "sha1"])), "error: node.crt: x509: cannot verify signature: insecure algorithm SHA1-RSA"),
    ];

    // The ownership cases start `chown`: the slow lane.
    private static readonly HashSet<string> StartChown = ["key 0640 not root-owned", "key 0640 root-owned, other group"];

    public static IEnumerable<TestCaseData> CaseData() =>
        Cases().Select(c => StartChown.Contains(c.Name) ? new TestCaseData(c).SetCategory("Slow") : new TestCaseData(c));

    [TestCaseSource(nameof(CaseData))]
    public void Each_broken_directory_is_caught(Case c)
    {
        if (c.Name.Contains("not root-owned") || c.Name.Contains("other group") || c.Name.Contains("root-owned") || c.Name.Contains("root:gid"))
            if (!CheckerCorpus.IsRoot) Assert.Ignore("ownership cases need root");
        var dir = c.Setup(_c);
        var clock = new FixedClock(DateTimeOffset.UtcNow.AddDays(c.Days));
        var old = Environment.GetEnvironmentVariable("COCKROACH_SKIP_KEY_PERMISSION_CHECK");
        Environment.SetEnvironmentVariable("COCKROACH_SKIP_KEY_PERMISSION_CHECK", c.SkipEnv);
        RunResult r;
        try
        {
            r = CliRunner.Run(_c.Ws.Path, "", clock, ["cockroach", "check", "--certs-dir", dir, .. c.Args ?? NodeArgs]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("COCKROACH_SKIP_KEY_PERMISSION_CHECK", old);
        }
        var expected = c.Expected.Replace("case{N}", dir);
        r.Stdout.ShouldContain(expected, Shouldly.Case.Sensitive, r.Stdout);
        var errors = r.Stdout.Split('\n').Count(l => l.StartsWith("error: ", StringComparison.Ordinal));
        r.ExitCode.ShouldBe(errors > 0 ? 1 : 0, r.Stdout);
        if (expected.StartsWith("warning", StringComparison.Ordinal) || expected.StartsWith("note", StringComparison.Ordinal)
            || expected.StartsWith("0 errors", StringComparison.Ordinal))
            errors.ShouldBe(0, r.Stdout); // one thing broken, one finding: the rest of the directory stays clean
    }

    [TestCase("node-certs")]
    [TestCase("client-certs")]
    public void The_workflows_own_directories_are_clean(string dir)
    {
        var r = _c.Ws.Check(dir, dir == "node-certs" ? NodeArgs : []);
        r.ExitCode.ShouldBe(0, r.Stdout);
        // The only finding: the guide makes a 365-day CA, which CockroachDB's CACertificateExpiresSoon rule (366 days) flags at once.
        r.Stdout.ShouldContain("\nwarning: ca.crt: expires on ");
        r.Stdout.ShouldContain(" (CockroachDB alerts under 366)\n");
        r.Stdout.ShouldEndWith("\n0 errors, 1 warning\n");
        _c.Ws.Check(dir, [.. dir == "node-certs" ? NodeArgs : [], "--warn-days", "30"]).Stdout.ShouldEndWith("\n0 errors, 0 warnings\n");
    }

    [Test]
    public void The_table_is_cockroach_cert_lists()
    {
        var r = _c.Ws.Check("node-certs", NodeArgs);
        var lines = r.Stdout.Split('\n');
        lines[0].ShouldBe("Certificate directory: node-certs");
        lines[1].ShouldBe("  Usage | Certificate File | Key File | Expires    | Notes                                          | Error");
        lines[3].ShouldStartWith("  CA    | ca.crt           |          | ");
        lines[3].ShouldEndWith(" | num certs: 1                                   |");
        lines[4].ShouldStartWith("  Node  | node.crt         | node.key | ");
        lines[4].ShouldEndWith(" | addresses: localhost,node.example.io,127.0.0.1 |");
        lines[5].ShouldBe("(2 rows)");
    }

    [Test]
    public void Json_reports_rows_and_findings()
    {
        var r = _c.Ws.Check("node-certs", "--host", "db.example.com", "--json");
        r.ExitCode.ShouldBe(1);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        doc.RootElement.GetProperty("errors").GetInt32().ShouldBe(2);
        doc.RootElement.GetProperty("certificates").GetArrayLength().ShouldBe(2);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.ShouldContain(f => f.GetProperty("severity").GetString() == "error"
                                    && f.GetProperty("message").GetString()!.Contains("not db.example.com")
                                    && f.GetProperty("fix").GetString() == "add DNS:db.example.com to subjectAltName and re-issue it");
    }

    [TestCase("--cert-principal-map", "nocolon", "invalid <cert-principal>:<db-principal> mapping: \"nocolon\"")]
    [TestCase("--ip", "db.example.com", "cockroach check: not an IP address: db.example.com")]
    public void Bad_arguments_are_refused(string option, string value, string message)
    {
        var r = _c.Ws.Check("node-certs", option, value);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldStartWith(message);
    }
}
