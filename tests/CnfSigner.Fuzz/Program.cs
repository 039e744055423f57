using System.Diagnostics;
using CnfSigner.Fuzz;
using SharpFuzz;

// cnfsigner-fuzz afl TARGET                          under afl-fuzz (instrumented product assemblies)
// cnfsigner-fuzz mutate TARGET SEEDS N [SEED] [OUT]  deterministic mutation run without AFL++; findings go to OUT
// cnfsigner-fuzz replay TARGET FILE|DIR...            run saved inputs (crashes, regressions) once each
// cnfsigner-fuzz list                                  the target names
const int HangSeconds = 10;

if (args.Length == 1 && args[0] == "list")
{
    foreach (var name in FuzzTargets.All.Keys) Console.WriteLine(name);
    return 0;
}
if (args.Length < 2 || !FuzzTargets.All.ContainsKey(args[1]))
{
    Console.Error.WriteLine("usage: cnfsigner-fuzz afl|mutate|replay TARGET ...; targets: " + string.Join(" ", FuzzTargets.All.Keys));
    return 2;
}
var target = args[1];
switch (args[0])
{
    case "afl":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzTargets.Run(target, copy.ToArray());
        });
        return 0;
    case "mutate" when args.Length >= 4:
        return Mutate(target, args[2], int.Parse(args[3]), args.Length > 4 ? int.Parse(args[4]) : 1, args.Length > 5 ? args[5] : null);
    case "replay":
        return Replay(target, args[2..]);
    default:
        Console.Error.WriteLine("usage: cnfsigner-fuzz mutate TARGET SEEDS N [SEED] [OUT]");
        return 2;
}

static int Mutate(string target, string seedDir, int count, int seed, string? outDir)
{
    var seeds = Directory.GetFiles(seedDir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
    var mutator = new Mutator(seeds, seed);
    var findings = new Dictionary<string, byte[]>();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        var input = mutator.Next();
        if (RunGuarded(target, input) is { } failure && findings.TryAdd(failure, input) && outDir != null)
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllBytes(Path.Combine(outDir, $"{target}-{findings.Count}.bin"), input);
        }
    }
    foreach (var (failure, input) in findings) Console.WriteLine($"  {failure}\n    input: {Convert.ToHexString(input[..Math.Min(input.Length, 200)])}");
    Console.WriteLine($"{target}: {count} executions in {watch.Elapsed.TotalSeconds:F1}s, {findings.Count} distinct failures");
    return findings.Count == 0 ? 0 : 1;
}

static int Replay(string target, string[] paths)
{
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]).Order(StringComparer.Ordinal).ToList();
    var failed = 0;
    foreach (var file in files)
    {
        if (RunGuarded(target, File.ReadAllBytes(file), verbose: true) is not { } failure) continue;
        failed++;
        Console.WriteLine($"{file}: {failure}");
    }
    Console.WriteLine($"{target}: {files.Count} inputs replayed, {failed} failed");
    return failed == 0 ? 0 : 1;
}

// Null when the target accepted or refused the input; else the exception's type and throwing frame (one finding
// per distinct place). An input that runs past HangSeconds is a hang: the whole run stops with it.
static string? RunGuarded(string target, byte[] input, bool verbose = false)
{
    string? failure = null;
    var thread = new Thread(() =>
    {
        try { FuzzTargets.Run(target, input); }
        catch (Exception e) { failure = verbose ? e.ToString() : $"{e.GetType().Name} at {new StackTrace(e).GetFrame(0)?.GetMethod()}: {e.Message}"; }
    }, 16 * 1024 * 1024);
    thread.Start();
    if (thread.Join(TimeSpan.FromSeconds(HangSeconds))) return failure;
    Console.WriteLine($"{target}: HANG over {HangSeconds}s on input {Convert.ToHexString(input[..Math.Min(input.Length, 400)])}");
    Environment.Exit(3);
    return null;
}
