using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace CnfSigner.Cli.Tests;

/// <summary>
/// openssl's half of a side-by-side test, recorded once (testdata/openssl-golden/&lt;class&gt;/&lt;test&gt;.&lt;n&gt;.json:
/// arguments, exit code, stdout, stderr and every file the run added, changed or removed in its directory).
/// Where openssl is installed it runs live, exactly as the test always did, and must still exit as recorded; where
/// it is absent the recording stands in for it, so cnfsigner's half of the test still runs.
/// Re-record after changing a fixture or a case: CNFSIGNER_RECORD_OPENSSL=1 dotnet test --filter ...
/// </summary>
public static class RecordedOpenSsl
{
    private static readonly bool Recording = Environment.GetEnvironmentVariable("CNFSIGNER_RECORD_OPENSSL") == "1";
    private static readonly ConcurrentDictionary<string, int> Calls = new();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RunResult Exec(TempDir dir, params string[] args) => ExecWithInput(dir.Path, "", args);

    public static RunResult Exec(string dir, params string[] args) => ExecWithInput(dir, "", args);

    public static RunResult ExecWithInput(TempDir dir, string stdin, params string[] args) => ExecWithInput(dir.Path, stdin, args);

    public static RunResult ExecWithInput(string dir, string stdin, params string[] args)
    {
        var path = GoldenPath();
        if (Recording || OpenSsl.Available)
        {
            if (Recording) OpenSsl.Require();
            var before = Recording ? DirectorySnapshot.Bytes(dir) : [];
            var live = OpenSsl.ExecWithInput(dir, stdin, args);
            if (Recording) Write(path, Record.Of(args, stdin, live, before, DirectorySnapshot.Bytes(dir)));
            else if (File.Exists(path))
                live.ExitCode.ShouldBe(Read(path).ExitCode, $"openssl no longer exits as recorded in {path}: re-record it");
            return live;
        }
        File.Exists(path).ShouldBeTrue($"openssl is not installed and nothing was recorded for it in {path}");
        var golden = Read(path);
        golden.Args.ShouldBe(args, $"{path} was recorded for other arguments: re-record it");
        golden.Stdin.ShouldBe(stdin, $"{path} was recorded for other input: re-record it");
        foreach (var file in golden.Files)
        {
            var target = Path.Combine(dir, file.Path);
            if (file.Deleted) { File.Delete(target); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Contents());
        }
        var stdout = Convert.FromHexString(golden.StdoutHex);
        return new RunResult(golden.ExitCode, Encoding.UTF8.GetString(stdout), golden.Stderr, stdout);
    }

    /// <summary>One file per openssl call of a test, numbered in call order.</summary>
    private static string GoldenPath()
    {
        var test = TestContext.CurrentContext.Test;
        var n = Calls.AddOrUpdate(test.ID, 1, (_, c) => c + 1);
        var name = string.Concat(test.Name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_'));
        var root = Recording
            ? Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "testdata")
            : Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata");
        return Path.GetFullPath(Path.Combine(root, "openssl-golden", test.ClassName!.Split('.')[^1], $"{name}.{n}.json"));
    }

    private static Record Read(string path) => JsonSerializer.Deserialize<Record>(File.ReadAllText(path), Json)!;

    private static void Write(string path, Record record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(record, Json) + "\n");
    }

    public sealed record Record(string[] Args, string Stdin, int ExitCode, string StdoutHex, string Stderr, List<FileChange> Files)
    {
        public static Record Of(string[] args, string stdin, RunResult r, Dictionary<string, byte[]> before, Dictionary<string, byte[]> after) =>
            new(args, stdin, r.ExitCode, Convert.ToHexString(r.StdoutBytes), r.Stderr,
            [
                .. after.Where(f => !before.TryGetValue(f.Key, out var old) || !old.AsSpan().SequenceEqual(f.Value))
                    .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => FileChange.Of(f.Key, f.Value)),
                .. before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => new FileChange(k, null, null, true)),
            ]);
    }

    /// <summary>A file the run wrote (as text where it is plain ASCII, else hex) or removed.</summary>
    public sealed record FileChange(string Path, string? Text, string? Hex, bool Deleted)
    {
        public static FileChange Of(string path, byte[] bytes) =>
            bytes.All(b => b is (>= 0x20 and < 0x7f) or (byte)'\n' or (byte)'\t')
                ? new(path, Encoding.ASCII.GetString(bytes), null, false)
                : new(path, null, Convert.ToHexString(bytes), false);

        public byte[] Contents() => Text != null ? Encoding.ASCII.GetBytes(Text) : Convert.FromHexString(Hex!);
    }
}
