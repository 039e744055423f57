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
        var outer = cert.Children();
        if (outer.Count != 3 || !outer[0].Is(16)) throw new FormatException("not a certificate");
        var tbs = new Queue<Der>(outer[0].Children());
        if (tbs.Peek().IsContext(0) && Names.Der.Parse(tbs.Dequeue().Content) is var version) Integer(version);
        var (serial, signature, issuer, validity, subject, spki) =
            (tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue(), tbs.Dequeue());
        // x_x509.c's template, as d2i_X509() applies it: INTEGERs minimally encoded (c2i_ASN1_INTEGER), both
        // AlgorithmIdentifiers start with an OID, the [3] extensions hold a SEQUENCE of Extension.
        Integer(serial);
        AlgorithmIdentifier(signature);
        AlgorithmIdentifier(outer[1]);
        foreach (var field in tbs.Where(f => f.IsContext(3)))
        {
            var extensions = Names.Der.Parse(field.Content);
            if (!extensions.Is(16) || extensions.Encoded.Length != field.Content.Length) throw new FormatException("extensions not a SEQUENCE");
            ExtensionPrinter.Read(extensions);
        }
        var times = validity.Children();
        return new CertificateFields(der, serial.Content, issuer.Encoded, subject.Encoded,
            AsnTime.Print(times[0]), AsnTime.Print(times[1]), AsnTime.PrintIso(times[0]), AsnTime.PrintIso(times[1]),
            ToTime(times[1]), spki.Encoded);
    }

    /// <summary>c2i_ASN1_INTEGER(): an INTEGER with content, without a redundant leading 00 or FF byte.</summary>
    internal static void Integer(Der value)
    {
        var bytes = value.Bytes;
        if (!value.Is(2) || value.Constructed || bytes.Length == 0) throw new FormatException("not an INTEGER");
        if (bytes.Length > 1 && ((bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xFF && bytes[1] >= 0x80)))
            throw new FormatException("INTEGER not minimally encoded");
    }

    /// <summary>X509_ALGOR: SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }.</summary>
    private static void AlgorithmIdentifier(Der value)
    {
        if (!value.Is(16) || value.Children() is not ([{ Tag: 6, Class: 0 }] or [{ Tag: 6, Class: 0 }, _]))
            throw new FormatException("bad AlgorithmIdentifier");
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
