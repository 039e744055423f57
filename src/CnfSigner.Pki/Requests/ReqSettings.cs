using System.Globalization;
using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Requests;

/// <summary>What the command line says for req, before the config is consulted.</summary>
public sealed record ReqOverrides(string? Section, string? Digest, string? Extensions, string? RequestExtensions,
    IReadOnlyList<string> AddExt, bool Utf8, bool Batch, bool NoEncrypt, string? KeyOut, string? NewKey);

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
    int NewKeyBits)
{
    public static ReqSettings Resolve(CnfDocument config, ReqOverrides o)
    {
        var section = o.Section ?? "req";
        string? Get(string name) => config.GetString(section, name);

        var digest = o.Digest ?? Get("default_md") ?? "default";
        if (!Digests.IsKnown(digest)) throw new CnfSignerException($"Unknown message digest: {digest}");
        var x509Section = CheckSection(config, o.Extensions ?? Get("x509_extensions"), "x509");
        var reqSection = CheckSection(config, o.RequestExtensions ?? Get("req_extensions"), "request");
        var maskText = Get("string_mask");
        var mask = DirectoryStrings.ParseStringMask(maskText)
            ?? throw new CnfSignerException($"Invalid global string mask setting {maskText}");
        var utf8 = o.Utf8 || Get("utf8") == "yes";
        var encrypt = !o.NoEncrypt && (Get("encrypt_rsa_key") ?? Get("encrypt_key")) != "no";
        return new ReqSettings(section, digest, x509Section, reqSection, ParseAddExt(o.AddExt),
            utf8 ? InputCharset.Utf8 : InputCharset.Ascii, mask, Get("prompt") != "no", o.Batch, encrypt,
            o.KeyOut ?? Get("default_keyfile"), ParseNewKeyBits(o.NewKey, Get("default_bits")));
    }

    private static string? CheckSection(CnfDocument config, string? name, string kind) =>
        name == null || config.HasSection(name) ? name
            : throw new CnfSignerException($"Error checking {kind} extension section {name}");

    /// <summary>apps/req.c: each -addext is one config line of a "default" section; a name may appear once.</summary>
    private static List<KeyValuePair<string, string>> ParseAddExt(IReadOnlyList<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            var name = (eq < 0 ? line : line[..eq]).Trim();
            if (!seen.Add(name)) throw new CnfSignerException($"Duplicate extension: {line}\nreq: Use -help for summary.");
        }
        if (lines.Count == 0) return [];
        var document = CnfLoader.Parse(string.Join("\n", lines) + "\n", "-addext");
        return document.GetSection("default")!.ToList();
    }

    /// <summary>-newkey rsa:BITS, BITS or rsa; otherwise default_bits, else 2048.</summary>
    private static int ParseNewKeyBits(string? newKey, string? defaultBits)
    {
        var bits = defaultBits != null && int.TryParse(defaultBits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 2048;
        if (newKey == null) return bits;
        var spec = newKey.StartsWith("rsa:", StringComparison.OrdinalIgnoreCase) ? newKey[4..]
            : newKey.Equals("rsa", StringComparison.OrdinalIgnoreCase) ? null : newKey;
        if (spec == null) return bits;
        if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new CnfSignerException($"Unknown algorithm {newKey}\nError generating the key (cnfsigner makes RSA keys: -newkey rsa:BITS)");
    }

    public NameBuilder NewNameBuilder() => new(Charset, StringMask);

    /// <summary>The request's extensionRequest contents: req_extensions / -reqexts, then -addext.</summary>
    public X509Extensions? RequestExtensions(CnfDocument config, Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo key, X509Name subject)
    {
        var context = new ExtensionContext(key, subject, null) { ForRequest = true };
        var exts = Build(config, RequestExtensionSection, "request", context);
        return exts.Count == 0 ? null : ExtensionBuilder.ToX509Extensions(exts);
    }

    /// <summary>
    /// A self-signed certificate's extensions: x509_extensions / -extensions, then -addext, then the SKID (and
    /// no AKID: issuer = subject) OpenSSL 3 adds. Version 3 whenever a section or -addext was used.
    /// </summary>
    public (X509Extensions? Extensions, bool Version3) CertificateExtensions(CnfDocument config,
        Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo key, X509Name subject, BigInteger serial)
    {
        var version3 = X509ExtensionSection != null || AddExt.Count > 0;
        if (!version3) return (null, false);
        var context = new ExtensionContext(key, subject, null) { SerialNumber = serial };
        var exts = ExtensionBuilder.WithDefaultKeyIdentifiers(Build(config, X509ExtensionSection, "x509", context), context);
        return (exts.Count == 0 ? null : ExtensionBuilder.ToX509Extensions(exts), true);
    }

    private List<CertExtension> Build(CnfDocument config, string? section, string kind, ExtensionContext context)
    {
        var all = new List<CertExtension>();
        if (section != null)
            all.AddRange(Checked($"Error checking {kind} extension section {section}",
                () => ExtensionBuilder.Build(config.GetSection(section)!, config.GetSection, context, section)));
        if (AddExt.Count > 0)
            all.AddRange(Checked("Error checking extensions defined using -addext",
                () => ExtensionBuilder.Build(AddExt, config.GetSection, context)));
        return all;
    }

    private static IReadOnlyList<CertExtension> Checked(string header, Func<IReadOnlyList<CertExtension>> build)
    {
        try
        {
            return build();
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{header}\n{e.Message}");
        }
    }
}
