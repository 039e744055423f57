namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// The seed CA whose database openssl has filled, committed (testdata/ca/revocation, made by
/// testdata/ca/make-fixture.sh): a.crt … d.crt are serials 01–04 (/O=Cockroach/CN=a …). outsider.crt (serial 0A,
/// /O=Cockroach/CN=a) and mismatch.crt (serial 01, /O=Cockroach/CN=other) are signed by the same CA but are not in
/// the database.
/// </summary>
public sealed class RevocationFixture : IDisposable
{
    public static readonly string[] Ca = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt"];
    private readonly CaFixture _ca = new("revocation");

    /// <summary>A fresh copy of the CA directory with its database.</summary>
    public TempDir Copy() => _ca.Copy();

    public void Dispose() => _ca.Dispose();

    /// <summary>A clock at the newest revocation time openssl wrote into the index, so a second run can match it.</summary>
    public static FixedClock ClockOfLastRevocation(TempDir dir)
    {
        var times = File.ReadAllLines(dir.File("index.txt")).Select(l => l.Split('\t')[2].Split(',')[0]).Where(t => t.Length > 0);
        var latest = times.Max(t => DateTimeOffset.ParseExact(t, "yyMMddHHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal));
        return new FixedClock(latest);
    }

}
