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
            else if (field.Is(12)) alias = Encoding.Latin1.GetString(field.Bytes); // printed byte for byte, as OpenSSL's %s
            else if (field.Is(4)) keyId = field.Bytes.ToArray();
        }
        return new TrustSettings(trusted, rejected, alias, keyId);
    }

    /// <summary>
    /// apps/x509.c's trust options on a certificate's aux (null for none), in its order: X509_alias_set1 (-setalias),
    /// X509_trust_clear, X509_reject_clear, then X509_add1_trust_object and X509_add1_reject_object for each OID. Only
    /// setting something creates an aux; clearing drops the list; the key id and "other" keep their bytes.
    /// </summary>
    public static byte[]? Edit(byte[]? aux, TrustEdit edit)
    {
        if (aux == null && edit.Alias == null && edit.Trust.Count == 0 && edit.Reject.Count == 0) return null;
        List<byte[]>? trusted = null, rejected = null;
        byte[]? alias = null, keyId = null, other = null;
        if (aux != null)
            foreach (var field in Der.Parse(aux).Children())
            {
                if (field.Is(16)) trusted = field.Children().Select(o => o.Encoded.ToArray()).ToList();
                else if (field.IsContext(0)) rejected = field.Children().Select(o => o.Encoded.ToArray()).ToList();
                else if (field.Is(12)) alias = field.Encoded.ToArray();
                else if (field.Is(4)) keyId = field.Encoded.ToArray();
                else if (field.IsContext(1)) other = field.Encoded.ToArray();
            }
        if (edit.Alias != null) alias = Der.Tagged(0x0C, Encoding.UTF8.GetBytes(edit.Alias));
        if (edit.ClearTrust) trusted = null;
        if (edit.ClearReject) rejected = null;
        foreach (var oid in edit.Trust) (trusted ??= []).Add(new Org.BouncyCastle.Asn1.DerObjectIdentifier(oid).GetEncoded());
        foreach (var oid in edit.Reject) (rejected ??= []).Add(new Org.BouncyCastle.Asn1.DerObjectIdentifier(oid).GetEncoded());
        return Der.Tagged(0x30,
            trusted == null ? [] : Der.Tagged(0x30, trusted),
            rejected == null ? [] : Der.Tagged(0xA0, rejected),
            alias ?? [], keyId ?? [], other ?? []);
    }

    /// <summary>OBJ_txt2obj(text, 0) as apps/x509.c -addtrust/-addreject take it: the dotted OID, or null.</summary>
    public static string? ObjectOid(string text) => Verify.VerifyOptions.PolicyOid(text);

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

/// <summary>apps/x509.c -setalias, -clrtrust, -clrreject, -addtrust and -addreject (dotted OIDs).</summary>
public sealed record TrustEdit(string? Alias, bool ClearTrust, bool ClearReject, IReadOnlyList<string> Trust, IReadOnlyList<string> Reject);
