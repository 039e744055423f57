using CnfSigner.Config;
using CnfSigner.Pki.Issuance;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// Lookups in the CA section as apps/ca.c does them: lookup_conf() fails with
/// "variable lookup failed for SECTION::NAME"; NCONF_get_string falls back to the default section.
/// </summary>
public sealed record CaConfig(CnfDocument Document, string Section)
{
    public const string BaseSection = "ca";

    /// <summary>The CA section: -name, else [ca] default_ca.</summary>
    public static CaConfig Open(CnfDocument document, string? name) =>
        new(document, name ?? Required(document, BaseSection, "default_ca"));

    public string? Get(string name) => Document.GetString(Section, name);

    public string Required(string name) => Required(Document, Section, name);

    private static string Required(CnfDocument document, string section, string name) =>
        document.GetString(section, name)
        ?? throw new CnfSignerException($"variable lookup failed for {section}::{name}\nno value: group={section} name={name}");

    /// <summary>A value of the [ca] section itself (preserve, msie_hack are read only there).</summary>
    public string? GetBase(string name) => Document.GetString(BaseSection, name);

    /// <summary>unique_subject (yes when absent); index.txt.attr, once the database is open, overrides it.</summary>
    public bool UniqueSubject => CaDatabase.ParseYesOrNo(Get("unique_subject"), true);

    /// <summary>
    /// The CA key (-keyfile, else private_key), then the CA certificate (-cert, else certificate) checked against it;
    /// -selfsign needs no certificate unless it also makes a CRL.
    /// </summary>
    public Signer LoadSigner(CaCommandLine line, TextReader stdin, IPassphraseConsole prompts)
    {
        var pass = PassphraseSource.Resolve(line.PassIn, stdin);
        var keyPath = line.KeyFile ?? Required("private_key");
        if (line.SelfSign && !line.GenCrl) return new Signer(KeyReader.LoadPrivateKey(keyPath, pass, "CA private key", prompts), null);
        return Signer.LoadCa(new CaFiles(keyPath, "CA private key", line.CertificateFile ?? Required("certificate"), "CA certificate",
            "CA certificate and CA private key do not match"), pass, prompts);
    }
}
