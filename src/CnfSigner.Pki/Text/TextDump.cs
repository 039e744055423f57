using System.Text;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Text;

/// <summary>
/// OpenSSL 3.0's text dumps, byte for byte: X509_print_ex (t_x509.c), X509_REQ_print_ex (t_req.c) and
/// X509_CRL_print_ex (t_crl.c). Everything is read from the DER as signed. The result is a byte string held one
/// byte per char (ISO-8859-1); write it with <see cref="ToBytes"/>.
/// </summary>
public static class TextDump
{
    /// <summary>The dump's bytes (the string holds one byte per char).</summary>
    public static byte[] ToBytes(string dump) => Encoding.Latin1.GetBytes(dump);

    /// <summary>Raw bytes as dump text, one char a byte (x509v3_add_len_value and BIO_write copy them unchanged).</summary>
    internal static string RawBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>X509_print_ex(bp, x, options.Names, options.Flags).</summary>
    public static string Certificate(ReadOnlyMemory<byte> der, TextDumpOptions? options = null)
    {
        options ??= TextDumpOptions.Default;
        var (names, flags) = options;
        var cert = Der.Parse(der).Children();
        var tbs = new Queue<Der>(cert[0].Children());
        var version = tbs.Peek().IsContext(0) ? (long)Der.Parse(tbs.Dequeue().Content).Integer() : 0;
        var (serial, signature, issuer, validity, subject, spki) =
            (tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue());
        var o = new StringBuilder();
        var (lineBreak, nameIndent) = (names & NameFormat.SepMask) == NameFormat.SepMultiline ? ('\n', 12) : (' ', 0);
        if (!flags.HasFlag(CertPrintFlags.NoHeader)) o.Append("Certificate:\n    Data:\n");
        if (!flags.HasFlag(CertPrintFlags.NoVersion)) o.Append(VersionLine(version, 2));
        if (!flags.HasFlag(CertPrintFlags.NoSerial)) o.Append("        Serial Number:").Append(IntegerPrinter.Serial(serial.Bytes, 12)).Append('\n');
        if (!flags.HasFlag(CertPrintFlags.NoSigName)) { o.Append("    "); SignaturePrinter.Print(o, signature, null); }
        if (!flags.HasFlag(CertPrintFlags.NoIssuer))
            o.Append("        Issuer:").Append(lineBreak).Append(NamePrinter.Print(issuer, names, nameIndent)).Append('\n');
        if (!flags.HasFlag(CertPrintFlags.NoValidity))
        {
            var times = validity.Children();
            o.Append("        Validity\n            Not Before: ").Append(AsnTime.Print(times[0]))
             .Append("\n            Not After : ").Append(AsnTime.Print(times[1])).Append('\n');
        }
        if (!flags.HasFlag(CertPrintFlags.NoSubject))
            o.Append("        Subject:").Append(lineBreak).Append(NamePrinter.Print(subject, names, nameIndent)).Append('\n');
        if (!flags.HasFlag(CertPrintFlags.NoPubKey)) PublicKeyPrinter.Print(o, spki);
        var extensions = new List<ExtensionPrinter.Extension>();
        while (tbs.Count > 0)
        {
            var field = tbs.Dequeue();
            if (field.IsContext(1) || field.IsContext(2))
            {
                if (flags.HasFlag(CertPrintFlags.NoIds)) continue;
                o.Append(' ', 8).Append(field.Tag == 1 ? "Issuer Unique ID: " : "Subject Unique ID: ");
                SignaturePrinter.Dump(o, field.Bytes.Length > 0 ? field.Bytes[1..] : [], 12);
            }
            else if (field.IsContext(3)) extensions = ExtensionPrinter.Read(Der.Parse(field.Content));
        }
        extensions = CertificateQueries.Keep(extensions, options.ExtensionNames);
        if (!flags.HasFlag(CertPrintFlags.NoExtensions))
            ExtensionPrinter.PrintAll(o, "X509v3 extensions", extensions, flags, 8);
        if (!flags.HasFlag(CertPrintFlags.NoSigDump)) SignaturePrinter.Print(o, cert[1], cert[2]);
        if (!flags.HasFlag(CertPrintFlags.NoAux) && options.Aux != null) TrustSettings.Print(o, options.Aux);
        return o.ToString();
    }

    private static string VersionLine(long version, long highest) =>
        version >= 0 && version <= highest ? $"        Version: {version + 1} (0x{version:x})\n" : $"        Version: Unknown ({version})\n";

    /// <summary>X509_REQ_print_ex(bp, req, options.Names, options.Flags), with 3.0's "Requested Extensions:" quirk.</summary>
    public static string Request(ReadOnlyMemory<byte> der, TextDumpOptions? options = null)
    {
        var (names, flags) = options ?? TextDumpOptions.Default;
        var request = Der.Parse(der).Children();
        var info = request[0].Children();
        var version = (long)info[0].Integer();
        var o = new StringBuilder();
        var (lineBreak, nameIndent) = (names & NameFormat.SepMask) == NameFormat.SepMultiline ? ('\n', 12) : (' ', 0);
        if (!flags.HasFlag(CertPrintFlags.NoHeader)) o.Append("Certificate Request:\n    Data:\n");
        if (!flags.HasFlag(CertPrintFlags.NoVersion)) o.Append(VersionLine(version, 0));
        if (!flags.HasFlag(CertPrintFlags.NoSubject))
            o.Append("        Subject:").Append(lineBreak).Append(NamePrinter.Print(info[1], names, nameIndent)).Append('\n');
        if (!flags.HasFlag(CertPrintFlags.NoPubKey)) PublicKeyPrinter.Print(o, info[2]);
        var present = info.Count > 3 && info[3].IsContext(0);
        var attributes = present ? info[3].Children() : [];
        if (!flags.HasFlag(CertPrintFlags.NoAttributes)) RequestAttributes.Print(o, attributes, present);
        if (!flags.HasFlag(CertPrintFlags.NoExtensions)) RequestAttributes.PrintExtensions(o, attributes, flags);
        if (!flags.HasFlag(CertPrintFlags.NoSigDump)) SignaturePrinter.Print(o, request[1], request[2]);
        return o.ToString();
    }

    /// <summary>X509_CRL_print_ex(bp, crl, options.Names).</summary>
    public static string Crl(ReadOnlyMemory<byte> der, TextDumpOptions? options = null)
    {
        var names = (options ?? TextDumpOptions.Default).Names;
        var crl = Der.Parse(der).Children();
        var tbs = new Queue<Der>(crl[0].Children());
        var version = tbs.Peek().Is(2) ? (long)tbs.Dequeue().Integer() : 0;
        var (signature, issuer, lastUpdate) = (tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue());
        var nextUpdate = tbs.Count > 0 && (tbs.Peek().Is(23) || tbs.Peek().Is(24)) ? tbs.Dequeue() : (Der?)null;
        var revoked = tbs.Count > 0 && tbs.Peek().Is(16) ? tbs.Dequeue().Children() : [];
        var extensions = tbs.Count > 0 && tbs.Peek().IsContext(0) ? ExtensionPrinter.Read(Der.Parse(tbs.Dequeue().Content)) : [];
        var o = new StringBuilder("Certificate Revocation List (CRL):\n");
        o.Append(version is >= 0 and <= 1 ? $"        Version {version + 1} (0x{version:x})\n" : $"        Version unknown ({version})\n");
        o.Append("    ");
        SignaturePrinter.Print(o, signature, null);
        o.Append("        Issuer: ").Append(NamePrinter.Print(issuer, names, 0)).Append('\n');
        o.Append("        Last Update: ").Append(AsnTime.Print(lastUpdate));
        o.Append("\n        Next Update: ").Append(nextUpdate is { } next ? AsnTime.Print(next) : "NONE").Append('\n');
        ExtensionPrinter.PrintAll(o, "CRL extensions", extensions, CertPrintFlags.Compat, 8);
        o.Append(revoked.Count > 0 ? "Revoked Certificates:\n" : "No Revoked Certificates.\n");
        foreach (var entry in revoked)
        {
            var parts = entry.Children();
            o.Append("    Serial Number: ").Append(IntegerPrinter.Hex(parts[0].Bytes));
            o.Append("\n        Revocation Date: ").Append(AsnTime.Print(parts[1])).Append('\n');
            var entryExtensions = parts.Count > 2 ? ExtensionPrinter.Read(parts[2]) : [];
            ExtensionPrinter.PrintAll(o, "CRL entry extensions", entryExtensions, CertPrintFlags.Compat, 8);
        }
        SignaturePrinter.Print(o, crl[1], crl[2]);
        return o.ToString();
    }
}
