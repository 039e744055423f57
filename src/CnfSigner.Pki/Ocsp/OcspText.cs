using System.Globalization;
using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;

namespace CnfSigner.Pki.Ocsp;

/// <summary>
/// crypto/ocsp/ocsp_prn.c OCSP_REQUEST_print() and OCSP_RESPONSE_print(), read straight from the DER so every
/// byte prints as it was received. Certificates in a response print as X509_print() and PEM, as OpenSSL does.
/// </summary>
public static class OcspText
{
    private static readonly string[] ResponseStatuses =
        ["successful", "malformedrequest", "internalerror", "trylater", "(UNKNOWN)", "sigrequired", "unauthorized"];
    private static readonly string[] CertStatuses = ["good", "revoked", "unknown"];
    private static readonly string[] Reasons =
    [
        "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation",
        "certificateHold", "(UNKNOWN)", "removeFromCRL", "privilegeWithdrawn", "aACompromise",
    ];

    private static readonly TextDumpOptions X509Print = new(NameFormat.Compat, CertPrintFlags.Compat);

    public static string ResponseStatus(long s) => s >= 0 && s < ResponseStatuses.Length ? ResponseStatuses[s] : "(UNKNOWN)";
    public static string CertStatus(int s) => s is >= 0 and < 3 ? CertStatuses[s] : "(UNKNOWN)";
    public static string Reason(long s) => s >= 0 && s < Reasons.Length ? Reasons[s] : "(UNKNOWN)";

    /// <summary>OCSP_REQUEST_print(bp, req, 0).</summary>
    public static string Request(ReadOnlyMemory<byte> der)
    {
        var output = new StringBuilder("OCSP Request Data:\n");
        var parts = Der.Parse(der).Children();
        var tbs = new Queue<Der>(parts[0].Children());
        var version = tbs.Peek().IsContext(0) ? (long)Der.Parse(tbs.Dequeue().Content).Integer() : 0;
        output.Append(CultureInfo.InvariantCulture, $"    Version: {version + 1} (0x{version:x})");
        if (tbs.Peek().IsContext(1))
        {
            output.Append("\n    Requestor Name: ");
            GeneralNamePrinter.Print(output, Der.Parse(tbs.Dequeue().Content));
        }
        output.Append("\n    Requestor List:\n");
        foreach (var one in tbs.Dequeue().Children())
        {
            var fields = one.Children();
            CertId(output, fields[0], 8);
            if (fields.Count > 1) Extensions(output, "Request Single Extensions", Der.Parse(fields[1].Content), 8);
        }
        if (tbs.Count > 0 && tbs.Peek().IsContext(2)) Extensions(output, "Request Extensions", Der.Parse(tbs.Dequeue().Content), 4);
        if (parts.Count > 1)
        {
            var signature = parts[1].Children();
            SignaturePrinter.Print(output, signature[0], signature[1]);
            if (signature.Count > 2) Certificates(output, Der.Parse(signature[2].Content));
        }
        return output.ToString();
    }

    /// <summary>OCSP_RESPONSE_print(bp, resp, 0).</summary>
    public static string Response(ReadOnlyMemory<byte> der)
    {
        var output = new StringBuilder("OCSP Response Data:\n");
        var parts = Der.Parse(der).Children();
        var status = (long)parts[0].Integer();
        output.Append(CultureInfo.InvariantCulture, $"    OCSP Response Status: {ResponseStatus(status)} (0x{status:x})\n");
        if (parts.Count < 2) return output.ToString();
        var bytes = Der.Parse(parts[1].Content).Children();
        var type = bytes[0].Oid();
        output.Append("    Response Type: ").Append(ObjectNames.Text(type));
        if (type != OcspMessages.BasicOid.Id) return output.Append(" (unknown response type)\n").ToString();
        Basic(output, Der.Parse(bytes[1].Content));
        return output.ToString();
    }

    private static void Basic(StringBuilder output, Der basic)
    {
        var parts = basic.Children();
        var data = new Queue<Der>(parts[0].Children());
        var version = data.Peek().IsContext(0) ? (long)Der.Parse(data.Dequeue().Content).Integer() : 0;
        output.Append(CultureInfo.InvariantCulture, $"\n    Version: {version + 1} (0x{version:x})\n    Responder Id: ");
        var responder = data.Dequeue();
        if (responder.IsContext(1)) output.Append(NamePrinter.Print(Der.Parse(responder.Content), NameFormat.Oneline, 0));
        else AppendString(output, Der.Parse(responder.Content).Bytes);
        output.Append("\n    Produced At: ").Append(Time(data.Dequeue())).Append("\n    Responses:\n");
        foreach (var single in data.Dequeue().Children()) Single(output, single);
        if (data.Count > 0) Extensions(output, "Response Extensions", Der.Parse(data.Dequeue().Content), 4);
        SignaturePrinter.Print(output, parts[1], parts[2]);
        if (parts.Count > 3) Certificates(output, Der.Parse(parts[3].Content));
    }

    private static void Single(StringBuilder output, Der single)
    {
        var fields = new Queue<Der>(single.Children());
        CertId(output, fields.Dequeue(), 4);
        var status = fields.Dequeue();
        output.Append("    Cert Status: ").Append(CertStatus(status.Tag));
        if (status.Tag == 1)
        {
            var revoked = status.Children();
            output.Append("\n    Revocation Time: ").Append(Time(revoked[0]));
            if (revoked.Count > 1)
            {
                var reason = (long)Der.Parse(revoked[1].Content).Integer();
                output.Append(CultureInfo.InvariantCulture, $"\n    Revocation Reason: {Reason(reason)} (0x{reason:x})");
            }
        }
        output.Append("\n    This Update: ").Append(Time(fields.Dequeue()));
        if (fields.Count > 0 && fields.Peek().IsContext(0))
            output.Append("\n    Next Update: ").Append(Time(Der.Parse(fields.Dequeue().Content)));
        output.Append('\n');
        if (fields.Count > 0) Extensions(output, "Response Single Extensions", Der.Parse(fields.Dequeue().Content), 8);
        output.Append('\n');
    }

    /// <summary>ocsp_prn.c ocsp_certid_print().</summary>
    private static void CertId(StringBuilder output, Der id, int indent)
    {
        var f = id.Children();
        output.Append(' ', indent).Append("Certificate ID:\n");
        indent += 2;
        output.Append(' ', indent).Append("Hash Algorithm: ").Append(ObjectNames.Text(f[0].Children()[0].Oid()));
        output.Append('\n').Append(' ', indent).Append("Issuer Name Hash: ");
        AppendString(output, f[1].Bytes);
        output.Append('\n').Append(' ', indent).Append("Issuer Key Hash: ");
        AppendString(output, f[2].Bytes);
        output.Append('\n').Append(' ', indent).Append("Serial Number: ").Append(IntegerPrinter.Hex(f[3].Bytes)).Append('\n');
    }

    private static void Extensions(StringBuilder output, string title, Der extensions, int indent) =>
        ExtensionPrinter.PrintAll(output, title, ExtensionPrinter.Read(extensions), CertPrintFlags.Compat, indent);

    private static void Certificates(StringBuilder output, Der certificates)
    {
        foreach (var cert in certificates.Children())
        {
            output.Append(TextDump.Certificate(cert.Encoded, X509Print)); // X509_print(): XN_FLAG_COMPAT names
            output.Append(PemBlock.Encode("CERTIFICATE", cert.Encoded.Span));
        }
    }

    private static string Time(Der time) => AsnTime.Print(time.Tag, time.Bytes) ?? "Bad time value";

    private static void AppendString(StringBuilder output, ReadOnlySpan<byte> bytes) => HexPrinter.I2a(output, bytes);
}
