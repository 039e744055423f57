using System.Text;
using CnfSigner.Cli;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// "cnfsigner x509" and "cnfsigner crl" against transcripts of the real OpenSSL 3.0.19 (tools/make-transcripts.sh):
/// identical stdout bytes and exit code; every stderr line OpenSSL printed (its "&lt;tid&gt;:error:" lines
/// aside) appears in ours, in order.
/// </summary>
public class TranscriptTests
{
    private static string Folder(string command) => Path.Combine(AppContext.BaseDirectory, "testdata", command);

    public static IEnumerable<TestCaseData> Cases =>
        new[] { "x509", "crl" }.SelectMany(command => Directory.GetFiles(Folder(command), "*.args")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)
            .Select(id => new TestCaseData(command, id)));

    internal static (byte[] Out, string Err, int Rc) Run(params string[] args)
    {
        var r = CliRunner.Run(AppContext.BaseDirectory, "", args);
        return (r.StdoutBytes, r.Stderr, r.ExitCode);
    }

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string command, string id)
    {
        var folder = Folder(command);
        var lines = File.ReadAllLines(Path.Combine(folder, id + ".args")).Where(l => l.Length > 0).ToArray();
        // Paths inside the arguments (-CAfile crls/ca.pem) are relative to the transcript folder.
        string[] args = [command, "-in", Path.Combine(folder, lines[0]), .. lines[1..].Select(a => a.StartsWith("crls/") ? Path.Combine(folder, a) : a)];
        var (stdout, stderr, rc) = Run(args);

        Encoding.Latin1.GetString(stdout).ShouldBe(Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(folder, id + ".out"))));
        rc.ShouldBe(int.Parse(File.ReadAllText(Path.Combine(folder, id + ".rc")).Trim()));
        // OpenSSL ran inside the folder: messages name the input by its relative path.
        var ours = stderr.Replace(folder + Path.DirectorySeparatorChar, "").Split('\n');
        var position = 0;
        foreach (var expected in File.ReadAllLines(Path.Combine(folder, id + ".err")))
        {
            while (position < ours.Length && ours[position] != expected) position++;
            (position < ours.Length).ShouldBeTrue($"stderr line \"{expected}\" missing from:\n{stderr}");
            position++;
        }
    }
}
