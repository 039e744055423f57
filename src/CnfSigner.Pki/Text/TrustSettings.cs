using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>
/// The X509_CERT_AUX of a TRUSTED CERTIFICATE (crypto/x509/x_x509a.c): SEQUENCE { trust SEQUENCE OF OBJECT
/// OPTIONAL, reject [0] SEQUENCE OF OBJECT OPTIONAL, alias UTF8String OPTIONAL, keyid OCTET STRING OPTIONAL,
/// other [1] OPTIONAL }.
/// </summary>
public sealed record TrustSettings(IReadOnlyList<string>? Trusted, IReadOnlyList<string>? Rejected, string? Alias, byte[]? KeyId)
{
    public static TrustSettings Parse(ReadOnlyMemory<byte> aux)
    {
        List<string>? trusted = null, rejected = null;
        string? alias = null;
        byte[]? keyId = null;
        foreach (var field in Der.Parse(aux).Children())
        {
            if (field.Is(16)) trusted = field.Children().Select(o => o.Oid()).ToList();
            else if (field.IsContext(0)) rejected = field.Children().Select(o => o.Oid()).ToList();
            else if (field.Is(12)) alias = Encoding.UTF8.GetString(field.Bytes);
            else if (field.Is(4)) keyId = field.Bytes.ToArray();
        }
        return new TrustSettings(trusted, rejected, alias, keyId);
    }

    /// <summary>t_x509.c X509_aux_print() at indent 0.</summary>
    internal static void Print(StringBuilder output, byte[] aux)
    {
        var settings = Parse(aux);
        Uses(output, "Trusted", settings.Trusted);
        Uses(output, "Rejected", settings.Rejected);
        if (settings.Alias != null) output.Append("Alias: ").Append(settings.Alias).Append('\n');
        if (settings.KeyId != null) output.Append("Key Id: ").Append(string.Join(':', settings.KeyId.Select(b => b.ToString("X2")))).Append('\n');
    }

    private static void Uses(StringBuilder output, string kind, IReadOnlyList<string>? uses)
    {
        if (uses == null) { output.Append("No ").Append(kind).Append(" Uses.\n"); return; }
        output.Append(kind).Append(" Uses:\n  ").Append(string.Join(", ", uses.Select(ObjectNames.Text))).Append('\n');
    }
}
