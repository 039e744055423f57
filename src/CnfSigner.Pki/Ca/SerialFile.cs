using System.Text;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Ca;

/// <summary>
/// The serial and crlnumber files: crypto/asn1/f_int.c a2i_ASN1_INTEGER to read (first line, hex digits up to the
/// first other character, an even count, a leading "00" dropped) and i2a_ASN1_INTEGER to write (upper-case hex,
/// two digits a byte, "00" for zero).
/// </summary>
public static class SerialFile
{
    /// <returns>the number, or null with OpenSSL's reason when the line is not a hex integer</returns>
    public static BigInteger Parse(byte[] content, string path)
    {
        var text = Encoding.Latin1.GetString(content);
        var line = text.Split('\n')[0].TrimEnd('\r');
        var digits = new string(line.TakeWhile(char.IsAsciiHexDigit).ToArray());
        if (line.Length == 0 || digits.Length < 2) throw Unloadable(path, "short line");
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (digits.Length % 2 != 0) throw Unloadable(path, "odd number of chars");
        return digits.Length == 0 ? BigInteger.Zero : new BigInteger(digits, 16);
    }

    private static CnfSignerException Unloadable(string path, string reason) =>
        new($"Unable to load number from {path}\n{reason}");

    /// <summary>i2a_ASN1_INTEGER / BN_bn2hex: upper-case, whole bytes, "00" for zero; a '-' for negatives.</summary>
    public static string ToHex(BigInteger value)
    {
        if (value.SignValue == 0) return "00";
        var hex = value.Abs().ToString(16).ToUpperInvariant();
        if (hex.Length % 2 == 1) hex = "0" + hex;
        return value.SignValue < 0 ? "-" + hex : hex;
    }

    public static byte[] Format(BigInteger value) => Encoding.ASCII.GetBytes(ToHex(value) + "\n");

    /// <summary>
    /// apps/lib/apps.c load_serial() without -create_serial: the file's number, failing with OpenSSL's lines and
    /// <paramref name="failure"/> ("error while loading serial number", "error while loading CRL number").
    /// </summary>
    public static (BigInteger Value, byte[] Bytes) Load(string path, string failure)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CnfSignerException($"{path}: No such file or directory\n{failure}");
        try
        {
            var bytes = SafeFile.ReadAllBytes(path);
            return (Parse(bytes, path), bytes);
        }
        catch (CnfSignerException e)
        {
            throw new CnfSignerException($"{e.Message}\n{failure}");
        }
    }

    /// <summary>
    /// save_serial() then rotate_serial(): the file's previous bytes become "PATH.old" unchanged (OpenSSL renames
    /// the old file), and the file holds the next number. Each file is replaced atomically.
    /// </summary>
    public static void Replace(string path, byte[]? previous, BigInteger next)
    {
        if (previous != null) SafeFile.Write(path + ".old", previous, secret: false, durable: false);
        SafeFile.Write(path, Format(next), secret: false);
    }
}
