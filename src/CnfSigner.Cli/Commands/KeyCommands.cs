using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli.Commands;

/// <summary>What pkey, rsa, ec, pkcs8, genpkey and ecparam share: cipher options, reading input, writing output.</summary>
internal static class KeyCommands
{
    /// <summary>apps/lib/opts.c opt_cipher(): every "-xxx" the app does not know names a cipher; the last wins.</summary>
    public static KeyCipher? ChooseCipher(string app, IReadOnlyList<string> names)
    {
        KeyCipher? cipher = null;
        foreach (var name in names)
        {
            if (KeyCipher.IsAead(name)) throw new CnfSignerException($"{app}: AEAD ciphers not supported");
            if (KeyCipher.IsXts(name)) throw new CnfSignerException($"{app} XTS ciphers not supported");
            cipher = KeyCipher.Find(name) ?? throw new CnfSignerException($"{app}: Unknown cipher: {name}\n{app}: Use -help for summary.");
        }
        return cipher;
    }

    /// <summary>"-in" or standard input, as bytes.</summary>
    public static byte[] ReadInput(string? path, Terminal terminal, string what) =>
        KeyFiles.Read(path, terminal.ReadAllInputBytes, what);

    /// <summary>-passin, else, for an encrypted key, OpenSSL's "Enter pass phrase for SOURCE:".</summary>
    public static string? PassIn(string? passIn, byte[] data, string source, string what, Terminal terminal) =>
        passIn ?? (KeyReader.IsEncrypted(data) ? PassphrasePrompt.ForEncryptedKey(source, what, terminal.Prompts) : null);

    /// <summary>-passout, else OpenSSL's prompt for the key about to be written encrypted, asked twice.</summary>
    public static string PassOut(string? passOut, Terminal terminal, string prompt = PassphrasePrompt.NewKeyPrompt) =>
        passOut ?? PassphrasePrompt.ForNewKey(terminal.Prompts, prompt);

    /// <summary>The source name OpenSSL's messages use: the path, or "&lt;stdin&gt;".</summary>
    public static string SourceName(string? path) => path == null || path == "-" ? "<stdin>" : path;

    public static string? OutFile(ParsedOptions options, string name = "out") =>
        options.Value(name) is { } o && o != "-" ? o : null;

    /// <summary>apps/lib/apps.c bio_open_owner(): a private key file is born 0600; nothing is written on failure.</summary>
    public static void Write(Terminal terminal, string? outFile, byte[] bytes, bool secret)
    {
        if (outFile == null) terminal.WriteBytes(bytes);
        else SafeFile.Write(outFile, bytes, secret);
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>-conv_form / -param_enc values: apps/lib/opts.c opt_string() prints "Invalid value".</summary>
    public static EcFormat EcFormat(OptionTable table, string? convForm, string? paramEnc, bool noPublic = false)
    {
        try
        {
            return new EcFormat(Pki.Keys.EcFormat.ParseConvForm(convForm), Pki.Keys.EcFormat.ParseParamEnc(paramEnc), noPublic);
        }
        catch (ArgumentException e)
        {
            throw table.UsageError($"Invalid value \"{e.Message}\"; must be one of " +
                (convForm == e.Message ? "uncompressed compressed" : "named_curve explicit"));
        }
    }

    /// <summary>"Error getting passwords" as apps/pkey.c, rsa.c, ec.c, pkcs8.c say it.</summary>
    public static (string? In, string? Out) Passwords(ParsedOptions options, Terminal terminal, string passOutName = "passout") =>
        PassphraseSource.ResolvePair(options.Value("passin"), options.Value(passOutName), terminal.In);

    public static string? Form(ParsedOptions options, string name) =>
        options.Value(name) is { } v ? OptionTable.ParseFormat(v) : null;
}
