using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CnfSigner.Cli;

/// <summary>Text outputs shared by commands: names under -nameopt, -modulus. Text is Latin-1 bytes, as OpenSSL's.</summary>
public static class Printing
{
    /// <summary>apps/lib/apps.c get_nameopt(): oneline unless -nameopt says otherwise; each -nameopt accumulates.</summary>
    public static NameFormat NameFormat(string app, IEnumerable<string> nameopts)
    {
        var format = Pki.Names.NameFormat.Oneline;
        var first = true;
        foreach (var arg in nameopts)
        {
            format = NameOptions.Apply(first ? 0 : format, arg)
                ?? throw new CnfSignerException($"{app}: Invalid name options: \"{arg}\"\n{app}: Use -help for summary.");
            first = false;
        }
        return format;
    }

    public static string Name(X509Name name, NameFormat format) =>
        NamePrinter.Print((Asn1Sequence)name.ToAsn1Object(), format);

    /// <summary>-modulus: "Modulus=" and the RSA modulus in upper-case hex (BN_print).</summary>
    public static string Modulus(SubjectPublicKeyInfo key) =>
        PublicKeyFactory.CreateKey(key) is RsaKeyParameters rsa
            ? "Modulus=" + rsa.Modulus.ToString(16).ToUpperInvariant()
            : "Modulus=unavailable";

    public static byte[] Bytes(string text) => TextDump.ToBytes(text);
}
