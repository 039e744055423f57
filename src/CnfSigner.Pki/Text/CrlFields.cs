using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>The parts of a CRL that "openssl crl" prints on request, read from its DER.</summary>
public sealed record CrlFields(
    ReadOnlyMemory<byte> Der,
    ReadOnlyMemory<byte> Issuer,
    string LastUpdate,
    string LastUpdateIso,
    string? NextUpdate,
    string? NextUpdateIso,
    string? CrlNumberHex)
{
    private const string CrlNumber = "2.5.29.20";

    public static CrlFields Parse(ReadOnlyMemory<byte> der)
    {
        var tbs = new Queue<Der>(Names.Der.Parse(der).Children()[0].Children());
        if (tbs.Peek().Is(2)) tbs.Dequeue();
        tbs.Dequeue();
        var issuer = tbs.Dequeue();
        var last = tbs.Dequeue();
        Der? next = tbs.Count > 0 && (tbs.Peek().Is(23) || tbs.Peek().Is(24)) ? tbs.Dequeue() : null;
        if (tbs.Count > 0 && tbs.Peek().Is(16)) tbs.Dequeue();
        var extensions = tbs.Count > 0 && tbs.Peek().IsContext(0) ? ExtensionPrinter.Read(Names.Der.Parse(tbs.Dequeue().Content)) : [];
        var number = extensions.FirstOrDefault(e => e.Oid == CrlNumber);
        // apps/crl.c: "crlNumber=0x" and i2a_ASN1_INTEGER; an undecodable number reads as absent.
        var numberHex = number.Oid == null ? null : NumberHex(number.Value);
        return new CrlFields(der, issuer.Encoded, AsnTime.Print(last), AsnTime.PrintIso(last),
            next is { } n ? AsnTime.Print(n) : null, next is { } m ? AsnTime.PrintIso(m) : null, numberHex);
    }

    private static string? NumberHex(ReadOnlyMemory<byte> value)
    {
        try
        {
            var integer = Names.Der.Parse(value);
            return integer.Is(2) && integer.Encoded.Length == value.Length ? IntegerPrinter.Hex(integer.Bytes) : null;
        }
        catch (FormatException) { return null; }
    }
}
