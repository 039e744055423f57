using CnfSigner.Cockroach.Checker;
using CnfSigner.Pki.Io;

namespace CnfSigner.Cockroach.Tests.Checker;

/// <summary>CockroachDB's loader rules, one row each (certificate_loader.go, permission_check.go, auth.go).</summary>
public class CockroachRuleTests
{
    // uid, gid of the key file; the process gid; mode; the message or null when allowed.
    [TestCase(1000u, 1000u, 1000u, "400", null, TestName = "0400 always passes")]
    [TestCase(1000u, 1000u, 1000u, "600", null, TestName = "0600 always passes")]
    [TestCase(1000u, 1000u, 1000u, "700", null, TestName = "0700 always passes")]
    [TestCase(1000u, 1000u, 1000u, "640", "has permissions -rw-r-----, exceeds -rwx------", TestName = "0640 fails for a non-root owner")]
    [TestCase(0u, 1000u, 1000u, "640", null, TestName = "0640 passes for root:process-gid")]
    [TestCase(0u, 1000u, 1000u, "740", null, TestName = "0740 passes for root:process-gid")]
    [TestCase(0u, 1000u, 1000u, "440", null, TestName = "0440 passes for root:process-gid")]
    [TestCase(0u, 1001u, 1000u, "640", "has permissions -rw-r-----, exceeds -rwx------", TestName = "0640 fails for root with another group")]
    [TestCase(0u, 1000u, 1000u, "644", "has permissions -rw-r--r--, exceeds -rwxr-----", TestName = "0644 fails even for root:process-gid")]
    [TestCase(0u, 1000u, 1000u, "660", "has permissions -rw-rw----, exceeds -rwxr-----", TestName = "group write fails even for root:process-gid")]
    [TestCase(1000u, 1000u, 1000u, "4600", null, TestName = "only the nine permission bits count")]
    public void Key_permission_rule(uint uid, uint gid, uint processGid, string mode, string? message)
    {
        var status = new UnixFileStatus(uid, gid, (UnixFileMode)Convert.ToInt32(mode, 8), true);
        var violation = KeyPermissions.Violation("certs/node.key", status, processGid);
        if (message == null) violation.ShouldBeNull();
        else violation.ShouldBe("key file certs/node.key " + message);
    }

    [TestCase(null, false, false)]
    [TestCase("1", true, false)]
    [TestCase("t", true, false)]
    [TestCase("T", true, false)]
    [TestCase("TRUE", true, false)]
    [TestCase("true", true, false)]
    [TestCase("True", true, false)]
    [TestCase("0", false, false)]
    [TestCase("f", false, false)]
    [TestCase("False", false, false)]
    [TestCase("yes", false, true)]
    [TestCase("tRUE", false, true)]
    [TestCase("", false, true)]
    public void Skip_variable_is_parsed_as_strconv_ParseBool(string? value, bool skip, bool error)
    {
        var (s, e) = KeyPermissions.ParseSkip(value);
        s.ShouldBe(skip);
        (e != null).ShouldBe(error);
    }

    [TestCase("ca.crt", CertUsage.CA, "")]
    [TestCase("ca-client.crt", CertUsage.ClientCA, "")]
    [TestCase("ca-ui.crt", CertUsage.UICA, "")]
    [TestCase("node.crt", CertUsage.Node, "")]
    [TestCase("ui.crt", CertUsage.UI, "")]
    [TestCase("client.root.crt", CertUsage.Client, "root")]
    [TestCase("client.node.crt", CertUsage.Client, "node")]
    [TestCase("client.a.b.crt", CertUsage.Client, "a.b")]
    [TestCase("client-tenant.10.crt", CertUsage.TenantClient, "10")]
    public void Names_the_loader_accepts(string file, CertUsage usage, string name)
    {
        var (info, error) = CertFileNames.Classify(file);
        error.ShouldBeNull();
        info.ShouldBe(new CertFileName(file, usage, name));
    }

    [TestCase("tls.crt", "unknown prefix \"tls\"")]
    [TestCase("Node.crt", "unknown prefix \"Node\"")]
    [TestCase("ca.2.crt", "CA certificate filename should match ca.crt")]
    [TestCase("node.1.crt", "node certificate filename should match node.crt")]
    [TestCase("client.crt", "client certificate filename should match client.<user>.crt")]
    public void Names_the_loader_skips(string file, string message) =>
        CertFileNames.Classify(file).Error.ShouldBe(message);

    [TestCase("node.key", false)]
    [TestCase("01.pem", false)]
    [TestCase("node.crt", true)]
    public void Only_crt_files_are_certificates(string file, bool expected) =>
        CertFileNames.IsCertificateFile(file).ShouldBe(expected);

    [Test]
    public void Principal_map_splits_on_the_last_colon_and_the_last_mapping_wins()
    {
        var map = PrincipalMap.Parse(["a:b:root,,x:1", "x:2"]);
        map.Count.ShouldBe(2);
        PrincipalMap.Quote(["", "a\"b"]).ShouldBe("[\"\" \"a\\\"b\"]");
        Should.Throw<CnfSignerException>(() => PrincipalMap.Parse(["root"])).Message
            .ShouldBe("invalid <cert-principal>:<db-principal> mapping: \"root\"");
    }
}
