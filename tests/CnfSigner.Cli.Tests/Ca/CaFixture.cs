namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// The seed CA made once by openssl from configs/ca.cnf and committed (testdata/ca/seed, made by
/// testdata/ca/make-fixture.sh): ca.cnf, ca.key, ca.crt, leaf.key, requests (node, root, onlycn, other, reorder,
/// wantsca, san) and an empty database. Each test copies it, so cnfsigner and openssl run the same command on
/// identical databases; no openssl is needed to build it.
/// </summary>
public sealed class CaFixture : IDisposable
{
    public CaFixture() : this("seed")
    {
    }

    internal CaFixture(string name)
    {
        foreach (var file in Directory.GetFiles(CliRunner.TestData("ca", name)))
            File.Copy(file, Dir.File(Path.GetFileName(file)));
        Directory.CreateDirectory(Dir.File("certs"));
    }

    public TempDir Dir { get; } = new();

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

/// <summary>Tests that run against one committed fixture (a CA, a revocation database), copied per test.</summary>
public abstract class WithFixture<T> where T : IDisposable, new()
{
    protected T _ca = default!;

    [OneTimeSetUp]
    public void CreateFixture()
    {
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
public abstract class WithCaFixture : WithFixture<CaFixture>;
