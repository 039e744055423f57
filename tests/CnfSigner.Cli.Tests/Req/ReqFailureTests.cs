using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Req;

/// <summary>
/// testdata/req/corpus/failures.txt: every bad input, run where out.pem and keep.key already exist. OpenSSL's
/// human-readable stderr lines (expected/fail-*.err without libcrypto's "tid:error:" lines and key-generation
/// progress) must appear in ours in order; both exit 1; cnfsigner creates, changes and removes no file.
/// </summary>
[TestFixture]
public partial class ReqFailureTests
{
    public static IEnumerable<ReqCase> Cases() => ReqCorpus.Cases("failures.txt");

    [TestCaseSource(nameof(Cases))]
    public void Fails_with_openssls_words_and_touches_no_file(ReqCase c)
    {
        using var dir = ReqCorpus.Copy();
        File.WriteAllText(dir.File("out.pem"), "untouched\n");
        File.WriteAllText(dir.File("keep.key"), "untouched\n");
        var before = DirectorySnapshot.Contents(dir);

        var run = CliRunner.Run(dir.Path, "", ["req", .. c.Args]);

        run.ShouldFailAsOpenSslFails(int.Parse(File.ReadAllText(ReqCorpus.Expected($"fail-{c.Name}.rc")).Trim()),
            File.ReadAllText(ReqCorpus.Expected($"fail-{c.Name}.err")), dir.Path, before);
    }
}
