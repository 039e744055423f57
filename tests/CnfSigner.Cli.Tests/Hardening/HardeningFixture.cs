namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>
/// A working CA made by cnfsigner itself (so the corpus runs where openssl is absent): ca.key/ca.crt from the seed
/// ca.cnf, node.key and node.csr, a database with one issued certificate, an encrypted key (pass phrase
/// <see cref="Secret"/>). Each case gets its own copy.
/// </summary>
public sealed class HardeningFixture : IDisposable
{
    public const string Secret = "s3cret-Pass-7Q";
    private static readonly string Configs = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs");
    private readonly TempDir _dir = new();

    public HardeningFixture()
    {
        File.Copy(Path.Combine(Configs, "ca.cnf"), _dir.File("ca.cnf"));
        File.Copy(Path.Combine(Configs, "node.cnf"), _dir.File("node.cnf"));
        File.WriteAllText(_dir.File("ca-crlnumber.cnf"), File.ReadAllText(_dir.File("ca.cnf"))
            .Replace("serial = serial.txt", "serial = serial.txt\ncrlnumber = crlnumber.txt"));
        File.WriteAllText(_dir.File("crlnumber.txt"), "1000\n");
        Run("genrsa", "-out", "ca.key", "2048");
        Run("req", "-new", "-x509", "-config", "ca.cnf", "-key", "ca.key", "-out", "ca.crt", "-days", "365", "-batch");
        Run("genrsa", "-out", "node.key", "1024");
        Run("genrsa", "-aes256", "-passout", "pass:" + Secret, "-out", "enc.key", "1024");
        Run("req", "-new", "-key", "node.key", "-subj", "/O=Cockroach/CN=node", "-out", "node.csr");
        File.WriteAllText(_dir.File("index.txt"), "");
        File.WriteAllText(_dir.File("serial.txt"), "01\n");
        Directory.CreateDirectory(_dir.File("certs"));
        Run("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy",
            "-extensions", "signing_node_req", "-outdir", "certs/", "-batch", "-in", "node.csr", "-out", "node.crt");
        Run("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-gencrl", "-crldays", "30", "-out", "ca.crl");
    }

    private void Run(params string[] args)
    {
        var r = CliRunner.Run(_dir.Path, "", args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"cnfsigner {string.Join(" ", args)}: {r.Stderr}");
    }

    public TempDir Copy()
    {
        var copy = new TempDir();
        foreach (var file in Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(_dir.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.CreateDirectory(copy.File("certs"));
        return copy;
    }

    public void Dispose() => _dir.Dispose();
}
