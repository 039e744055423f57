using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// A <see cref="CaFixture"/> whose database openssl has filled: a.crt … d.crt are serials 01–04
/// (/O=Cockroach/CN=a …). outsider.crt (serial 0A, /O=Cockroach/CN=a) and mismatch.crt (serial 01,
/// /O=Cockroach/CN=other) are signed by the same CA but are not in the database.
/// </summary>
public sealed class RevocationFixture : IDisposable
{
    public static readonly string[] Ca = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt"];
    private readonly CaFixture _ca = new();

    public RevocationFixture()
    {
        foreach (var n in new[] { "a", "b", "c", "d" }) Sign(_ca.Dir, n, $"/O=Cockroach/CN={n}");
        foreach (var (name, serial, subject) in new[] { ("outsider", "0A", "/O=Cockroach/CN=a"), ("mismatch", "01", "/O=Cockroach/CN=other") })
        {
            using var side = _ca.Copy();
            File.WriteAllText(side.File("index.txt"), "");
            File.WriteAllText(side.File("serial.txt"), serial + "\n");
            Sign(side, name, subject);
            File.Copy(side.File(name + ".crt"), _ca.Dir.File(name + ".crt"));
        }
    }

    private static void Sign(TempDir dir, string name, string subject)
    {
        Exec(dir, "req", "-new", "-key", "leaf.key", "-subj", subject, "-out", name + ".csr");
        Exec(dir, [.. Ca, "-policy", "signing_policy", "-extensions", "signing_node_req", "-outdir", "certs/", "-batch",
            "-notext", "-in", name + ".csr", "-out", name + ".crt"]);
    }

    private static void Exec(TempDir dir, params string[] args)
    {
        var r = OpenSsl.Exec(dir.Path, args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(" ", args)}: {r.Stderr}");
    }

    /// <summary>A fresh copy of the CA directory with its database.</summary>
    public TempDir Copy() => _ca.Copy();

    public void Dispose() => _ca.Dispose();

    /// <summary>Every file under the directory with its bytes (the lock file aside).</summary>
    public static Dictionary<string, string> Snapshot(TempDir dir) =>
        Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir.Path, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    /// <summary>A clock at the newest revocation time openssl wrote into the index, so a second run can match it.</summary>
    public static FixedClock ClockOfLastRevocation(TempDir dir)
    {
        var times = File.ReadAllLines(dir.File("index.txt")).Select(l => l.Split('\t')[2].Split(',')[0]).Where(t => t.Length > 0);
        var latest = times.Max(t => DateTimeOffset.ParseExact(t, "yyMMddHHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal));
        return new FixedClock(latest);
    }

}
