using System.Text;
using CnfSigner.Cli;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// "cnfsigner x509" against transcripts of the real OpenSSL 3.0.19 (tools/make-x509-transcripts.sh):
/// identical stdout bytes and exit code; every stderr line OpenSSL printed (its "&lt;tid&gt;:error:" lines
/// aside) appears in ours, in order.
/// </summary>
public class X509TranscriptTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "x509");

    public static IEnumerable<string> Cases =>
        Directory.GetFiles(Folder, "*.args").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    internal static (byte[] Out, string Err, int Rc) Run(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var rc = CnfSigner.Cli.Cli.Run(args, new Terminal(new StringReader(""), stdout, stderr, TimeProvider.System));
        return (stdout.ToArray(), stderr.ToString(), rc);
    }

    [TestCaseSource(nameof(Cases))]
    public void Matches_openssl(string id)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, id + ".args"));
        string[] args = ["x509", "-in", Path.Combine(Folder, lines[0]), .. lines[1..]];
        var (stdout, stderr, rc) = Run(args);

        Encoding.Latin1.GetString(stdout).ShouldBe(Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Folder, id + ".out"))));
        rc.ShouldBe(int.Parse(File.ReadAllText(Path.Combine(Folder, id + ".rc")).Trim()));
        var ours = stderr.Split('\n');
        var position = 0;
        foreach (var expected in File.ReadAllLines(Path.Combine(Folder, id + ".err")))
        {
            while (position < ours.Length && ours[position] != expected) position++;
            (position < ours.Length).ShouldBeTrue($"stderr line \"{expected}\" missing from:\n{stderr}");
            position++;
        }
    }
}
