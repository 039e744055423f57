using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// req -keygen_engine ID: apps/req.c calls setup_engine() while reading its options and, when the engine cannot be
/// loaded, prints `Can't find keygen engine req` and the usage hint and exits 1 before anything is made. cnfsigner has
/// no engines, so every id takes that path. openssl 3.0.19's runs are recorded in testdata/openssl-golden.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public partial class KeygenEngineTests
{
    [TestCase("alone", "-keygen_engine", "foo")]
    [TestCase("engine_before", "-engine", "bar", "-keygen_engine", "foo")]
    [TestCase("engine_after_is_never_reached", "-keygen_engine", "foo", "-engine", "bar")]
    [TestCase("with_a_key_file", "-keygen_engine", "foo", "-key", "/nonexistent/key.pem")]
    public void An_unknown_keygen_engine_stops_req_like_openssl(string name, params string[] engineArgs)
    {
        string[] args = ["req", "-new", .. engineArgs, "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=a", "-out", "r.pem", "-keyout", "k.pem"];
        using var theirsDir = new TempDir();
        using var oursDir = new TempDir();
        var theirs = RecordedOpenSsl.Exec(theirsDir, args);
        var ours = CliRunner.Run(oursDir.Path, "", args);

        ours.ExitCode.ShouldBe(1, ours.Stderr);
        ours.ExitCode.ShouldBe(theirs.ExitCode);
        ours.Stdout.ShouldBe(theirs.Stdout);
        // openssl's error stack (addresses, source lines) stands as one "no such engine" line per engine in ours.
        OwnLines(ours.Stderr, Ours()).ShouldBe(OwnLines(theirs.Stderr, Theirs()));
        ours.Stderr.ShouldContain("no such engine: id=foo\n");
        Directory.GetFileSystemEntries(oursDir.Path).ShouldBeEmpty();
        Directory.GetFileSystemEntries(theirsDir.Path).ShouldBeEmpty();
    }

    private static string[] OwnLines(string stderr, Regex stack) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !stack.IsMatch(l)).ToArray();

    [GeneratedRegex("^no such engine: id=")]
    private static partial Regex Ours();

    [GeneratedRegex("^[0-9A-F]+:error:")]
    private static partial Regex Theirs();
}
