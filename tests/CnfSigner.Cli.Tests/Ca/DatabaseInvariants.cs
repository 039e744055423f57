using System.Globalization;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CnfSigner.Cli.Tests.Ca;

/// <summary>
/// What must hold of a CA database at any instant, whatever killed the last writer: every file parses, no two rows
/// share a serial, the serial file is ahead of every row, every certificate in the output directory (and every
/// named output file) has its row, and no "*.new" file is left for a later run to mistake for the database.
/// Judged independently of cnfsigner's own readers (the .NET certificate loader, plain text parsing).
/// </summary>
public static class DatabaseInvariants
{
    public sealed record Row(string Status, string Serial, string Subject);

    public static List<Row> Check(string dir, string certsDir, IEnumerable<string>? outputs = null)
    {
        var rows = ReadIndex(Path.Combine(dir, "index.txt"));
        var serials = rows.Select(r => Number(r.Serial)).ToList();
        serials.Distinct().Count().ShouldBe(serials.Count, "two rows share a serial");
        var next = Number(File.ReadAllText(Path.Combine(dir, "serial.txt")).TrimEnd('\n'));
        foreach (var s in serials) s.ShouldBeLessThan(next, "the serial file is not ahead of a row");

        var attr = Path.Combine(dir, "index.txt.attr");
        if (File.Exists(attr)) File.ReadAllText(attr).ShouldBeOneOf("unique_subject = yes\n", "unique_subject = no\n");
        foreach (var name in new[] { "index.txt.new", "index.txt.attr.new", "serial.txt.new" })
            File.Exists(Path.Combine(dir, name)).ShouldBeFalse($"{name} left behind");

        foreach (var file in Directory.GetFiles(certsDir).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var serial = Path.GetFileNameWithoutExtension(file);
            var cert = Load(file);
            Number(cert.SerialNumber).ShouldBe(Number(serial), $"{file} holds another serial");
            serials.ShouldContain(Number(serial), $"{file} has no row");
        }
        foreach (var output in (outputs ?? []).Where(File.Exists))
            serials.ShouldContain(Number(Load(output).SerialNumber), $"{output} has no row");
        return rows;
    }

    private static List<Row> ReadIndex(string path)
    {
        var text = File.ReadAllText(path, Encoding.Latin1);
        if (text.Length > 0) text.ShouldEndWith("\n", customMessage: "index.txt ends in a partial line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var f = line.Split('\t');
            f.Length.ShouldBe(6, $"row '{line}'");
            f[0].ShouldBeOneOf("V", "R", "E");
            return new Row(f[0], f[3], f[5]);
        }).ToList();
    }

    private static X509Certificate2 Load(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path, Encoding.Latin1));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ShouldAssertException($"{path} is not a whole certificate: {e.Message}");
        }
    }

    private static BigInteger Number(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber);
}
