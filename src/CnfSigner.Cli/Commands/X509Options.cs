namespace CnfSigner.Cli.Commands;

/// <summary>apps/x509.c x509_options[]: the table behind "cnfsigner x509" and its -help text.</summary>
internal static class X509Options
{
    private static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, help);
    private static OptionSpec Val(string name, string help) => new(name, OptionKind.Value, help);

    // apps/lib/opts.c prints an OPT_MORE_STR row under the help column: 28 columns for this table.
    private const string MoreIndent = "\n                            ";

    /// <summary>Options cnfsigner refuses: -new (a certificate from scratch).</summary>
    public static readonly string[] NotSupported = ["new"];

    public static readonly OptionTable Table = new("x509", "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        Flag("help", "Display this summary"),
        new("in", OptionKind.InFile, "Certificate input, or CSR input file with -req (default stdin)"),
        Val("passin", "Private key and cert file pass-phrase source"),
        Flag("new", "Generate a certificate from scratch"),
        Flag("x509toreq", "Output a certification request (rather than a certificate)"),
        Flag("req", "Input is a CSR file (rather than a certificate)"),
        Val("copy_extensions", "copy extensions when converting from CSR to x509 or vice versa"),
        new("inform", OptionKind.Format, "CSR input file format (DER or PEM) - default PEM"),
        Val("vfyopt", "CSR verification parameter in n:v form"),
        Val("key", "Key for signing, and to include unless using -force_pubkey"),
        Val("signkey", "Same as -key"),
        new("keyform", OptionKind.Format, "Key input format (ENGINE, other values ignored)", "PEM|DER|ENGINE"),
        new("out", OptionKind.OutFile, "Output file - default stdout"),
        new("outform", OptionKind.Format, "Output format (DER or PEM) - default PEM"),
        Flag("nocert", "No cert output (except for requested printing)"),
        Flag("noout", "No output (except for requested printing)"),
        OptionSpec.Section("Certificate printing options:"),
        Flag("text", "Print the certificate in text form"),
        Val("dateopt", "Datetime format used for printing. (rfc_822/iso_8601). Default is rfc_822."),
        Val("certopt", "Various certificate text printing options"),
        Flag("fingerprint", "Print the certificate fingerprint"),
        Flag("alias", "Print certificate alias"),
        Flag("serial", "Print serial number value"),
        Flag("startdate", "Print the notBefore field"),
        Flag("enddate", "Print the notAfter field"),
        Flag("dates", "Print both notBefore and notAfter fields"),
        Flag("subject", "Print subject DN"),
        Flag("issuer", "Print issuer DN"),
        Val("nameopt", "Certificate subject/issuer name printing options"),
        Flag("email", "Print email address(es)"),
        Flag("hash", "Synonym for -subject_hash (for backward compat)"),
        Flag("subject_hash", "Print subject hash value"),
        Flag("subject_hash_old", "Print old-style (MD5) subject hash value"),
        Flag("issuer_hash", "Print issuer hash value"),
        Flag("issuer_hash_old", "Print old-style (MD5) issuer hash value"),
        Val("ext", "Restrict which X.509 extensions to print and/or copy"),
        Flag("ocspid", "Print OCSP hash values for the subject name and public key"),
        Flag("ocsp_uri", "Print OCSP Responder URL(s)"),
        Flag("purpose", "Print out certificate purposes"),
        Flag("pubkey", "Print the public key in PEM format"),
        Flag("modulus", "Print the RSA key modulus"),
        OptionSpec.Section("Certificate checking options:"),
        new("checkend", OptionKind.IntMax, "Check whether cert expires in the next arg seconds" + MoreIndent + "Exit 1 (failure) if so, 0 if not"),
        Val("checkhost", "Check certificate matches host"),
        Val("checkemail", "Check certificate matches email"),
        Val("checkip", "Check certificate matches ipaddr"),
        OptionSpec.Section("Certificate output options:"),
        Val("set_serial", "Serial number to use, overrides -CAserial"),
        Flag("next_serial", "Increment current certificate serial number"),
        new("days", OptionKind.Int, "Number of days until newly generated certificate expires - default 30"),
        Flag("preserve_dates", "Preserve existing validity dates"),
        Val("subj", "Set or override certificate subject (and issuer)"),
        new("force_pubkey", OptionKind.InFile, "Place the given key in new certificate"),
        Flag("clrext", "Do not take over any extensions from the source certificate or request"),
        new("extfile", OptionKind.InFile, "Config file with X509V3 extensions to add"),
        Val("extensions", "Section of extfile to use - default: unnamed section"),
        Val("sigopt", "Signature parameter, in n:v form"),
        Flag("badsig", "Corrupt last byte of certificate signature (for test)"),
        Flag("*", "Any supported digest, used for signing and printing"),
        OptionSpec.Section("Micro-CA options:"),
        new("CA", OptionKind.InFile, "Use the given CA certificate, conflicts with -key"),
        new("CAform", OptionKind.PemDer, "CA cert format (PEM/DER/P12); has no effect"),
        Val("CAkey", "The corresponding CA key; default is -CA arg"),
        new("CAkeyform", OptionKind.Format, "CA key format (ENGINE, other values ignored)", "PEM|DER|ENGINE"),
        Val("CAserial", "File that keeps track of CA-generated serial number"),
        Flag("CAcreateserial", "Create CA serial number file if it does not exist"),
        OptionSpec.Section("Certificate trust output options:"),
        Flag("trustout", "Mark certificate PEM output as trusted"),
        Val("setalias", "Set certificate alias (nickname)"),
        Flag("clrtrust", "Clear all trusted purposes"),
        Val("addtrust", "Trust certificate for a given purpose"),
        Flag("clrreject", "Clears all the prohibited or rejected uses of the certificate"),
        Val("addreject", "Reject certificate for a given purpose"),
        OptionSpec.Section("Random state options:"),
        Val("rand", "Load the given file(s) into the random number generator"),
        new("writerand", OptionKind.OutFile, "Write random data to the specified file"),
        Val("engine", "Use engine, possibly a hardware device"),
        OptionSpec.Group(CommonOptions.ProviderRows)) { Hidden = NotSupported };

    /// <summary>The options that print, in the order OpenSSL assigns them a slot ("-dates" takes two).</summary>
    public static readonly HashSet<string> Printing =
    [
        "issuer", "subject", "serial", "next_serial", "email", "ocsp_uri", "alias", "hash", "subject_hash",
        "subject_hash_old", "issuer_hash", "issuer_hash_old", "purpose", "modulus", "pubkey", "text",
        "startdate", "enddate", "dates", "fingerprint", "ocspid", "ext",
    ];

}
