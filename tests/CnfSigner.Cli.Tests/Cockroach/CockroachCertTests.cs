using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>
/// `cnfsigner cockroach create-ca|create-node|create-client|list|revoke` with cockroach cert's flags: a cluster from
/// the command line, failures that leave nothing, renewal with the kept names, CA rotation. Real certificates,
/// judged by `cnfsigner verify` (and openssl / .NET where noted).
/// </summary>
public class CockroachCertTests
{
    private sealed class Cluster : IDisposable
    {
        private readonly TempDir _dir = new();
        public string Path => _dir.Path;
        public string File(string name) => _dir.File(name);

        public RunResult Run(params string[] args) => RunWithInput("", args);

        public RunResult RunWithInput(string stdin, params string[] args) =>
            CliRunner.Run(Path, stdin, ["cockroach", .. args, "--certs-dir", "certs", "--ca-key", "my-safe-directory/ca.key"]);

        public RunResult Ok(params string[] args)
        {
            var r = Run(args);
            r.ExitCode.ShouldBe(0, $"cockroach {string.Join(" ", args)}\n{r.Stdout}\n{r.Stderr}");
            return r;
        }

        public string Verify(string caFile, string cert) => CliRunner.Run(Path, "", "verify", "-CAfile", caFile, cert).Stdout;

        public void Dispose() => _dir.Dispose();
    }

    private static X509Certificate2 Cert(string path) => X509CertificateLoader.LoadCertificateFromFile(path);

    [Test]
    public void A_cluster_from_the_command_line_three_nodes_two_users()
    {
        using var c = new Cluster();
        c.Ok("create-ca").Stdout.ShouldContain("valid 3660 days"); // 87840h, cockroach's default
        foreach (var n in new[] { "node1", "node2", "node3" })
        {
            c.Ok("create-node", n, $"{n}.example.com", "10.0.0.1", "--overwrite");
            var node = Cert(c.File("certs/node.crt"));
            node.Subject.ShouldBe("CN=node, O=Cockroach");
            node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ShouldBe([n, $"{n}.example.com"]);
            c.Verify("certs/ca.crt", "certs/node.crt").ShouldBe("certs/node.crt: OK\n");
            File.Exists(c.File($"my-safe-directory/node.{n}.cnf")).ShouldBeTrue();
        }
        c.Ok("create-client", "root");
        c.Ok("create-client", "Bob"); // cockroach normalizes user names to lower case
        Cert(c.File("certs/client.bob.crt")).Subject.ShouldBe("CN=bob, O=Cockroach");
        c.Verify("certs/ca.crt", "certs/client.bob.crt").ShouldBe("certs/client.bob.crt: OK\n");
        File.GetUnixFileMode(c.File("certs/client.bob.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // The CA side keeps a copy of each one: five serials in index.txt, five .pem in issued/.
        File.ReadAllLines(c.File("my-safe-directory/index.txt")).Length.ShouldBe(5);
        Directory.GetFiles(c.File("my-safe-directory/issued"), "*.pem").Length.ShouldBe(5);
        var list = JsonDocument.Parse(c.Ok("list", "--json").Stdout).RootElement.EnumerateArray().ToList();
        list.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["ca", "node", "node", "node", "client", "client"]);
        list[2].GetProperty("sans").EnumerateArray().Select(s => s.GetString()).ShouldBe(["DNS:node2", "DNS:node2.example.com", "IP:10.0.0.1"]);
        list[2].GetProperty("principals").EnumerateArray().Select(s => s.GetString()).ShouldBe(["node", "node2", "node2.example.com"]);
        list[5].GetProperty("subject").GetString().ShouldBe("/O=Cockroach/CN=bob");
        c.Ok("list").Stdout.ShouldContain("| client | /O=Cockroach/CN=bob ");

        // Revoke by user and by host: index.txt says R for those rows only.
        c.Ok("revoke", "--user", "bob").Stdout.ShouldContain("revoked 05 (client /O=Cockroach/CN=bob)");
        c.Ok("revoke", "--host", "node2").Stdout.ShouldContain("revoked 02 (node /O=Cockroach/CN=node)");
        File.ReadAllLines(c.File("my-safe-directory/index.txt")).Select(l => l[0]).ShouldBe(['V', 'R', 'V', 'V', 'R']);
        c.Run("revoke", "--user", "nobody").Stderr.ShouldStartWith("cockroach: no certificate in the CA's database matches user nobody");
    }

    [Test]
    public void Leaves_live_five_years_and_never_past_their_ca()
    {
        using var c = new Cluster();
        c.Ok("create-ca", "--lifetime", "8760h");
        var ca = Cert(c.File("certs/ca.crt"));
        (ca.NotAfter - ca.NotBefore).TotalDays.ShouldBe(365, 0.01);
        var r = c.Run("create-node", "localhost", "--lifetime", "9000h");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldStartWith("cockroach: CA lifetime is 87");
        r.Stderr.ShouldContain("shorter than the requested 9000h0m0s");
        File.Exists(c.File("certs/node.key")).ShouldBeFalse();
        c.Ok("create-node", "localhost").Stdout.ShouldContain("note: node ends with its CA");
        Cert(c.File("certs/node.crt")).NotAfter.ShouldBe(ca.NotAfter);
        c.Ok("create-client", "root", "--lifetime", "720h");
        var client = Cert(c.File("certs/client.root.crt"));
        (client.NotAfter - client.NotBefore).TotalHours.ShouldBe(744, 0.01); // back-dated a day, as cockroach does
    }

    [TestCase("node.cnf", "organizationName = Cockroach", "organizationName = $nowhere::x", "create-node", "Error on line")]
    [TestCase("node.cnf", "organizationName = Cockroach", "", "create-node", "The organizationName field needed to be supplied and was missing")]
    [TestCase("client.cnf", "organizationName = Cockroach", "", "create-client", "The organizationName field needed to be supplied and was missing")]
    [TestCase("ca.cnf", "x509_extensions = extensions", "x509_extensions = missing_section", "create-ca", "")]
    public void A_failed_step_leaves_nothing_and_the_retry_succeeds(string template, string line, string replacement, string step, string message)
    {
        using var c = new Cluster();
        var configs = c.File("configs");
        CliRunner.Run(c.Path, "", "cockroach", "init-configs", "configs").ExitCode.ShouldBe(0);
        if (step != "create-ca") c.Ok("create-ca");
        var broken = File.ReadAllText(System.IO.Path.Combine(configs, template));
        File.WriteAllText(System.IO.Path.Combine(configs, template), broken.Replace(line, replacement));
        string[] args = step switch { "create-node" => ["create-node", "localhost"], "create-client" => ["create-client", "root"], _ => ["create-ca"] };
        var before = DirectorySnapshot.Contents(c.Path);
        var r = c.Run([.. args, "--configs", "configs"]);
        r.ExitCode.ShouldNotBe(0);
        (r.Stdout + r.Stderr).ShouldContain(message);
        r.Stderr.ShouldNotContain("   at ");
        DirectorySnapshot.Contents(c.Path).ShouldBe(before); // no key, request, certificate, row or serial
        File.WriteAllText(System.IO.Path.Combine(configs, template), broken);
        c.Ok([.. args, "--configs", "configs"]);
    }

    [Test]
    public void Renewal_keeps_the_names_and_rotation_puts_the_new_ca_first()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-node", "node1", "10.0.0.1");
        c.Run("create-node", "node1").Stderr.ShouldBe("cockroach: ../certs/node.crt exists: pass --overwrite to renew it\n");
        var first = Cert(c.File("certs/node.crt"));
        c.Ok("create-node", "--overwrite"); // no hosts: the kept node.node1.cnf
        var renewed = Cert(c.File("certs/node.crt"));
        renewed.SerialNumber.ShouldNotBe(first.SerialNumber);
        renewed.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().RawData
            .ShouldBe(first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().RawData);

        var oldCa = File.ReadAllText(c.File("certs/ca.crt"));
        c.Run("create-ca").Stderr.ShouldStartWith("cockroach: ../certs/ca.crt exists: pass --overwrite");
        c.Run("create-ca", "--overwrite").Stderr.ShouldStartWith("cockroach: CA key ca.key exists, but key reuse is disabled");
        File.ReadAllText(c.File("certs/ca.crt")).ShouldBe(oldCa);
        // A new CA key: the old one moved away, as CockroachDB's rotation guide does.
        File.Move(c.File("my-safe-directory/ca.key"), c.File("my-safe-directory/ca.key.old"));
        c.Ok("create-ca", "--overwrite");
        var bundle = File.ReadAllText(c.File("certs/ca.crt"));
        bundle.ShouldEndWith(oldCa);
        bundle.Length.ShouldBeGreaterThan(oldCa.Length);
        c.Verify("certs/ca.crt", "certs/node.crt").ShouldBe("certs/node.crt: OK\n"); // the old CA still trusted
        c.Ok("create-node", "--overwrite");
        var underNew = Cert(c.File("certs/node.crt"));
        var newCa = X509Certificate2.CreateFromPem(bundle);
        underNew.Issuer.ShouldBe(newCa.Subject);
        underNew.GetRSAPublicKey().ShouldNotBeNull();
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(newCa);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.Build(underNew).ShouldBeTrue(); // signed by the new (first) CA certificate
        }
        c.Ok("create-ca", "--overwrite", "--allow-ca-key-reuse");
        File.ReadAllText(c.File("certs/ca.crt")).ShouldEndWith(bundle);
        c.Ok("list").Stdout.ShouldContain("(6 rows)"); // three CA certificates, three node certificates
    }

    [Test]
    public void Pkcs8_and_tenant_scope_as_cockroach_cert_writes_them()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-client", "app", "--also-generate-pkcs8-key", "--tenant-scope", "5,7");
        var pk8 = File.ReadAllBytes(c.File("certs/client.app.key.pk8"));
        pk8[0].ShouldBe((byte)0x30); // DER, not PEM
        File.GetUnixFileMode(c.File("certs/client.app.key.pk8")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pk8, out var read);
        read.ShouldBe(pk8.Length);
        var cert = Cert(c.File("certs/client.app.crt"));
        rsa.ExportSubjectPublicKeyInfo().ShouldBe(cert.PublicKey.ExportSubjectPublicKeyInfo());
        var san = new AsnSan(cert);
        san.Uris.ShouldBe(["crdb://tenant/5/user/app", "crdb://tenant/7/user/app"]);
        // Renewal keeps the scope (the kept client.app.cnf).
        c.Ok("create-client", "app", "--overwrite");
        new AsnSan(Cert(c.File("certs/client.app.crt"))).Uris.Count.ShouldBe(2);
    }

    [TestCase("bad user", "username \"bad user\" invalid")]
    [TestCase("../x", "username \"../x\" invalid")]
    public void User_names_are_checked_as_cockroach_checks_them(string user, string message)
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Run("create-client", user).Stderr.ShouldStartWith("cockroach: " + message);
    }

    [Test]
    public void Options_missing_or_wrong()
    {
        using var c = new Cluster();
        CliRunner.Run(c.Path, "", "cockroach", "create-node", "x", "--certs-dir", "certs").Stderr.ShouldStartWith("cockroach: required flag(s) \"ca-key\" not set");
        c.Ok("create-ca");
        c.Run("create-node").Stderr.ShouldStartWith("cockroach: create-node requires at least one host name or address, none was specified");
        c.Run("create-node", "a,b").Stderr.ShouldStartWith("cockroach: \"a,b\" is not a host name or IP address");
        c.Run("create-node", "x", "--lifetime", "5y").Stderr.ShouldStartWith("cockroach: invalid argument \"5y\" for \"--lifetime\" flag");
    }

    [Test]
    public void Pkcs12_holds_the_client_certificate_its_key_and_the_ca_for_dotnet()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-client", "bob", "--pkcs12", "--pkcs12-passout", "pass:s3cret").Stdout.ShouldContain("certs/client.bob.p12, PKCS#12 for .NET");
        var p12 = c.File("certs/client.bob.p12");
        File.GetUnixFileMode(p12).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var loaded = X509CertificateLoader.LoadPkcs12FromFile(p12, "s3cret", X509KeyStorageFlags.Exportable);
        loaded.Subject.ShouldBe("CN=bob, O=Cockroach");
        loaded.HasPrivateKey.ShouldBeTrue();
        loaded.RawData.ShouldBe(Cert(c.File("certs/client.bob.crt")).RawData);
        using var rsa = loaded.GetRSAPrivateKey()!;
        using var pem = RSA.Create();
        pem.ImportFromPem(File.ReadAllText(c.File("certs/client.bob.key")));
        rsa.ExportParameters(true).D.ShouldBe(pem.ExportParameters(true).D);
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(p12, "s3cret");
        all.Select(x => x.Thumbprint).ShouldBe([Cert(c.File("certs/ca.crt")).Thumbprint, loaded.Thumbprint], ignoreOrder: true);
        Should.Throw<CryptographicException>(() => X509CertificateLoader.LoadPkcs12FromFile(p12, "wrong"));
    }

    [Test]
    public void Pkcs12_password_is_asked_twice_and_a_mismatch_leaves_nothing()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        var bad = c.RunWithInput("one\ntwo\n", "create-client", "bob", "--pkcs12");
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldContain("Can't read Password");
        Directory.GetFiles(c.File("certs")).Select(System.IO.Path.GetFileName).ShouldBe(["ca.crt"]);
        File.Exists(c.File("my-safe-directory/client.bob.cnf")).ShouldBeFalse();
        var ok = c.RunWithInput("pw\npw\n", "create-client", "bob", "--pkcs12");
        ok.ExitCode.ShouldBe(0, ok.Stderr);
        ok.Stderr.ShouldContain("Enter Export Password:");
        X509CertificateLoader.LoadPkcs12FromFile(c.File("certs/client.bob.p12"), "pw").Subject.ShouldBe("CN=bob, O=Cockroach");
        c.Run("create-client", "bob", "--pkcs12-passout", "pass:x").Stderr.ShouldContain("--pkcs12-passout is only used with --pkcs12");
        c.Run("create-node", "x", "--pkcs12").Stderr.ShouldContain("--pkcs12 is a create-client option");
        // A second run without --overwrite is refused; with it, the .p12 is renewed too.
        c.Run("create-client", "bob", "--pkcs12", "--pkcs12-passout", "pass:pw").Stderr.ShouldContain("exists: pass --overwrite");
        c.Ok("create-client", "bob", "--pkcs12", "--pkcs12-passout", "pass:new", "--overwrite");
        X509CertificateLoader.LoadPkcs12FromFile(c.File("certs/client.bob.p12"), "new").RawData.ShouldBe(Cert(c.File("certs/client.bob.crt")).RawData);
    }

    [Test]
    [Category("Interop")]
    public void Openssl_reads_the_pkcs12()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-client", "bob", "--pkcs12", "--pkcs12-passout", "pass:s3cret");
        OpenSsl.Require();
        var info = OpenSsl.Exec(c.Path, "pkcs12", "-info", "-nodes", "-passin", "pass:s3cret", "-in", "certs/client.bob.p12");
        info.ExitCode.ShouldBe(0, info.Stderr);
        info.Stderr.ShouldContain("MAC: sha256"); // and checked: a wrong -passin fails
        OpenSsl.Exec(c.Path, "pkcs12", "-info", "-nodes", "-passin", "pass:wrong", "-in", "certs/client.bob.p12").ExitCode.ShouldBe(1);
        info.Stdout.ShouldContain("friendlyName: bob");
        info.Stdout.ShouldContain("subject=O = Cockroach, CN = bob");
        info.Stdout.ShouldContain("subject=O = Cockroach, CN = Cockroach CA");
        var key = OpenSsl.Exec(c.Path, "pkey", "-in", "certs/client.bob.key").Stdout;
        info.Stdout.ShouldContain(key);

        // --pkcs12-legacy: 3DES key, RC2-40 certificates, SHA-1 MAC; openssl 3.0 needs -legacy for RC2, .NET reads it.
        c.Ok("create-client", "old", "--pkcs12", "--pkcs12-legacy", "--pkcs12-passout", "pass:s3cret");
        var legacy = OpenSsl.Exec(c.Path, "pkcs12", "-info", "-nodes", "-legacy", "-passin", "pass:s3cret", "-in", "certs/client.old.p12");
        legacy.ExitCode.ShouldBe(0, legacy.Stderr);
        legacy.Stderr.ShouldContain("MAC: sha1");
        legacy.Stderr.ShouldContain("pbeWithSHA1And40BitRC2-CBC");
        legacy.Stderr.ShouldContain("pbeWithSHA1And3-KeyTripleDES-CBC");
        legacy.Stdout.ShouldContain("friendlyName: old");
        X509CertificateLoader.LoadPkcs12FromFile(c.File("certs/client.old.p12"), "s3cret").HasPrivateKey.ShouldBeTrue();
    }

    [Test]
    public void Init_configs_writes_the_built_in_templates()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "", "cockroach", "init-configs", "out-configs");
        r.ExitCode.ShouldBe(0, r.Stderr);
        var ours = Directory.GetFiles(dir.File("out-configs")).Select(System.IO.Path.GetFileName).Order().ToList();
        ours.ShouldBe(Directory.GetFiles(CockroachWorkspace.Configs).Select(System.IO.Path.GetFileName).Order().ToList());
        foreach (var f in ours) File.ReadAllText(dir.File("out-configs/" + f)).ShouldBe(File.ReadAllText(System.IO.Path.Combine(CockroachWorkspace.Configs, f!)));
        CliRunner.Run(dir.Path, "", "cockroach", "init-configs", "out-configs").ExitCode.ShouldBe(1); // nothing overwritten
    }

    [Test]
    [Category("Interop")]
    public void Openssl_verifies_the_cluster()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-node", "localhost", "127.0.0.1");
        c.Ok("create-client", "root", "--also-generate-pkcs8-key");
        OpenSsl.Require();
        OpenSsl.Exec(c.Path, "verify", "-CAfile", "certs/ca.crt", "-purpose", "sslserver", "-verify_hostname", "localhost", "certs/node.crt").Stdout.ShouldBe("certs/node.crt: OK\n");
        OpenSsl.Exec(c.Path, "verify", "-CAfile", "certs/ca.crt", "-purpose", "sslclient", "certs/client.root.crt").Stdout.ShouldBe("certs/client.root.crt: OK\n");
        OpenSsl.Exec(c.Path, "pkey", "-inform", "DER", "-in", "certs/client.root.key.pk8", "-pubout").Stdout
            .ShouldBe(OpenSsl.Exec(c.Path, "x509", "-in", "certs/client.root.crt", "-noout", "-pubkey").Stdout);
    }

    [Test]
    public void Check_warns_as_cockroachs_alert_rules_and_says_renew_when_expired()
    {
        using var c = new Cluster();
        c.Ok("create-ca", "--lifetime", "8760h");
        c.Ok("create-node", "localhost", "--lifetime", "4000h");
        c.Ok("create-client", "root", "--lifetime", "2000h", "--tenant-scope", "5");
        var check = CliRunner.Run(c.Path, "", "cockroach", "check", "--certs-dir", "certs");
        check.Stdout.ShouldContain("warning: ca.crt: expires on ");
        check.Stdout.ShouldContain("in 364 days (CockroachDB alerts under 366)");
        check.Stdout.ShouldContain("warning: node.crt: expires on ");
        check.Stdout.ShouldContain("(CockroachDB alerts under 183)");
        check.Stdout.ShouldNotContain("warning: client.root.crt: expires"); // 83 days: no rule for user certificates, 30 days
        check.Stdout.ShouldContain("note: client.root.crt: scoped to tenant 5: other tenants refuse it");
        CliRunner.Run(c.Path, "", "cockroach", "check", "--certs-dir", "certs", "--warn-days", "90").Stdout
            .ShouldContain("warning: client.root.crt: expires on ");

        var later = new FixedClock(DateTimeOffset.UtcNow.AddDays(200));
        var expired = CliRunner.Run(c.Path, "", later, "cockroach", "check", "--certs-dir", "certs");
        expired.ExitCode.ShouldBe(1);
        expired.Stdout.ShouldContain("error: node.crt: x509: certificate has expired or is not yet valid");
        expired.Stdout.ShouldContain("  fix: renew: cnfsigner cockroach create-node --overwrite");
        expired.Stdout.ShouldNotContain("fix: re-issue it with -extensions signing_node_req");
    }

    [Test]
    public void Check_understands_the_distinguished_name_flags()
    {
        using var c = new Cluster();
        c.Ok("create-ca");
        c.Ok("create-node", "localhost");
        c.Ok("create-client", "root");
        var ok = CliRunner.Run(c.Path, "", "cockroach", "check", "--certs-dir", "certs",
            "--node-cert-distinguished-name", "O=Cockroach,CN=node", "--root-cert-distinguished-name", "CN=root,O=Cockroach");
        ok.ExitCode.ShouldBe(0, ok.Stdout);
        ok.Stdout.ShouldContain("note: node.crt: authenticates as node: its subject matches --node-cert-distinguished-name=O=Cockroach,CN=node");
        var wrong = CliRunner.Run(c.Path, "", "cockroach", "check", "--certs-dir", "certs", "--node-cert-distinguished-name", "CN=node1,O=Cockroach");
        wrong.ExitCode.ShouldBe(1);
        wrong.Stdout.ShouldContain("error: node.crt: subject O=Cockroach,CN=node is not --node-cert-distinguished-name=CN=node1,O=Cockroach");
    }

    [Test]
    public void Help_separates_the_usage_blocks()
    {
        var r = CliRunner.Run(Directory.GetCurrentDirectory(), "", "cockroach", "-help");
        r.ExitCode.ShouldBe(0);
        var text = r.Stdout + r.Stderr;
        text.ShouldContain("\n\nUsage: cockroach create-ca|add-node");
        text.ShouldContain("\n\nUsage: cockroach check");
    }

    [Test]
    public void Ca_x509_and_req_warn_when_a_certificate_would_outlive_its_ca_and_still_sign()
    {
        using var c = new Cluster();
        c.Ok("create-ca", "--lifetime", "8760h");
        var safe = c.File("my-safe-directory");
        CliRunner.Run(safe, "", "genrsa", "-out", "x.key", "2048").ExitCode.ShouldBe(0);
        CliRunner.Run(safe, "", "req", "-new", "-key", "x.key", "-subj", "/O=Cockroach/CN=x", "-out", "x.csr").ExitCode.ShouldBe(0);
        string[] sign = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "../certs/ca.crt", "-policy", "signing_policy",
            "-extensions", "signing_client_req", "-outdir", "issued", "-in", "x.csr", "-out", "x.crt", "-batch"];
        var r = CliRunner.Run(safe, "", [.. sign, "-days", "3650"]);
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldContain("(3650 days)\nWarning: the certificate outlives its CA certificate, which expires ");
        File.Exists(c.File("my-safe-directory/x.crt")).ShouldBeTrue();
        CliRunner.Run(safe, "", [.. sign, "-days", "30", "-out", "y.crt"]).Stderr.ShouldNotContain("outlives");

        // x509 -req -CA and req -x509 -CA warn the same way (one shared check); a self-signed certificate never does.
        const string warning = "Warning: the certificate outlives its CA certificate, which expires ";
        string[] x509 = ["x509", "-req", "-in", "x.csr", "-CA", "../certs/ca.crt", "-CAkey", "ca.key"];
        var x = CliRunner.Run(safe, "", [.. x509, "-days", "3650", "-out", "x509.crt"]);
        x.ExitCode.ShouldBe(0, x.Stderr);
        x.Stderr.ShouldContain(warning);
        File.Exists(c.File("my-safe-directory/x509.crt")).ShouldBeTrue();
        CliRunner.Run(safe, "", [.. x509, "-days", "30", "-out", "x509b.crt"]).Stderr.ShouldNotContain("outlives");
        string[] req = ["req", "-x509", "-key", "x.key", "-subj", "/CN=x", "-CA", "../certs/ca.crt", "-CAkey", "ca.key"];
        var q = CliRunner.Run(safe, "", [.. req, "-days", "3650", "-out", "req.crt"]);
        q.ExitCode.ShouldBe(0, q.Stderr);
        q.Stderr.ShouldContain(warning);
        CliRunner.Run(safe, "", [.. req, "-days", "30", "-out", "reqb.crt"]).Stderr.ShouldNotContain("outlives");
        CliRunner.Run(safe, "", "req", "-x509", "-key", "x.key", "-subj", "/CN=x", "-days", "9000", "-out", "self.crt").Stderr.ShouldNotContain("outlives");
    }

    private sealed class AsnSan
    {
        public List<string> Uris { get; } = [];

        public AsnSan(X509Certificate2 cert)
        {
            var ext = cert.Extensions["2.5.29.17"]!;
            var reader = new System.Formats.Asn1.AsnReader(ext.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagValue == 6) Uris.Add(reader.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6)));
                else reader.ReadEncodedValue();
            }
        }
    }
}
