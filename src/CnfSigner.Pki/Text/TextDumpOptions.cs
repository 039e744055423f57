using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>The X509_FLAG_* and X509V3_EXT_* bits of X509_print_ex's cflag (include/openssl/x509.h, x509v3.h).</summary>
[Flags]
public enum CertPrintFlags : uint
{
    Compat = 0,
    NoHeader = 1,
    NoVersion = 1 << 1,
    NoSerial = 1 << 2,
    NoSigName = 1 << 3,
    NoIssuer = 1 << 4,
    NoValidity = 1 << 5,
    NoSubject = 1 << 6,
    NoPubKey = 1 << 7,
    NoExtensions = 1 << 8,
    NoSigDump = 1 << 9,
    NoAux = 1 << 10,
    NoAttributes = 1 << 11,
    NoIds = 1 << 12,
    /// <summary>apps/include/apps.h X509_FLAG_CA, the "ca_default" word.</summary>
    CaDefault = NoIssuer | NoPubKey | NoHeader | NoVersion,

    ExtDefault = 0,
    ExtError = 1 << 16,
    ExtParse = 2 << 16,
    ExtDump = 3 << 16,
    ExtMask = 0xF << 16,
}

/// <summary>How a dump prints names and which parts it leaves out.</summary>
public sealed record TextDumpOptions(NameFormat Names, CertPrintFlags Flags)
{
    /// <summary>
    /// "x509 -ext": only extensions whose short name occurs in this text are kept for printing (apps/x509.c
    /// deletes the others with strstr(), so "keyUsage" survives "-ext extendedKeyUsage"). Null keeps all.
    /// </summary>
    public string? ExtensionNames { get; init; }

    /// <summary>A TRUSTED CERTIFICATE's X509_CERT_AUX, printed after the signature unless no_aux; null for none.</summary>
    public byte[]? Aux { get; init; }

    /// <summary>"openssl x509 -text", "req -text", "crl -text": XN_FLAG_ONELINE names, everything printed.</summary>
    public static TextDumpOptions Default { get; } = new(NameFormat.Oneline, CertPrintFlags.Compat);

    /// <summary>What "openssl ca" writes before the PEM: X509_print(), i.e. XN_FLAG_COMPAT names.</summary>
    public static TextDumpOptions Ca { get; } = new(NameFormat.Compat, CertPrintFlags.Compat);
}

/// <summary>apps/lib/apps.c set_cert_ex(): the "-certopt" words.</summary>
public static class CertOptions
{
    private static readonly (string Name, CertPrintFlags Flag, uint Mask)[] Words =
    [
        ("compatible", CertPrintFlags.Compat, 0xFFFFFFFF),
        ("ca_default", CertPrintFlags.CaDefault, 0xFFFFFFFF),
        ("no_header", CertPrintFlags.NoHeader, 0),
        ("no_version", CertPrintFlags.NoVersion, 0),
        ("no_serial", CertPrintFlags.NoSerial, 0),
        ("no_signame", CertPrintFlags.NoSigName, 0),
        ("no_validity", CertPrintFlags.NoValidity, 0),
        ("no_subject", CertPrintFlags.NoSubject, 0),
        ("no_issuer", CertPrintFlags.NoIssuer, 0),
        ("no_pubkey", CertPrintFlags.NoPubKey, 0),
        ("no_extensions", CertPrintFlags.NoExtensions, 0),
        ("no_sigdump", CertPrintFlags.NoSigDump, 0),
        ("no_aux", CertPrintFlags.NoAux, 0),
        ("no_attributes", CertPrintFlags.NoAttributes, 0),
        ("ext_default", CertPrintFlags.ExtDefault, (uint)CertPrintFlags.ExtMask),
        ("ext_error", CertPrintFlags.ExtError, (uint)CertPrintFlags.ExtMask),
        ("ext_parse", CertPrintFlags.ExtParse, (uint)CertPrintFlags.ExtMask),
        ("ext_dump", CertPrintFlags.ExtDump, (uint)CertPrintFlags.ExtMask),
    ];

    /// <summary>Applies one "-certopt" argument (comma-separated, "-word" clears); null for an unknown word.</summary>
    public static CertPrintFlags? Apply(CertPrintFlags current, string argument) =>
        FlagWords.Apply((uint)current, argument, Words) is { } flags ? (CertPrintFlags)flags : null;
}
