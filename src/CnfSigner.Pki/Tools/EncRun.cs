using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace CnfSigner.Pki.Tools;

/// <summary>What `enc` was asked for (apps/enc.c's variables after option parsing).</summary>
public sealed record EncSettings(
    bool Encrypt,
    EncCipher? Cipher,
    bool Base64,
    bool SingleLine,
    string? Password,
    string? HexKey,
    string? HexSalt,
    string? HexIv,
    bool NoSalt,
    bool NoPad,
    MessageDigest Digest,
    bool Pbkdf2,
    int Iterations,
    int PrintKey); // 0, 1 (-p) or 2 (-P)

/// <summary>The bytes for -out, and the "salt=/key=/iv =" lines -p and -P print on standard output first.</summary>
public sealed record EncResult(byte[] Output, string KeyLines);

/// <summary>
/// apps/enc.c: base64 and symmetric encryption with OpenSSL's file format ("Salted__" + 8-byte salt when the salt
/// was generated) and key derivation (EVP_BytesToKey with one round, or PBKDF2-HMAC). Messages and warnings are
/// written to <c>err</c> in OpenSSL's order; failures throw with OpenSSL's words.
/// </summary>
public static class EncRun
{
    private static readonly byte[] Magic = "Salted__"u8.ToArray();
    private const int SaltBytes = 8; // apps/enc.c PKCS5_SALT_LEN

    public static EncResult Run(EncSettings s, byte[] input, TextWriter err)
    {
        if (!s.Encrypt && s.Base64)
        {
            var decoded = OpenSslBase64.Decode(input, s.SingleLine);
            // OpenSSL stops silently and exits 0 on damaged base64; cnfsigner says so (README, Differences).
            // (With a cipher and nothing decoded, OpenSSL's own "error reading input file" follows below.)
            if (decoded.Failed && (s.Cipher == null || decoded.Bytes.Length > 0)) throw new CnfSignerException("bad base64 decode");
            input = decoded.Bytes;
        }
        if (s.Cipher == null) return new EncResult(Finish(s, input), "");

        var salt = new byte[SaltBytes];
        byte[]? header = null;
        if (!s.Encrypt) input = ReadSaltHeader(s, input, salt);
        var key = new byte[s.Cipher.KeyBytes];
        var iv = new byte[s.Cipher.IvBytes];
        if (s.Password != null) header = DeriveKey(s, salt, key, iv, err);
        SetIvAndKey(s, key, iv, err);

        var lines = KeyLines(s, salt, key, iv);
        if (s.PrintKey == 2) return new EncResult([], lines);
        var data = s.Cipher.Run(s.Encrypt, key, iv, !s.NoPad, input)
                   ?? throw new CnfSignerException(s.Encrypt ? "bad encrypt" : "bad decrypt");
        return new EncResult(Finish(s, header == null ? data : [.. header, .. data]), lines);
    }

    private static byte[] Finish(EncSettings s, byte[] data) =>
        s.Encrypt && s.Base64 ? Encoding.ASCII.GetBytes(OpenSslBase64.Encode(data, s.SingleLine)) : data;

    /// <summary>Decryption: a "Salted__" header gives the salt; without one a pass phrase needs -S.</summary>
    private static byte[] ReadSaltHeader(EncSettings s, byte[] input, byte[] salt)
    {
        // apps/enc.c reads sizeof(magic) bytes first; fewer is a read error.
        if (input.Length < Magic.Length) throw new CnfSignerException("error reading input file");
        if (input.Length >= Magic.Length && input.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            if (input.Length < Magic.Length + SaltBytes) throw new CnfSignerException("error reading input file");
            input.AsSpan(Magic.Length, SaltBytes).CopyTo(salt);
            return input[(Magic.Length + SaltBytes)..];
        }
        if (s.HexSalt == null && s.Password != null) throw new CnfSignerException("bad magic number");
        return input;
    }

    /// <summary>Fills key and IV from the pass phrase; returns the header to write when the salt was generated.</summary>
    private static byte[]? DeriveKey(EncSettings s, byte[] salt, byte[] key, byte[] iv, TextWriter err)
    {
        byte[]? header = null;
        byte[]? usedSalt = null;
        if (!s.NoSalt)
        {
            if (s.Encrypt && s.HexSalt == null)
            {
                OsRandom.Bytes(SaltBytes).CopyTo(salt, 0);
                if (s.PrintKey != 2) header = [.. Magic, .. salt];
            }
            if (s.HexSalt != null && !SetHex(s.HexSalt, salt, err)) throw new CnfSignerException("invalid hex salt value");
            usedSalt = salt;
        }
        var password = Encoding.UTF8.GetBytes(s.Password!);
        if (s.Pbkdf2)
        {
            var generator = new Pkcs5S2ParametersGenerator(s.Digest.Create());
            generator.Init(password, usedSalt ?? [], s.Iterations);
            var material = ((KeyParameter)generator.GenerateDerivedMacParameters((key.Length + iv.Length) * 8)).GetKey();
            material.AsSpan(0, key.Length).CopyTo(key);
            material.AsSpan(key.Length, iv.Length).CopyTo(iv);
        }
        else
        {
            err.Write("*** WARNING : deprecated key derivation used.\nUsing -iter or -pbkdf2 would be better.\n");
            BytesToKey(s.Digest, usedSalt, password, key, iv);
        }
        return header;
    }

    /// <summary>crypto/evp/evp_key.c EVP_BytesToKey() with count 1: D_i = H(D_{i-1} || pass || salt).</summary>
    private static void BytesToKey(MessageDigest digest, byte[]? salt, byte[] password, byte[] key, byte[] iv)
    {
        var material = new List<byte>();
        byte[] previous = [];
        while (material.Count < key.Length + iv.Length)
        {
            previous = digest.Compute([.. previous, .. password, .. salt ?? []]);
            material.AddRange(previous);
        }
        material.CopyTo(0, key, 0, key.Length);
        material.CopyTo(key.Length, iv, 0, iv.Length);
    }

    private static void SetIvAndKey(EncSettings s, byte[] key, byte[] iv, TextWriter err)
    {
        if (s.HexIv != null)
        {
            if (iv.Length == 0) err.Write("warning: iv not used by this cipher\n");
            else if (!SetHex(s.HexIv, iv, err)) throw new CnfSignerException("invalid hex iv value");
        }
        if (s.HexIv == null && s.Password == null && iv.Length != 0) throw new CnfSignerException("iv undefined");
        if (s.HexKey != null && !SetHex(s.HexKey, key, err)) throw new CnfSignerException("invalid hex key value");
    }

    /// <summary>apps/enc.c set_hex(): excess digits ignored, missing ones zero, each with a warning.</summary>
    private static bool SetHex(string hex, byte[] output, TextWriter err)
    {
        var n = hex.Length;
        if (n > output.Length * 2) { err.Write("hex string is too long, ignoring excess\n"); n = output.Length * 2; }
        else if (n < output.Length * 2) err.Write("hex string is too short, padding with zero bytes to length\n");
        Array.Clear(output);
        for (var i = 0; i < n; i++)
        {
            if (!char.IsAsciiHexDigit(hex[i])) { err.Write("non-hex digit\n"); return false; }
            var nibble = Convert.ToByte(hex[i].ToString(), 16);
            output[i / 2] |= (byte)(i % 2 == 0 ? nibble << 4 : nibble);
        }
        return true;
    }

    private static string KeyLines(EncSettings s, byte[] salt, byte[] key, byte[] iv)
    {
        if (s.PrintKey == 0) return "";
        var text = new StringBuilder();
        if (!s.NoSalt) text.Append("salt=").Append(Convert.ToHexString(salt)).Append('\n');
        if (key.Length > 0) text.Append("key=").Append(Convert.ToHexString(key)).Append('\n');
        if (iv.Length > 0) text.Append("iv =").Append(Convert.ToHexString(iv)).Append('\n');
        return text.ToString();
    }
}
