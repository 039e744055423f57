using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;

namespace CnfSigner.Pki.Requests;

/// <summary>What the command line says for req, before the config is consulted.</summary>
public sealed record ReqOverrides(string? Section, string? Digest, string? Extensions, string? RequestExtensions,
    IReadOnlyList<string> AddExt, bool Utf8, bool Batch, bool NoEncrypt, string? KeyOut, string? KeyFile,
    string? NewKey, string? CopyExtensions);

/// <summary>req's settings: the command line over the config's [req] section (apps/req.c), resolved in one place.</summary>
public sealed record ReqSettings(
    string Section,
    string Digest,
    string? X509ExtensionSection,
    string? RequestExtensionSection,
    IReadOnlyList<KeyValuePair<string, string>> AddExt,
    InputCharset Charset,
    StringTypes StringMask,
    bool Prompt,
    bool Batch,
    bool EncryptKey,
    string? KeyOut,
    string? NewKey,
    string? DefaultBits,
    CopyExtensions? Copy,
    string? InputPassword,
    string? OutputPassword)
{
    /// <summary>-sigopt, in order: applied to the request or certificate req signs.</summary>
    public IReadOnlyList<string> SignatureOptions { get; init; } = [];

    /// <summary>
    /// apps/req.c main, in its order: -copy_extensions, the digest, x509_extensions and req_extensions (each
    /// syntax-checked, whether or not -x509 is given), input_password / output_password, string_mask, utf8.
    /// </summary>
    public static ReqSettings Resolve(CnfDocument config, ReqOverrides o)
    {
        var copy = o.CopyExtensions == null ? (CopyExtensions?)null : ExtensionCopy.ParseMode(o.CopyExtensions);
        var section = o.Section ?? "req";
        string? Get(string name) => config.GetString(section, name);

        var addExt = AddExtensions.Parse(o.AddExt);
        var digest = o.Digest ?? Get("default_md") ?? "default";
        if (!Digests.IsKnown(digest)) throw new CnfSignerException($"Unknown message digest: {digest}");
        var x509Section = o.Extensions ?? Get("x509_extensions");
        RequestExtensionSet.Check(config, x509Section, "Error checking x509 extension section");
        RequestExtensionSet.Check(addExt);
        var maskText = Get("string_mask");
        var mask = DirectoryStrings.ParseStringMask(maskText)
            ?? throw new CnfSignerException($"Invalid global string mask setting {maskText}");
        var utf8 = o.Utf8 || Get("utf8") == "yes";
        var reqSection = o.RequestExtensions ?? Get("req_extensions");
        RequestExtensionSet.Check(config, reqSection, "Error checking request extension section");

        // A key read with -key is rewritten only when -keyout names a file; default_keyfile is for new keys.
        var keyOut = o.KeyOut ?? (o.KeyFile == null ? Get("default_keyfile") : null);
        var encrypt = !o.NoEncrypt && (Get("encrypt_rsa_key") ?? Get("encrypt_key")) != "no";
        return new ReqSettings(section, digest, x509Section, reqSection, addExt,
            utf8 ? InputCharset.Utf8 : InputCharset.Ascii, mask, Get("prompt") != "no", o.Batch, encrypt,
            keyOut, o.NewKey, Get("default_bits"), copy, Get("input_password"), Get("output_password"));
    }

    public NameBuilder NewNameBuilder() => new(Charset, StringMask);
}
