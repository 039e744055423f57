namespace CnfSigner.Pki.Names;

/// <summary>
/// The XN_FLAG_* and ASN1_STRFLGS_* bits of OpenSSL's X509_NAME_print_ex (include/openssl/x509.h, asn1.h),
/// with the same values so a flag set reads like OpenSSL's. <see cref="Compat"/> (zero) selects the old
/// X509_NAME_print form.
/// </summary>
[Flags]
public enum NameFormat : uint
{
    Compat = 0,
    EscRfc2253 = 0x1,
    EscCtrl = 0x2,
    EscMsb = 0x4,
    UseQuote = 0x8,
    Utf8Convert = 0x10,
    IgnoreType = 0x20,
    ShowType = 0x40,
    DumpAll = 0x80,
    DumpUnknown = 0x100,
    DumpDer = 0x200,
    EscRfc2254 = 0x400,

    SepCommaPlus = 1 << 16,
    SepCommaPlusSpace = 2 << 16,
    SepSemiPlusSpace = 3 << 16,
    SepMultiline = 4 << 16,
    SepMask = 0xF << 16,
    DnReverse = 1 << 20,
    FieldShortName = 0,
    FieldLongName = 1 << 21,
    FieldOid = 2 << 21,
    FieldNone = 3 << 21,
    FieldMask = 3 << 21,
    SpaceEquals = 1 << 23,
    DumpUnknownFields = 1 << 24,
    FieldAlign = 1 << 25,

    /// <summary>ASN1_STRFLGS_RFC2253.</summary>
    StringsRfc2253 = EscRfc2253 | EscCtrl | EscMsb | Utf8Convert | DumpUnknown | DumpDer,
    /// <summary>XN_FLAG_RFC2253.</summary>
    Rfc2253 = StringsRfc2253 | SepCommaPlus | DnReverse | FieldShortName | DumpUnknownFields,
    /// <summary>XN_FLAG_ONELINE: OpenSSL 3's default for x509, req, crl and verify output.</summary>
    Oneline = StringsRfc2253 | UseQuote | SepCommaPlusSpace | SpaceEquals | FieldShortName,
    /// <summary>XN_FLAG_MULTILINE.</summary>
    Multiline = EscCtrl | EscMsb | SepMultiline | SpaceEquals | FieldLongName | FieldAlign,
}

/// <summary>apps/lib/apps.c set_name_ex(): the "-nameopt" words.</summary>
public static class NameOptions
{
    private static readonly (string Name, NameFormat Flag, uint Mask)[] Words =
    [
        ("esc_2253", NameFormat.EscRfc2253, 0),
        ("esc_2254", NameFormat.EscRfc2254, 0),
        ("esc_ctrl", NameFormat.EscCtrl, 0),
        ("esc_msb", NameFormat.EscMsb, 0),
        ("use_quote", NameFormat.UseQuote, 0),
        ("utf8", NameFormat.Utf8Convert, 0),
        ("ignore_type", NameFormat.IgnoreType, 0),
        ("show_type", NameFormat.ShowType, 0),
        ("dump_all", NameFormat.DumpAll, 0),
        ("dump_nostr", NameFormat.DumpUnknown, 0),
        ("dump_der", NameFormat.DumpDer, 0),
        ("compat", NameFormat.Compat, 0xFFFFFFFF),
        ("sep_comma_plus", NameFormat.SepCommaPlus, (uint)NameFormat.SepMask),
        ("sep_comma_plus_space", NameFormat.SepCommaPlusSpace, (uint)NameFormat.SepMask),
        ("sep_semi_plus_space", NameFormat.SepSemiPlusSpace, (uint)NameFormat.SepMask),
        ("sep_multiline", NameFormat.SepMultiline, (uint)NameFormat.SepMask),
        ("dn_rev", NameFormat.DnReverse, 0),
        ("nofname", NameFormat.FieldNone, (uint)NameFormat.FieldMask),
        ("sname", NameFormat.FieldShortName, (uint)NameFormat.FieldMask),
        ("lname", NameFormat.FieldLongName, (uint)NameFormat.FieldMask),
        ("align", NameFormat.FieldAlign, 0),
        ("oid", NameFormat.FieldOid, (uint)NameFormat.FieldMask),
        ("space_eq", NameFormat.SpaceEquals, 0),
        ("dump_unknown", NameFormat.DumpUnknownFields, 0),
        ("RFC2253", NameFormat.Rfc2253, 0xFFFFFFFF),
        ("oneline", NameFormat.Oneline, 0xFFFFFFFF),
        ("multiline", NameFormat.Multiline, 0xFFFFFFFF),
        ("ca_default", NameFormat.Multiline, 0xFFFFFFFF),
    ];

    /// <summary>
    /// Applies one "-nameopt" argument (comma-separated words, "-word" clears) to <paramref name="current"/>,
    /// as repeated -nameopt options accumulate in OpenSSL. Returns null for an unknown word.
    /// </summary>
    public static NameFormat? Apply(NameFormat current, string argument)
    {
        if (FlagWords.Apply((uint)current, argument, Words) is not { } flags) return null;
        // set_name_ex(): any non-compat set without a separator gets ", " and " + ".
        if (flags != 0 && (flags & (uint)NameFormat.SepMask) == 0) flags |= (uint)NameFormat.SepCommaPlusSpace;
        return (NameFormat)flags;
    }
}
