using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>crypto/x509/t_x509.c X509_signature_print() and X509_signature_dump().</summary>
internal static class SignaturePrinter
{
    private const string RsaPss = "1.2.840.113549.1.1.10";

    /// <summary>"    Signature Algorithm: ..." and, with a signature, "    Signature Value:" and its hex.</summary>
    public static void Print(StringBuilder output, Der algorithm, Der? signature)
    {
        var parts = algorithm.Children();
        var oid = parts[0].Oid();
        output.Append("    Signature Algorithm: ").Append(ObjectNames.Text(oid));
        if (signature != null) output.Append("\n    Signature Value:");
        // rsa_ameth.c rsa_sig_print(): RSA-PSS shows its parameters; everything else a plain newline.
        if (oid == RsaPss) PssParameters(output, parts.Count > 1 ? parts[1] : default, 8);
        else if (DsaSignatures.Contains(oid) && signature is { } dsa && DsaValues(dsa) is { } rs)
        {
            // dsa_ameth.c dsa_sig_print(): r and s when the signature decodes as DSA-Sig-Value.
            output.Append('\n');
            PublicKeyPrinter.Number(output, "r:   ", rs.R, 8);
            PublicKeyPrinter.Number(output, "s:   ", rs.S, 8);
            return;
        }
        else output.Append('\n');
        if (signature is { } sig) Dump(output, sig.Bytes.Length > 0 ? sig.Bytes[1..] : [], 8);
    }

    /// <summary>The signature algorithms whose key type is DSA (OBJ_find_sigid_algs), printed by dsa_sig_print().</summary>
    private static readonly HashSet<string> DsaSignatures =
    [
        "1.2.840.10040.4.3", "1.3.14.3.2.27", "2.16.840.1.101.3.4.3.1", "2.16.840.1.101.3.4.3.2",
        "2.16.840.1.101.3.4.3.3", "2.16.840.1.101.3.4.3.4", "2.16.840.1.101.3.4.3.5", "2.16.840.1.101.3.4.3.6",
        "2.16.840.1.101.3.4.3.7", "2.16.840.1.101.3.4.3.8",
    ];

    /// <summary>d2i_DSA_SIG(): SEQUENCE { r INTEGER, s INTEGER } at the start of the signature bytes, else null.</summary>
    private static (System.Numerics.BigInteger R, System.Numerics.BigInteger S)? DsaValues(Der signature)
    {
        try
        {
            if (signature.Bytes.Length < 2 || signature.Bytes[0] != 0) return null;
            var value = Der.Parse(signature.Content[1..]);
            return value.Is(16) && value.Children() is [var r, var s] && r.Is(2) && s.Is(2) ? (r.Integer(), s.Integer()) : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>X509_signature_dump(): 18 bytes a line.</summary>
    public static void Dump(StringBuilder output, ReadOnlySpan<byte> bytes, int indent)
    {
        if (bytes.Length == 0) { output.Append('\n'); return; }
        HexPrinter.Block(output, bytes, indent, 18);
    }

    /// <summary>rsa_ameth.c rsa_pss_param_print() for a signature (not a key).</summary>
    private static void PssParameters(StringBuilder output, Der parameters, int indent)
    {
        output.Append(' ', indent);
        if (Text.PssParameters.Decode(parameters) is not { } pss) { output.Append("(INVALID PSS PARAMETERS)\n"); return; }
        output.Append('\n').Append(' ', indent).Append("Hash Algorithm: ")
            .Append(pss.Hash is { } h ? ObjectNames.Text(h) : "sha1 (default)").Append('\n');
        output.Append(' ', indent).Append("Mask Algorithm: ")
            .Append(pss.Mask is { } m ? ObjectNames.Text(m) + " with " + ObjectNames.Text(pss.MaskHash!) : "mgf1 with sha1 (default)");
        output.Append('\n').Append(' ', indent).Append(" Salt Length: 0x")
            .Append(pss.Salt is { } s ? IntegerPrinter.Hex(s.Bytes) : "14 (default)").Append('\n');
        output.Append(' ', indent).Append("Trailer Field: 0x")
            .Append(pss.Trailer is { } t ? IntegerPrinter.Hex(t.Bytes) : "01 (default)").Append('\n');
    }
}
