using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>
/// openssl dgst (apps/dgst.c): the digest of each file (or stdin) as "NAME(file)= hex", "hex *file" (-r) or raw
/// bytes (-binary); -sign / -verify / -prverify with RSA and EC keys.
/// </summary>
public static class DgstCommand
{
    private const string App = "dgst";

    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);

    private static readonly OptionTable Table = new(App, "[options] [file...]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        Flag("list", "List digests"),
        new("engine", OptionKind.Value, "Use engine e, possibly a hardware device"),
        new("passin", OptionKind.Value, "Input file pass phrase source"),
        OptionSpec.Section("Output options:"),
        Flag("c", "Print the digest with separating colons"),
        Flag("r", "Print the digest in coreutils format"),
        new("out", OptionKind.OutFile, "Output to filename rather than stdout"),
        new("keyform", OptionKind.Format, "Key file format (ENGINE, other values ignored)"),
        Flag("hex", "Print as hex dump"),
        Flag("binary", "Print in binary form"),
        new("xoflen", OptionKind.PositiveInt, "Output length for XOF algorithms. To obtain the maximum security strength set this to 32 (or greater) for SHAKE128, and 64 (or greater) for SHAKE256"),
        OptionSpec.Section("Signing options:"),
        new("sign", OptionKind.Value, "Sign digest using private key"),
        new("verify", OptionKind.Value, "Verify a signature using public key"),
        new("prverify", OptionKind.Value, "Verify a signature using private key"),
        new("signature", OptionKind.InFile, "File with signature to verify"),
        new("hmac", OptionKind.Value, "Create hashed MAC with key"),
        OptionSpec.Any("Any supported digest"),
        OptionSpec.Section("Random state options:"),
        new("rand", OptionKind.Value, "Load the given file(s) into the random number generator"),
        new("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        OptionSpec.Group(CommonOptions.ProviderRows),
        OptionSpec.Parameter("file", "Files to digest (optional; default is stdin)"));

    private sealed record Job(MessageDigest Digest, int? XofLength, PrivateKey? SignKey, VerifyKey? VerifyKey);

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        var digest = ChooseDigest(options.UnknownNames);
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);
        CommonOptions.LoadRandomFiles(options);
        if (options.Has("list")) { terminal.Write(ListText()); return 0; }

        var signing = options.Has("sign") || options.Has("verify") || options.Has("prverify");
        var hmacKey = options.Value("hmac") is { } h ? Encoding.UTF8.GetBytes(h) : null;
        if (hmacKey != null && signing) throw new CnfSignerException("MAC and signing key cannot both be specified");
        if (signing && options.Positionals.Count > 1) throw new CnfSignerException($"{App}: Can only sign or verify one file.");
        var xof = options.Long("xoflen");
        var chosen = digest ?? MessageDigests.Default;
        if (xof != null && !chosen.IsXof) throw new CnfSignerException("Length can only be specified for XOF");

        var job = new Job(digest ?? (signing ? MessageDigests.Find("sha256")! : MessageDigests.Default), (int?)xof,
            LoadSignKey(options, terminal), LoadVerifyKey(options, terminal));
        var signature = job.VerifyKey != null ? ReadSignature(options.Value("signature")) : null;

        // apps/dgst.c: signatures are binary unless -hex; digests hex unless -binary; the last of the two wins.
        var last = options.Occurrences.LastOrDefault(o => o.Name is "hex" or "binary").Name;
        var binary = last == "binary" || (last == null && job.SignKey != null);
        var style = options.Occurrences.LastOrDefault(o => o.Name is "c" or "r").Name;

        var output = new MemoryStream();
        var ok = true;
        string?[] inputs = options.Positionals.Count == 0 ? [null] : [.. options.Positionals];
        foreach (var path in inputs)
        {
            var data = ReadInput(path, terminal, ref ok);
            if (data == null) continue;
            var name = path ?? "stdin";
            if (job.VerifyKey != null) { ok &= Verify(job, data, signature!, output); continue; }
            var (label, value) = job.SignKey != null
                ? ($"{DigestSignature.KeyTypeName(job.SignKey)}-{job.Digest.Name}", DigestSignature.Sign(job.SignKey, job.Digest, data))
                : hmacKey != null
                    ? ("HMAC-" + job.Digest.Name, job.Digest.Hmac(hmacKey, data))
                    : (job.Digest.Name, job.Digest.Compute(data, job.XofLength));
            output.Write(binary ? value : Encoding.ASCII.GetBytes(Line(label, name, value, style)));
        }

        if (options.Value("out") is { } outPath) SafeFile.Write(outPath, output.ToArray(), secret: false);
        else terminal.WriteBytes(output.ToArray());
        CommonOptions.WriteRandomFile(options);
        return ok ? 0 : 1;
    }

    /// <summary>apps/dgst.c print_out(): "NAME(file)= hex", "hex *file" with -r, colons with -c.</summary>
    private static string Line(string label, string name, byte[] value, string? style)
    {
        var hex = Convert.ToHexStringLower(value);
        if (style == "r") return $"{hex} *{name}\n";
        if (style == "c") hex = string.Join(':', Enumerable.Range(0, value.Length).Select(i => hex.Substring(2 * i, 2)));
        return $"{label}({name})= {hex}\n";
    }

    private static bool Verify(Job job, byte[] data, byte[] signature, MemoryStream output)
    {
        var ok = job.VerifyKey!.Verify(job.Digest, data, signature);
        output.Write(Encoding.ASCII.GetBytes(ok ? "Verified OK\n" : "Verification failure\n"));
        return ok;
    }

    private static byte[]? ReadInput(string? path, Terminal terminal, ref bool ok)
    {
        if (path == null) return BinaryInput.ReadStdin(terminal);
        if (Directory.Exists(path))
        {
            terminal.Err.WriteLine($"Read error in {path}"); // apps/dgst.c do_fp(): the read fails, the next file follows
            ok = false;
            return null;
        }
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // apps/dgst.c: perror(file), then the next file; the run ends with exit code 1.
            terminal.Err.WriteLine($"{path}: {BinaryInput.Reason(e)}");
            ok = false;
            return null;
        }
    }

    private static MessageDigest? ChooseDigest(IReadOnlyList<string> names)
    {
        MessageDigest? digest = null;
        foreach (var name in names)
            digest = MessageDigests.Find(name) ?? throw Table.UsageError($"Unknown option or message digest: {name}");
        return digest;
    }

    private static PrivateKey? LoadSignKey(ParsedOptions options, Terminal terminal)
    {
        if (options.Value("sign") is not { } path) return null;
        return KeyReader.LoadPrivateKey(path, PassphraseSource.Resolve(options.Value("passin"), terminal.In), "private key");
    }

    private static VerifyKey? LoadVerifyKey(ParsedOptions options, Terminal terminal)
    {
        var passin = PassphraseSource.Resolve(options.Value("passin"), terminal.In);
        if (options.Value("prverify") is { } privatePath)
            return VerifyKey.LoadPrivate(privatePath, passin);
        if (options.Value("verify") is { } publicPath)
            return VerifyKey.LoadPublic(publicPath, passin);
        return null;
    }

    private static byte[] ReadSignature(string? path)
    {
        if (path == null) throw new CnfSignerException("No signature to verify: use the -signature option");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnfSignerException($"Error opening signature file {path}", 1, e);
        }
    }

    /// <summary>apps/dgst.c show_digests(): "-%-25s", three to a line.</summary>
    private static string ListText()
    {
        var text = new StringBuilder("Supported digests:\n");
        var n = 0;
        foreach (var name in MessageDigests.ListNames)
        {
            text.Append('-').Append(name.PadRight(25));
            text.Append(++n % 3 == 0 ? "\n" : " ");
        }
        if (n % 3 != 0) text.Append('\n');
        return text.ToString();
    }
}
