using CnfSigner.Cli.Commands;

namespace CnfSigner.Cli;

/// <summary>Dispatch and the single catch site: user-facing failures become stderr text and an exit code.</summary>
public static class Cli
{
    private delegate int CommandRunner(string[] args, Terminal terminal);

    // One row per command; the runner parses its own options with its OptionTable.
    private static readonly SortedDictionary<string, CommandRunner> Commands = new(StringComparer.Ordinal)
    {
        ["ca"] = CaCommand.Run,
        ["cockroach"] = CockroachCommand.Run,
        ["conf"] = ConfCommand.Run,
        ["crl"] = CrlCommand.Run,
        ["crl2pkcs7"] = Crl2pkcs7Command.Run,
        ["dgst"] = DgstCommand.Run,
        ["dhparam"] = DhparamCommand.Run,
        ["ec"] = EcCommand.Run,
        ["ecparam"] = EcparamCommand.Run,
        ["enc"] = EncCommand.Run,
        ["genpkey"] = GenpkeyCommand.Run,
        ["genrsa"] = GenrsaCommand.Run,
        ["ocsp"] = OcspCommand.Run,
        ["pkcs12"] = Pkcs12Command.Run,
        ["pkcs8"] = Pkcs8Command.Run,
        ["pkey"] = PkeyCommand.Run,
        ["rand"] = RandCommand.Run,
        ["req"] = ReqCommand.Run,
        ["rsa"] = RsaCommand.Run,
        ["verify"] = VerifyCommand.Run,
        ["version"] = VersionCommand.Run,
        ["x509"] = X509Command.Run,
    };

    public static int Run(string[] args, Terminal terminal)
    {
        CnfSigner.Pki.BouncyCastleSettings.Apply();
        if (args.Length == 0 || args[0] is "help" or "-help" or "--help" or "-h")
        {
            terminal.Err.WriteLine("Usage: cnfsigner <command> [options]");
            terminal.Err.WriteLine("Commands: " + string.Join(" ", Commands.Keys));
            return args.Length == 0 ? 1 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var runner))
        {
            // apps/openssl.c: "Invalid command 'x'; type "help" for a list."
            terminal.Err.WriteLine($"Invalid command '{args[0]}'; type \"help\" for a list.");
            return 1;
        }

        try
        {
            return runner(args[1..], terminal);
        }
        catch (CnfSignerException e)
        {
            terminal.Err.WriteLine(e.PrefixWithCommand ? $"{args[0]}: {e.Message}" : e.Message);
            return e.ExitCode;
        }
    }
}
