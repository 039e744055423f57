using System.Diagnostics;

namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>
/// The broken-directory corpus: one workspace made by `cnfsigner cockroach all`, then for every case a copy of
/// node-certs (or client-certs) with one thing broken, made with cnfsigner itself.
/// </summary>
public sealed class CheckerCorpus : IDisposable
{
    // Extensions and CA variants the seed configs do not have.
    private const string TestCnf = """
        [ req ]
        prompt = no
        distinguished_name = dn
        [ dn ]
        organizationName = Cockroach
        commonName = Cockroach CA
        [ ca_no_bc ]
        keyUsage = critical,digitalSignature,keyCertSign
        [ ca_no_certsign ]
        keyUsage = critical,digitalSignature
        basicConstraints = critical,CA:true
        [ ca_server_eku ]
        keyUsage = critical,keyCertSign
        basicConstraints = critical,CA:true
        extendedKeyUsage = serverAuth
        [ ca_ok ]
        keyUsage = critical,keyCertSign
        basicConstraints = critical,CA:true
        [ node_custom_critical ]
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth,clientAuth
        1.2.3.4 = critical,ASN1:NULL
        """;

    private int _cases;

    public CheckerCorpus()
    {
        Ws = CockroachWorkspace.WithAll();
        Other = CockroachWorkspace.WithAll();
        File.WriteAllText(Ws.File("test.cnf"), TestCnf);
        File.WriteAllText(Ws.File("printable.cnf"), TestCnf.Replace("prompt = no", "prompt = no\nstring_mask = nombstr"));
        Directory.CreateDirectory(Ws.File("scratch"));
    }

    public CockroachWorkspace Ws { get; }
    public CockroachWorkspace Other { get; }

    /// <summary>A fresh copy of node-certs (or client-certs), relative to the workspace.</summary>
    public string NewCase(string from = "node-certs")
    {
        var dir = $"case{++_cases}";
        Directory.CreateDirectory(Ws.File(dir));
        foreach (var f in Directory.GetFiles(Ws.File(from)))
            File.Copy(f, Ws.File($"{dir}/{Path.GetFileName(f)}"));
        return dir;
    }

    /// <summary>Signs the workspace's node.csr (or another request) with ca.key into <paramref name="output"/>.</summary>
    public void Sign(string output, string extensions, string caCert = "node-certs/ca.crt", string csr = "node.csr", params string[] more)
    {
        var extfile = extensions.StartsWith("signing_", StringComparison.Ordinal) ? [] : new[] { "-extfile", "test.cnf" };
        Ws.Ok(["ca", "-config", "ca.cnf", "-keyfile", "my-safe-directory/ca.key", "-cert", caCert, "-policy", "signing_policy",
            "-extensions", extensions, .. extfile, "-out", output, "-outdir", "scratch/", "-in", csr, "-batch", .. more]);
    }

    /// <summary>A CA certificate on the workspace's CA key with different extensions or name encoding.</summary>
    public void MakeCa(string output, string extensions, string config = "test.cnf") =>
        Ws.Ok("req", "-new", "-x509", "-config", config, "-extensions", extensions, "-key", "my-safe-directory/ca.key", "-out", output,
            "-days", "365", "-batch");

    public static void Chmod(string path, string octal) => File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));

    public static void Chown(string path, string owner)
    {
        using var p = Process.Start("chown", [owner, path]);
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
    }

    public static bool IsRoot => Environment.UserName == "root";

    public void Dispose()
    {
        Ws.Dispose();
        Other.Dispose();
    }
}
