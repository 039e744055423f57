using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Every option a command's -help lists is one it takes: none is refused as "not supported" (the ones cnfsigner
/// refuses are left out of -help and named in the README's Differences). Each listed option is given with a value of
/// its kind and an input that does not exist, so the command stops right after judging its options.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
[Category("Slow")] // some hundred runs
public partial class HelpListsWhatWorksTests
{
    // genrsa, genpkey, rand and version have no input to stop at (they would make keys); their options are
    // covered by their own tests.
    [TestCase("x509")]
    [TestCase("req")]
    [TestCase("ca")]
    [TestCase("crl")]
    [TestCase("crl2pkcs7")]
    [TestCase("verify")]
    [TestCase("pkey")]
    [TestCase("rsa")]
    [TestCase("ec")]
    [TestCase("ecparam")]
    [TestCase("pkcs8")]
    [TestCase("dhparam")]
    [TestCase("dgst")]
    [TestCase("enc")]
    public void No_listed_option_is_refused(string command)
    {
        var dir = Directory.CreateTempSubdirectory("help").FullName;
        try
        {
            var help = CliRunner.Run(dir, "", command, "-help");
            help.ExitCode.ShouldBe(0);
            var rows = HelpRow().Matches(help.Stdout + help.Stderr).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
            rows.Count.ShouldBeGreaterThan(3);
            foreach (var (name, param) in rows)
            {
                if (name is "help" or "*" or "in") continue;
                string[] value = param switch
                {
                    "" => [],
                    "int" or "+int" or "intmax" or "nonneg" => ["1"],
                    "format" or "PEM|DER" or "PEM|DER|ENGINE" => ["PEM"],
                    "dir" => ["."],
                    _ => ["v"],
                };
                var run = CliRunner.Run(dir, "", [command, "-" + name, .. value, "-in", "/nonexistent/in"]);
                run.Stderr.ShouldNotContain($"-{name} is not supported", customMessage: $"{command} -{name}");
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [GeneratedRegex(@"^ -(\S+)(?: (\S+))?", RegexOptions.Multiline)]
    private static partial Regex HelpRow();
}
