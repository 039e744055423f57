using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl rsa (apps/rsa.c): RSA (and RSA-PSS) keys only; PKCS#8 out unless -traditional.</summary>
public static class RsaCommand
{
    private const string App = "rsa";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("check", OptionKind.Flag, "Verify key consistency"),
        OptionSpec.Any("Any supported cipher"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.Value, "Input file"),
        new OptionSpec("inform", OptionKind.Format, "Input format (DER/PEM/P12/ENGINE)"),
        new OptionSpec("pubin", OptionKind.Flag, "Expect a public key in input file"),
        new OptionSpec("RSAPublicKey_in", OptionKind.Flag, "Input is an RSAPublicKey"),
        new OptionSpec("passin", OptionKind.Value, "Input file pass phrase source"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("outform", OptionKind.Format, "Output format, one of DER PEM PVK"),
        new OptionSpec("pubout", OptionKind.Flag, "Output a public key"),
        new OptionSpec("RSAPublicKey_out", OptionKind.Flag, "Output is an RSAPublicKey"),
        new OptionSpec("passout", OptionKind.Value, "Output file pass phrase source"),
        new OptionSpec("noout", OptionKind.Flag, "Don't print key out"),
        new OptionSpec("text", OptionKind.Flag, "Print the key in text"),
        new OptionSpec("modulus", OptionKind.Flag, "Print the RSA key modulus"),
        new OptionSpec("traditional", OptionKind.Flag, "Use traditional format for private keys"),
        OptionSpec.Section("PVK options:"),
        new OptionSpec("pvk-strong", OptionKind.Flag, "Enable 'Strong' PVK encoding level (default)"),
        new OptionSpec("pvk-weak", OptionKind.Flag, "Enable 'Weak' PVK encoding level"),
        new OptionSpec("pvk-none", OptionKind.Flag, "Don't enforce PVK encoding"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        var cipher = KeyCommands.ChooseCipher(App, o.UnknownNames);
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        var outform = KeyCommands.Form(o, "outform");
        // apps/rsa.c also writes PVK (Microsoft's format), which cnfsigner does not.
        if (o.Value("outform") is { } pvk && pvk.StartsWith("PVK", StringComparison.OrdinalIgnoreCase))
            throw new CnfSignerException($"{App}: PVK output is not supported by cnfsigner");
        if (outform is not (null or "PEM" or "DER"))
            throw new CnfSignerException($"{App}: Invalid format \"{o.Value("outform")}\" for option -outform\n{App}: Use -help for summary.");
        var pubin = o.Has("pubin") || o.Has("RSAPublicKey_in");
        var pubout = pubin || o.Has("pubout") || o.Has("RSAPublicKey_out");
        var (passIn, passOut) = KeyCommands.Passwords(o, terminal);

        var what = pubin ? "public key" : "private key";
        var data = KeyCommands.ReadInput(o.Value("in"), terminal, what);
        var source = KeyCommands.SourceName(o.Value("in"));
        if (!pubin) passIn = KeyCommands.PassIn(passIn, data, source, what, terminal);
        var key = KeyFiles.Load(data, source, KeyCommands.Form(o, "inform"), passIn, pubin, what);
        if (!key.IsRsa) throw new CnfSignerException("Not an RSA key");

        var output = new List<byte>();
        if (o.Has("text")) output.AddRange(KeyCommands.Ascii(key.Text(publicOnly: !key.IsPrivate)));
        if (o.Has("modulus")) output.AddRange(KeyCommands.Ascii(key.ModulusLine()));
        if (o.Has("check"))
        {
            // apps/rsa.c: RSA_check_key() on a private key; "RSA key ok" or "RSA key not ok" and the reason.
            var reason = key.Check(publicOnly: false);
            if (reason != null) throw new CnfSignerException($"RSA key not ok\n{reason}");
            output.AddRange(KeyCommands.Ascii("RSA key ok\n"));
        }
        if (!o.Has("noout"))
        {
            terminal.Err.Write("writing RSA key\n");
            if (cipher != null && !pubout && outform != "DER") passOut = KeyCommands.PassOut(passOut, terminal, "Enter pass phrase:");
            output.AddRange(KeyFiles.Encode(key, new KeyOutputOptions
            {
                Der = outform == "DER", PublicOnly = pubout, RsaPublicKey = o.Has("RSAPublicKey_out"),
                Traditional = o.Has("traditional"), Cipher = outform == "DER" ? null : cipher, Passphrase = passOut,
            }));
        }
        KeyCommands.Write(terminal, KeyCommands.OutFile(o), output.ToArray(), secret: !pubout);
        return 0;
    }
}
