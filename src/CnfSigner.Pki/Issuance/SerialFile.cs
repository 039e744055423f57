using System.Text;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Issuance;

/// <summary>
/// Serial numbers and the files that hold them (ca's serial, x509's -CAserial,
/// crlnumber): crypto/asn1/f_int.c a2i_ASN1_INTEGER to read (first line, hex digits up to the
/// first other character, an even count, a leading "00" dropped) and i2a_ASN1_INTEGER to write (upper-case hex,
/// two digits a byte, "00" for zero).
/// </summary>
public static class SerialFile
{
    /// <summary>apps/lib/apps.c rand_serial(): BN_rand(159 bits, top any, bottom any), so never negative.</summary>
    public static BigInteger Random(SecureRandom? random = null) => new(159, random ?? OsRandom.Create());

    /// <summary>crypto/x509/v3_utl.c s2i_ASN1_INTEGER (-set_serial): decimal, or hex after 0x, with an optional '-';
    /// null when the text is not a number (the command then prints its usage line).</summary>
    public static bool IsOption(string text) => ParseOption(text) != null;

    /// <inheritdoc cref="IsOption"/>
    public static BigInteger? ParseOption(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var hex = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex) body = body[2..];
        if (body.Length == 0 || !body.All(c => hex ? char.IsAsciiHexDigit(c) : char.IsAsciiDigit(c))) return null;
        var value = new BigInteger(body, hex ? 16 : 10);
        return negative ? value.Negate() : value;
    }

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
        if (!File.Exists(path) && !Directory.Exists(path)) throw Missing(path, failure);
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
    /// load_serial() for signing: the file's number; a missing file is a random serial with -create_serial
    /// (ca) or -CAcreateserial (x509), else an error.
    /// </summary>
    public static BigInteger LoadForSigning(string path, bool createIfMissing)
    {
        if (!File.Exists(path) && createIfMissing) return Random();
        if (!File.Exists(path)) throw Missing(path, SerialFailure);
        return Load(path, SerialFailure).Value;
    }

    /// <summary>
    /// x509 -CA's serial file (apps/x509.c x509_load_serial): -CAserial, else the CA file name with its extension
    /// replaced by ".srl". The stored number is incremented, saved, and used.
    /// </summary>
    public static BigInteger Next(string path, bool createIfMissing)
    {
        var next = LoadForSigning(path, createIfMissing).Add(BigInteger.One);
        SafeFile.Write(path, Format(next), secret: false);
        return next;
    }

    /// <summary>x509 -CA's default serial file: the CA file name with its extension replaced by ".srl".</summary>
    public static string DefaultPathFor(string caFile)
    {
        var dot = caFile.LastIndexOf('.');
        var slash = caFile.LastIndexOf('/');
        return (dot > slash ? caFile[..dot] : caFile) + ".srl";
    }

    private const string SerialFailure = "error while loading serial number";

    private static CnfSignerException Missing(string path, string failure) => new($"{path}: No such file or directory\n{failure}");
}
