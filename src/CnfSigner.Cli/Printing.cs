using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;

namespace CnfSigner.Cli;

/// <summary>Text outputs shared by commands: -nameopt. Text is Latin-1 bytes, as OpenSSL's.</summary>
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

    /// <summary>apps/lib/apps.c set_cert_ex() for x509 -certopt and req -reqopt: X509_FLAG_COMPAT, then each argument
    /// in turn; an unknown word is "app: Use -help for summary.".</summary>
    public static CertPrintFlags CertFlags(string app, IEnumerable<string> arguments)
    {
        var flags = CertPrintFlags.Compat;
        foreach (var value in arguments)
            flags = CertOptions.Apply(flags, value) ?? throw new CnfSignerException($"{app}: Use -help for summary.");
        return flags;
    }

    public static byte[] Bytes(string text) => TextDump.ToBytes(text);
}
