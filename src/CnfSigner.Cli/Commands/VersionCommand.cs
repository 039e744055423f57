using System.Runtime.InteropServices;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// openssl version (apps/version.c). The first line keeps OpenSSL's shape, "OpenSSL 3.0.19 &lt;date&gt; (Library: ...)",
/// so scripts that read the first word as the library and the second as its version (easy-rsa's verify_ssl_lib:
/// "${val%% *}" = OpenSSL, "${val#* }" up to the first dot = 3; `awk '{print $2}'`) take cnfsigner for the
/// OpenSSL release it copies; the parenthesis says what it really is (README, Differences).
/// </summary>
public static class VersionCommand
{
    public const string CnfSignerVersion = "0.1.0";
    public const string CompatibleVersion = "3.0.19";
    private const string CompatibleDate = "27 Jan 2026";

    public static string VersionLine =>
        $"OpenSSL {CompatibleVersion} {CompatibleDate} (Library: cnfsigner {CnfSignerVersion}; compatible with OpenSSL {CompatibleVersion})";

    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);

    private static readonly OptionTable Table = new("version", "[options]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        OptionSpec.Section("Output options:"),
        Flag("a", "Show all data"),
        Flag("b", "Show build date"),
        Flag("d", "Show configuration directory"),
        Flag("e", "Show engines directory"),
        Flag("m", "Show modules directory"),
        Flag("f", "Show compiler flags used"),
        Flag("o", "Show some internal datatype options"),
        Flag("p", "Show target build platform"),
        Flag("r", "Show random seeding options"),
        Flag("v", "Show library version"),
        Flag("c", "Show CPU settings info"));

    // apps/version.c prints in this order whatever order the flags came in; -a sets them all.
    private static readonly (string Flag, Func<string> Line)[] Lines =
    [
        ("v", () => VersionLine),
        ("b", () => "built on: reproducible build, date unspecified"),
        ("p", () => "platform: " + RuntimeInformation.RuntimeIdentifier),
        ("o", () => "options:  bn(64,32)"), // BouncyCastle's BigInteger works in 32-bit words
        ("f", () => "compiler: " + RuntimeInformation.FrameworkDescription),
        ("d", () => $"OPENSSLDIR: \"{Path.GetDirectoryName(CliConfig.DefaultPath)}\""),
        ("e", () => "ENGINESDIR: \"\""),
        ("m", () => "MODULESDIR: \"\""),
        ("r", () => "Seeding source: os-specific"),
        ("c", () => "CPUINFO: N/A"),
    ];

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        if (options.Positionals.Count > 0) throw new CnfSignerException("version: Use -help for summary.");
        var all = options.Has("a");
        var any = options.Occurrences.Count > 0;
        var text = new System.Text.StringBuilder();
        foreach (var (flag, line) in Lines)
            if (all || options.Has(flag) || (!any && flag == "v"))
                text.Append(line()).Append('\n');
        terminal.Write(text.ToString());
        return 0;
    }
}
