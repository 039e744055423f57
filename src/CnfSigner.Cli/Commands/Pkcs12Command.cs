using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Pkcs12;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl pkcs12 (apps/pkcs12.c): make a PKCS#12 file (-export), or print one's keys and certificates as PEM.</summary>
public static class Pkcs12Command
{
    private const string App = "pkcs12";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("in", OptionKind.InFile, "Input file"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("passin", OptionKind.Value, "Input file pass phrase source"),
        new OptionSpec("passout", OptionKind.Value, "Output file pass phrase source"),
        new OptionSpec("password", OptionKind.Value, "Set PKCS#12 import/export password source"),
        new OptionSpec("twopass", OptionKind.Flag, "Separate MAC, encryption passwords"),
        new OptionSpec("nokeys", OptionKind.Flag, "Don't output private keys"),
        new OptionSpec("nocerts", OptionKind.Flag, "Don't output certificates"),
        new OptionSpec("noout", OptionKind.Flag, "Don't output anything, just verify PKCS#12 input"),
        new OptionSpec("legacy", OptionKind.Flag, "Use legacy encryption: 3DES_CBC for keys, RC2_CBC for certs"),
        new OptionSpec("engine", OptionKind.Value, "Use engine, possibly a hardware device"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Section("Random state options:"),
        new OptionSpec("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new OptionSpec("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Section("PKCS#12 import (parsing PKCS#12) options:"),
        new OptionSpec("info", OptionKind.Flag, "Print info about PKCS#12 structure"),
        new OptionSpec("nomacver", OptionKind.Flag, "Don't verify integrity MAC"),
        new OptionSpec("clcerts", OptionKind.Flag, "Only output client certificates"),
        new OptionSpec("cacerts", OptionKind.Flag, "Only output CA certificates"),
        OptionSpec.Any("Any supported cipher for output encryption"),
        new OptionSpec("noenc", OptionKind.Flag, "Don't encrypt private keys"),
        new OptionSpec("nodes", OptionKind.Flag, "Don't encrypt private keys; deprecated"),
        OptionSpec.Section("PKCS#12 output (export) options:"),
        new OptionSpec("export", OptionKind.Flag, "Create PKCS12 file"),
        new OptionSpec("inkey", OptionKind.Value, "Private key, else read from -in input file"),
        new OptionSpec("certfile", OptionKind.InFile, "Extra certificates for PKCS12 output"),
        new OptionSpec("passcerts", OptionKind.Value, "Certificate file pass phrase source"),
        new OptionSpec("chain", OptionKind.Flag, "Build and add certificate chain for EE cert,"),
        OptionSpec.More("which is the 1st cert from -in matching the private key (if given)"),
        new OptionSpec("untrusted", OptionKind.InFile, "Untrusted certificates for chain building"),
        new OptionSpec("CAfile", OptionKind.InFile, "PEM-format file of CA's"),
        new OptionSpec("CApath", OptionKind.Dir, "PEM-format directory of CA's"),
        new OptionSpec("CAstore", OptionKind.Value, "URI to store of CA's", "uri"),
        new OptionSpec("no-CAfile", OptionKind.Flag, "Do not load the default certificates file"),
        new OptionSpec("no-CApath", OptionKind.Flag, "Do not load certificates from the default certificates directory"),
        new OptionSpec("no-CAstore", OptionKind.Flag, "Do not load certificates from the default certificates store"),
        new OptionSpec("name", OptionKind.Value, "Use name as friendly name"),
        new OptionSpec("caname", OptionKind.Value, "Use name as CA friendly name (can be repeated)"),
        new OptionSpec("CSP", OptionKind.Value, "Microsoft CSP name"),
        new OptionSpec("LMK", OptionKind.Flag, "Add local machine keyset attribute to private key"),
        new OptionSpec("keyex", OptionKind.Flag, "Set key type to MS key exchange"),
        new OptionSpec("keysig", OptionKind.Flag, "Set key type to MS key signature"),
        new OptionSpec("keypbe", OptionKind.Value, "Private key PBE algorithm (default AES-256 CBC)"),
        new OptionSpec("certpbe", OptionKind.Value, "Certificate PBE algorithm (default PBES2 with PBKDF2 and AES-256 CBC)"),
        new OptionSpec("descert", OptionKind.Flag, "Encrypt output with 3DES (default PBES2 with PBKDF2 and AES-256 CBC)"),
        new OptionSpec("macalg", OptionKind.Value, "Digest algorithm to use in MAC (default SHA256)"),
        new OptionSpec("iter", OptionKind.PositiveInt, "Specify the iteration count for encryption and MAC"),
        new OptionSpec("noiter", OptionKind.Flag, "Don't use encryption iteration"),
        new OptionSpec("nomaciter", OptionKind.Flag, "Don't use MAC iteration)"),
        new OptionSpec("maciter", OptionKind.Flag, "Unused, kept for backwards compatibility"),
        new OptionSpec("nomac", OptionKind.Flag, "Don't generate MAC"));

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        var export = o.Has("export");
        var options = ExportOptions(o);
        var cipher = OutputCipher(o, out var cipherFlag);
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err, allowLegacy: true);
        var legacyProvider = o.Values("provider").Contains("legacy");
        CommonOptions.LoadRandomFiles(o);
        Warn(o, export, cipherFlag, options, terminal.Err);
        var legacy = o.Has("legacy");
        if (legacy && cipher == KeyCipher.Aes256Cbc && cipherFlag == null) cipher = KeyCipher.Find("DES-EDE3-CBC");

        var passCerts = o.Value("passcerts") is { } pc ? PassphraseSource.Resolve(pc, terminal.In) : null;
        var passIn = o.Value("passin");
        var passOut = o.Value("passout");
        if (o.Value("password") is { } password)
        {
            if (export) passOut = password;
            else passIn = password;
        }
        (passIn, passOut) = PassphraseSource.ResolvePair(passIn, passOut, terminal.In);
        var twoPass = o.Has("twopass");
        if (twoPass && (export ? passOut : passIn) != null)
            throw new CnfSignerException($"Option -twopass cannot be used with {(export ? "-passout" : "-passin")} or -password");

        var noKeys = o.Has("nokeys") || o.Has("noout");
        var noCerts = o.Has("nocerts") || o.Has("noout");
        byte[] output;
        if (export)
        {
            var inFile = o.Value("in");
            output = Pkcs12Export.Run(new Pkcs12ExportRequest
            {
                InFile = inFile,
                StandardInput = inFile is null or "-" ? terminal.ReadAllInputBytes() : null,
                KeyFile = o.Value("inkey"),
                CertFile = o.Value("certfile"),
                Untrusted = o.Value("untrusted"),
                Chain = o.Has("chain"),
                CaFile = o.Value("CAfile"),
                CaPath = o.Value("CApath"),
                NoCaFile = o.Has("no-CAfile"),
                NoCaPath = o.Has("no-CApath"),
                NoKeys = noKeys,
                NoCerts = noCerts,
                PassIn = passIn,
                PassCerts = passCerts,
                Password = passOut,
                TwoPass = twoPass,
                NoEncryption = cipher == null,
                Options = options,
                OutFile = o.Value("out"),
            }, terminal.Prompts, terminal.Err);
        }
        else
        {
            var data = BinaryInput.Read(o.Value("in"), terminal);
            output = Pkcs12Import.Run(new Pkcs12ImportRequest
            {
                Data = data,
                Password = passIn,
                PassOut = passOut,
                Cipher = cipher,
                Info = o.Has("info"),
                NoKeys = noKeys,
                NoCerts = noCerts,
                ClCerts = o.Has("clcerts"),
                CaCerts = o.Has("cacerts"),
                NoMacVerify = o.Has("nomacver"),
                TwoPass = twoPass,
                Legacy = legacy || legacyProvider,
            }, terminal.Prompts, terminal.Err);
        }
        KeyCommands.Write(terminal, KeyCommands.OutFile(o), output, secret: true);
        CommonOptions.WriteRandomFile(o);
        return 0;
    }

    /// <summary>
    /// The export choices in command-line order, as apps/pkcs12.c's option loop sets them: -nomac also makes the
    /// certificates unencrypted until a later -certpbe or -descert, -iter sets both counts, -noiter and
    /// -nomaciter one each.
    /// </summary>
    private static Pkcs12ExportOptions ExportOptions(ParsedOptions o)
    {
        var options = new Pkcs12ExportOptions();
        foreach (var (name, value) in o.Occurrences)
        {
            options = name switch
            {
                "descert" => options with { CertPbe = "PBE-SHA1-3DES" },
                "certpbe" => options with { CertPbe = Pbe(value!) },
                "keypbe" => options with { KeyPbe = Pbe(value!) },
                "nomac" => options with { CertPbe = "NONE", NoMac = true },
                "iter" => options with { Iterations = (int)Math.Min(long.Parse(value!), int.MaxValue), MacIterations = (int)Math.Min(long.Parse(value!), int.MaxValue), NoMac = false },
                "noiter" => options with { Iterations = 1 },
                "nomaciter" => options with { MacIterations = 1, NoMac = false },
                "macalg" => options with { MacDigest = value },
                "name" => options with { Name = value },
                "caname" => options with { CaNames = [.. options.CaNames, value!] },
                "CSP" => options with { CspName = value },
                "LMK" => options with { LocalMachineKeySet = true },
                "keyex" => options with { KeyUsage = Pkcs12KeyUsage.Exchange },
                "keysig" => options with { KeyUsage = Pkcs12KeyUsage.Signature },
                "legacy" => options with { Legacy = true },
                "provider" when value == "legacy" => options with { LegacyProvider = true },
                _ => options,
            };
        }
        // opt_md(): checked when the MAC is made, after the key and certificates are loaded; here for simplicity.
        if (options.MacDigest is { } md && !Pkcs12ExportOptions.IsKnownMacDigest(md))
            throw new CnfSignerException($"{App}: Unknown option or message digest: {md}\n{App}: Use -help for summary.");
        return options;
    }

    private static string Pbe(string name) =>
        Pkcs12ExportOptions.IsKnownPbe(name) ? name : throw new CnfSignerException($"Unknown PBE algorithm {name}\n{App}: Use -help for summary.");

    /// <summary>The "-*" cipher for keys written out, the last one or -nodes/-noenc winning; AES-256-CBC by default.</summary>
    private static KeyCipher? OutputCipher(ParsedOptions o, out string? flag)
    {
        KeyCipher? cipher = KeyCipher.Aes256Cbc;
        flag = null;
        if (o.Occurrences.LastOrDefault(x => x.Name is "nodes" or "noenc") is { Name: { } off })
        {
            cipher = null;
            flag = off;
        }
        foreach (var name in o.UnknownNames)
        {
            cipher = KeyCommands.ChooseCipher(App, [name]);
            flag = name;
        }
        return cipher;
    }

    // apps/pkcs12.c: options that belong to the other mode are named and ignored, judged on the values the option
    // loop left (-keysig after -keyex is one warning; -nomac undoes -certpbe and -nomaciter).
    private static void Warn(ParsedOptions o, bool export, string? cipherFlag, Pkcs12ExportOptions x, TextWriter err)
    {
        if (export)
        {
            foreach (var name in new[] { "info", "nomacver", "clcerts", "cacerts" }.Where(o.Has))
                err.Write($"Warning: -{name} option ignored with -export\n");
            if (cipherFlag != null) err.Write($"Warning: output encryption option -{cipherFlag} ignored with -export\n");
            return;
        }
        string[] named = ["inkey", "certfile", "passcerts", "chain", "untrusted", "CAfile", "CApath", "CAstore", "no-CAfile",
            "no-CApath", "no-CAstore", "name", "caname", "CSP", "LMK"];
        var ignored = named.Where(o.Has).ToList();
        if (x.KeyUsage != Pkcs12KeyUsage.None) ignored.Add(x.KeyUsage == Pkcs12KeyUsage.Exchange ? "keyex" : "keysig");
        if (x.KeyPbe != null) ignored.Add("keypbe");
        if (x.CertPbe is not (null or "NONE")) ignored.Add("certpbe and -descert");
        if (x.MacDigest != null) ignored.Add("macalg");
        if (o.Has("iter") || o.Has("noiter")) ignored.Add("iter and -noiter");
        if (!x.NoMac && x.MacIterations == 1) ignored.Add("nomaciter");
        if (x.NoMac && x.CertPbe == "NONE") ignored.Add("nomac");
        foreach (var name in ignored) err.Write($"Warning: -{name} option ignored without -export\n");
    }
}
