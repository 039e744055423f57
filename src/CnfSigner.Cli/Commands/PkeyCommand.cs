using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl pkey (apps/pkey.c): read a key of any type, check it, print it, write it in another form.</summary>
public static class PkeyCommand
{
    private const string App = "pkey";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        new OptionSpec("check", OptionKind.Flag, "Check key consistency"),
        new OptionSpec("pubcheck", OptionKind.Flag, "Check public key consistency"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.Value, "Input key"),
        new OptionSpec("inform", OptionKind.Format, "Key input format (ENGINE, other values ignored)"),
        new OptionSpec("passin", OptionKind.Value, "Key input pass phrase source"),
        new OptionSpec("pubin", OptionKind.Flag, "Read only public components from key input"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file for encoded and/or text output"),
        new OptionSpec("outform", OptionKind.PemDer, "Output encoding format (DER or PEM)"),
        OptionSpec.Any("Any supported cipher to be used for encryption"),
        new OptionSpec("passout", OptionKind.Value, "Output PEM file pass phrase source"),
        new OptionSpec("traditional", OptionKind.Flag, "Use traditional format for private key PEM output"),
        new OptionSpec("pubout", OptionKind.Flag, "Restrict encoded output to public components"),
        new OptionSpec("noout", OptionKind.Flag, "Do not output the key in encoded form"),
        new OptionSpec("text", OptionKind.Flag, "Output key components in plaintext"),
        new OptionSpec("text_pub", OptionKind.Flag, "Output only public key components in text form"),
        new OptionSpec("ec_conv_form", OptionKind.Value, "Specifies the EC point conversion form in the encoding"),
        new OptionSpec("ec_param_enc", OptionKind.Value, "Specifies the way the EC parameters are encoded"));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        var cipher = KeyCommands.ChooseCipher(App, o.UnknownNames);
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        var format = KeyCommands.EcFormat(Table, o.Value("ec_conv_form"), o.Value("ec_param_enc"));
        bool pubin = o.Has("pubin"), pubout = pubin || o.Has("pubout"), noout = o.Has("noout");
        bool text = o.Has("text"), textPub = o.Has("text_pub"), der = KeyCommands.Form(o, "outform") == "DER";

        // apps/pkey.c: the warnings come first, then -pubout with -text means -text_pub.
        if (text && textPub) terminal.Err.Write("Warning: The -text option is ignored with -text_pub\n");
        if (o.Has("traditional") && (noout || pubout))
            terminal.Err.Write("Warning: -traditional is ignored with no private key output\n");
        if (!textPub && pubout && text) (text, textPub) = (false, true);
        var isPrivate = (!noout && !pubout) || (text && !textPub);
        if (cipher == null && o.Value("passout") != null)
            terminal.Err.Write("Warning: The -passout option is ignored without a cipher option\n");
        if (cipher != null && (noout || der))
            throw new CnfSignerException("Error: Cipher options are supported only for PEM output");
        var (passIn, passOut) = KeyCommands.Passwords(o, terminal);

        var source = KeyCommands.SourceName(o.Value("in"));
        var what = pubin ? "key of Public Key" : "key";
        var data = KeyCommands.ReadInput(o.Value("in"), terminal, what);
        if (!pubin) passIn = KeyCommands.PassIn(passIn, data, source, what, terminal);
        var key = KeyFiles.Load(data, source, KeyCommands.Form(o, "inform"), passIn, pubin, what);
        if (cipher != null && isPrivate && !noout) passOut = KeyCommands.PassOut(passOut, terminal);
        if ((o.Value("ec_conv_form") ?? o.Value("ec_param_enc")) != null)
        {
            if (key.Type != "EC") return 1; // apps/pkey.c: EVP_PKEY_is_a(pkey, "EC") fails without a word
            key = key.WithEcFormat(format);
        }

        var output = new List<byte>();
        if (o.Has("check") || o.Has("pubcheck"))
        {
            var reason = key.Check(publicOnly: pubin || !o.Has("check"));
            if (reason != null) throw new CnfSignerException($"Key is invalid\n{reason}");
            output.AddRange(KeyCommands.Ascii("Key is valid\n"));
        }
        if (!noout)
        {
            if (der && (text || textPub)) throw new CnfSignerException("Error: Text output cannot be combined with DER output");
            output.AddRange(KeyFiles.Encode(key, new KeyOutputOptions
            {
                // apps/pkey.c (3.0): DER is i2d_PrivateKey_bio(), the traditional form where the type has one.
                Der = der, PublicOnly = pubout, Traditional = (der || o.Has("traditional")) && KeyFiles.HasTraditionalForm(key),
                Cipher = cipher, Passphrase = passOut,
            }));
        }
        if (textPub || text) output.AddRange(KeyCommands.Ascii(key.Text(publicOnly: textPub)));
        KeyCommands.Write(terminal, KeyCommands.OutFile(o), output.ToArray(), secret: isPrivate);
        return 0;
    }
}
