using System.Globalization;
using System.Text;
using CnfSigner.Config;

namespace CnfSigner.Config.Tests;

/// <summary>
/// Every top-level config in testdata/golden is loaded with CnfLoader and compared with what OpenSSL 3.0.19's
/// NCONF_load() stored (or the error it gave), as dumped by tools/confdump.c (tools/regen-goldens.sh).
/// </summary>
[NonParallelizable] // relative includes resolve from the current directory, as in OpenSSL
public class GoldenTests
{
    private static string GoldenDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "golden");

    public static IEnumerable<TestCaseData> Configs() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "golden"), "*.cnf")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetName($"Golden_{name}"));

    [TestCaseSource(nameof(Configs))]
    public void Loads_as_OpenSSL_does(string name)
    {
        var expected = File.ReadAllText(Path.Combine(GoldenDir, Path.ChangeExtension(name, ".dump")));
        var env = Environment(name);
        var saved = System.Environment.CurrentDirectory;
        System.Environment.CurrentDirectory = GoldenDir;
        try
        {
            if (expected.StartsWith("error ", StringComparison.Ordinal))
            {
                var e = Should.Throw<CnfSignerException>(() => CnfLoader.Load(name, env.GetValueOrDefault));
                e.Message.ShouldBe(ExpectedError(expected, name));
                e.PrefixWithCommand.ShouldBeTrue();
                e.ExitCode.ShouldBe(1);
            }
            else
            {
                Dump(CnfLoader.Load(name, env.GetValueOrDefault)).ShouldBe(expected);
            }
        }
        finally
        {
            System.Environment.CurrentDirectory = saved;
        }
    }

    /// <summary>env.txt, plus NAME.env when present: the whole environment the dump was made with.</summary>
    private static Dictionary<string, string> Environment(string name)
    {
        var files = new[] { "env.txt", Path.ChangeExtension(name, ".env") }.Select(f => Path.Combine(GoldenDir, f));
        return files.Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
    }

    private static string ExpectedError(string dump, string name)
    {
        var fields = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        var data = Unescape(fields["data"]);
        return $"Error on line {fields["error line"]} of config file \"{name}\"\n{fields["reason"]}"
               + (data.Length > 0 ? ": " + data : "");
    }

    /// <summary>The same text confdump.c writes: sections sorted by their bytes, values in stored order.</summary>
    internal static string Dump(CnfDocument document)
    {
        var text = new StringBuilder();
        var names = document.SectionNames.OrderBy(n => Encoding.UTF8.GetBytes(n), ByteOrder.Instance);
        foreach (var section in names)
        {
            text.Append('[').Append(Escape(section)).Append("]\n");
            foreach (var (key, value) in document.GetSection(section)!)
                text.Append(Escape(key)).Append('=').Append(Escape(value)).Append('\n');
        }
        return text.ToString();
    }

    private static string Escape(string s) => string.Concat(Encoding.UTF8.GetBytes(s).Select(b =>
        b < 0x20 || b > 0x7e || b == '\\' || b == '=' ? $"\\x{b:x2}" : ((char)b).ToString()));

    private static string Unescape(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length && s[i + 1] == 'x')
            {
                bytes.Add(byte.Parse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else bytes.Add((byte)s[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
