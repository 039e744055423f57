using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl ec (apps/ec.c): EC keys; the traditional SEC1 form ("EC PRIVATE KEY") out.</summary>
public static class EcCommand
{
    private const string App = "ec";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.Value, "Input file"),
        new OptionSpec("inform", OptionKind.Format, "Input format (DER/PEM/P12/ENGINE)"),
        new OptionSpec("pubin", OptionKind.Flag, "Expect a public key in input file"),
        new OptionSpec("passin", OptionKind.Value, "Input file pass phrase source"),
        new OptionSpec("check", OptionKind.Flag, "check key consistency"),
        OptionSpec.Any("Any supported cipher"),
        new OptionSpec("param_enc", OptionKind.Value, "Specifies the way the ec parameters are encoded"),
        new OptionSpec("conv_form", OptionKind.Value, "Specifies the point conversion form "),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("outform", OptionKind.PemDer, "Output format - DER or PEM"),
        new OptionSpec("noout", OptionKind.Flag, "Don't print key out"),
        new OptionSpec("text", OptionKind.Flag, "Print the key"),
        new OptionSpec("param_out", OptionKind.Flag, "Print the elliptic curve parameters"),
        new OptionSpec("pubout", OptionKind.Flag, "Output public key, not private"),
        new OptionSpec("no_public", OptionKind.Flag, "exclude public key from private key"),
        new OptionSpec("passout", OptionKind.Value, "Output file pass phrase source"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        var cipher = KeyCommands.ChooseCipher(App, o.UnknownNames);
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        var format = KeyCommands.EcFormat(Table, o.Value("conv_form"), o.Value("param_enc"), o.Has("no_public"));
        var pubin = o.Has("pubin");
        var pubout = pubin || o.Has("pubout");
        var der = KeyCommands.Form(o, "outform") == "DER";
        var (passIn, passOut) = KeyCommands.Passwords(o, terminal);

        terminal.Err.Write("read EC key\n");
        var what = pubin ? "public key" : "private key";
        KeyMaterial key;
        try
        {
            var data = KeyCommands.ReadInput(o.Value("in"), terminal, what);
            var source = KeyCommands.SourceName(o.Value("in"));
            if (!pubin) passIn = KeyCommands.PassIn(passIn, data, source, what, terminal);
            key = KeyFiles.Load(data, source, KeyCommands.Form(o, "inform"), passIn, pubin, what);
        }
        catch (CnfSignerException e) { throw new CnfSignerException(e.Message + "\nunable to load Key", 1, e); }
        // OpenSSL 3.0.19's ec copies any key type it reads; cnfsigner names the mistake.
        if (key.Type != "EC") throw new CnfSignerException("unable to load Key\nnot an EC key");
        key = key.WithEcFormat(format);

        var output = new List<byte>();
        if (o.Has("text")) output.AddRange(KeyCommands.Ascii(key.Text(publicOnly: !key.IsPrivate)));
        if (o.Has("check"))
        {
            var reason = key.Check(publicOnly: !key.IsPrivate);
            if (reason != null) throw new CnfSignerException($"EC Key Invalid!\n{reason}");
            terminal.Err.Write("EC Key valid.\n");
        }
        if (!o.Has("noout"))
        {
            terminal.Err.Write("writing EC key\n");
            if (o.Has("param_out"))
                output.AddRange(KeyFiles.EcParameters(key.EcParametersDer(), der));
            else
            {
                if (cipher != null && !pubout && !der) passOut = KeyCommands.PassOut(passOut, terminal, "Enter pass phrase:");
                output.AddRange(KeyFiles.Encode(key, new KeyOutputOptions
                {
                    Der = der, PublicOnly = pubout, Traditional = true, Cipher = der ? null : cipher, Passphrase = passOut,
                }));
            }
        }
        KeyCommands.Write(terminal, KeyCommands.OutFile(o), output.ToArray(), secret: !pubout && !o.Has("param_out"));
        return 0;
    }
}
