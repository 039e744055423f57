using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>The parts of a certificate the x509 printing options show, each as its DER from the certificate.</summary>
public sealed record CertificateFields(
    ReadOnlyMemory<byte> Der,
    ReadOnlyMemory<byte> SerialContent,
    ReadOnlyMemory<byte> Issuer,
    ReadOnlyMemory<byte> Subject,
    string NotBefore,
    string NotAfter,
    string NotBeforeIso,
    string NotAfterIso,
    DateTimeOffset? NotAfterTime,
    ReadOnlyMemory<byte> SubjectPublicKeyInfo)
{
    /// <summary>Reads a certificate's DER; throws <see cref="FormatException"/> when it is not one.</summary>
    public static CertificateFields Parse(ReadOnlyMemory<byte> der)
    {
        var cert = Names.Der.Parse(der);
        if (!cert.Is(16) || cert.Encoded.Length != der.Length) throw new FormatException("not a certificate");
        var tbs = new Queue<Der>(cert.Children()[0].Children());
        if (tbs.Peek().IsContext(0)) tbs.Dequeue();
        var (serial, _, issuer, validity, subject, spki) =
            (tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue());
        var times = validity.Children();
        return new CertificateFields(der, serial.Content, issuer.Encoded, subject.Encoded,
            AsnTime.Print(times[0]), AsnTime.Print(times[1]), AsnTime.PrintIso(times[0]), AsnTime.PrintIso(times[1]),
            ToTime(times[1]), spki.Encoded);
    }

    /// <summary>The extensions as (OID, critical, value) in certificate order.</summary>
    internal List<ExtensionPrinter.Extension> Extensions()
    {
        var tbs = Names.Der.Parse(Der).Children()[0].Children();
        var field = tbs.LastOrDefault(f => f.IsContext(3));
        return field.Encoded.IsEmpty ? [] : ExtensionPrinter.Read(Names.Der.Parse(field.Content));
    }

    private static DateTimeOffset? ToTime(Der time)
    {
        var s = System.Text.Encoding.ASCII.GetString(time.Bytes);
        var format = time.Is(23) ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'";
        if (!DateTimeOffset.TryParseExact(s, format, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var value)) return null;
        // UTCTime: 50-99 are 19xx (RFC 5280), which .NET's two-digit year rule would not give.
        if (time.Is(23) && value.Year >= 2050) value = value.AddYears(-100);
        return value;
    }
}
