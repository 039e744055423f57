using System.Globalization;
using System.Text;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>
/// crypto/ct: the CT SCT list extensions (ct_x509v3.c i2r_SCT_LIST, ct_prn.c SCT_LIST_print) from the TLS encoding
/// inside the OCTET STRING (ct_oct.c o2i_SCT_LIST); a list that does not decode is a <see cref="FormatException"/>.
/// </summary>
internal static class SctPrinter
{
    private const int MaxListSize = 65535;

    public static void Print(Der value, StringBuilder output, int indent)
    {
        if (!value.Is(4)) throw new FormatException("SCT list is not an OCTET STRING");
        var scts = Read(value.Bytes);
        for (var i = 0; i < scts.Count; i++)
        {
            if (i > 0) output.Append('\n');
            One(output, scts[i], indent);
        }
    }

    private sealed record Sct(int Version, byte[] Raw, byte[] LogId, ulong Timestamp, byte[] Extensions, int Hash, int Signature, byte[] Value);

    private static List<Sct> Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data.Length > MaxListSize || Length(data) != data.Length - 2) throw new FormatException("bad SCT list");
        var list = new List<Sct>();
        var p = 2;
        while (p < data.Length)
        {
            if (data.Length - p < 2) throw new FormatException("bad SCT list");
            var length = Length(data[p..]);
            p += 2;
            if (length == 0 || length > data.Length - p) throw new FormatException("bad SCT length");
            list.Add(ReadSct(data.Slice(p, length)));
            p += length;
        }
        return list;
    }

    private static int Length(ReadOnlySpan<byte> data) => data[0] << 8 | data[1];

    /// <summary>o2i_SCT(): a v1 SCT's fields, or any other version's bytes as they are.</summary>
    private static Sct ReadSct(ReadOnlySpan<byte> sct)
    {
        if (sct[0] != 0) return new(sct[0], sct.ToArray(), [], 0, [], 0, 0, []);
        if (sct.Length < 43) throw new FormatException("SCT too short");
        var rest = sct.Length - 43;
        var logId = sct.Slice(1, 32).ToArray();
        var timestamp = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sct[33..]);
        var extensionsLength = Length(sct[41..]);
        if (rest < extensionsLength) throw new FormatException("bad SCT extensions");
        var extensions = sct.Slice(43, extensionsLength).ToArray();
        rest -= extensionsLength;
        // o2i_SCT_signature()
        var signature = sct[(43 + extensionsLength)..];
        if (rest <= 4) throw new FormatException("bad SCT signature");
        int hash = signature[0], algorithm = signature[1];
        if (SignatureName(hash, algorithm) == null) throw new FormatException("unrecognized SCT signature");
        var valueLength = Length(signature[2..]);
        if (valueLength > rest - 4) throw new FormatException("bad SCT signature length");
        return new(0, [], logId, timestamp, extensions, hash, algorithm, signature.Slice(4, valueLength).ToArray());
    }

    /// <summary>SCT_get_signature_nid(): only SHA-256 with ECDSA or RSA.</summary>
    private static string? SignatureName(int hash, int algorithm) => (hash, algorithm) switch
    {
        (4, 3) => "ecdsa-with-SHA256",
        (4, 1) => "sha256WithRSAEncryption",
        _ => null,
    };

    /// <summary>SCT_print() without a log store.</summary>
    private static void One(StringBuilder output, Sct sct, int indent)
    {
        output.Append(' ', indent).Append("Signed Certificate Timestamp:");
        output.Append('\n').Append(' ', indent + 4).Append("Version   : ");
        if (sct.Version != 0)
        {
            output.Append("unknown\n").Append(' ', indent + 16);
            HexString(output, indent + 16, sct.Raw);
            return;
        }
        output.Append("v1 (0x0)");
        output.Append('\n').Append(' ', indent + 4).Append("Log ID    : ");
        HexString(output, indent + 16, sct.LogId);
        output.Append('\n').Append(' ', indent + 4).Append("Timestamp : ");
        var time = DateTimeOffset.UnixEpoch.AddMilliseconds(sct.Timestamp);
        output.Append(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}.{time.Millisecond:000} {time.Year} GMT");
        output.Append('\n').Append(' ', indent + 4).Append("Extensions: ");
        if (sct.Extensions.Length == 0) output.Append("none");
        else HexString(output, indent + 16, sct.Extensions);
        output.Append('\n').Append(' ', indent + 4).Append("Signature : ").Append(SignatureName(sct.Hash, sct.Signature));
        output.Append('\n').Append(' ', indent + 4).Append("            ");
        HexString(output, indent + 16, sct.Value);
    }

    /// <summary>crypto/bio/bio_print.c BIO_hex_string(): upper-case "XX:" 16 a line, continuation lines indented.</summary>
    private static void HexString(StringBuilder output, int indent, byte[] data)
    {
        if (data.Length < 1) return;
        int i, j = 0;
        for (i = 0; i < data.Length - 1; i++)
        {
            if (i > 0 && j == 0) output.Append(' ', indent);
            output.Append(data[i].ToString("X2", CultureInfo.InvariantCulture)).Append(':');
            j = (j + 1) % 16;
            if (j == 0) output.Append('\n');
        }
        if (i > 0 && j == 0) output.Append(' ', indent);
        output.Append(data[^1].ToString("X2", CultureInfo.InvariantCulture));
    }
}
