namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// A CA made once with the real openssl from the seed config, plus requests; each test copies it into two
/// directories so cnfsigner and openssl run the same command on identical databases.
/// </summary>
public sealed class CaFixture : IDisposable
{
    private static readonly string Configs = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs");
    public TempDir Dir { get; } = new();

    public CaFixture()
    {
        File.Copy(Path.Combine(Configs, "ca.cnf"), Dir.File("ca.cnf"));
        Run("genrsa", "-out", "ca.key", "2048");
        Run("req", "-new", "-x509", "-config", "ca.cnf", "-key", "ca.key", "-out", "ca.crt", "-days", "365", "-batch");
        Run("genrsa", "-out", "leaf.key", "2048");
        Csr("node.csr", "/O=Cockroach");
        Csr("root.csr", "/O=Cockroach/CN=root");
        Csr("onlycn.csr", "/CN=onlycn");
        Csr("other.csr", "/O=Other/CN=x");
        Csr("reorder.csr", "/CN=foo/O=Cockroach/OU=eng/C=US");
        Run("req", "-new", "-key", "leaf.key", "-subj", "/O=Cockroach/CN=ca-wannabe", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "subjectAltName=DNS:a.example", "-out", "wantsca.csr");
        File.WriteAllText(Dir.File("index.txt"), "");
        File.WriteAllText(Dir.File("serial.txt"), "01\n");
        Directory.CreateDirectory(Dir.File("certs"));
    }

    private void Csr(string name, string subject) =>
        Run("req", "-new", "-key", "leaf.key", "-subj", subject, "-out", name);

    private void Run(params string[] args)
    {
        var r = OpenSsl.Exec(Dir.Path, args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(" ", args)}: {r.Stderr}");
    }

    /// <summary>A fresh copy of the CA directory.</summary>
    public TempDir Copy()
    {
        var copy = new TempDir();
        foreach (var file in Directory.GetFiles(Dir.Path)) File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        Directory.CreateDirectory(copy.File("certs"));
        return copy;
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// Tests that run against one openssl-made fixture (a CA, a revocation database), made once per class and copied per
/// test; ignored where openssl is absent.
/// </summary>
public abstract class WithOpenSslFixture<T> where T : IDisposable, new()
{
    protected T _ca = default!;

    [OneTimeSetUp]
    public void CreateFixture()
    {
        OpenSsl.Require();
        _ca = new T();
        AfterCaCreated();
    }

    /// <summary>More files the fixture's tests need, made once.</summary>
    protected virtual void AfterCaCreated()
    {
    }

    [OneTimeTearDown]
    public void DeleteFixture() => _ca?.Dispose();
}

/// <summary>Tests against the seed CA of <see cref="CaFixture"/>.</summary>
public abstract class WithCaFixture : WithOpenSslFixture<CaFixture>;
