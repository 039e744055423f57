using System.Text;

namespace CnfSigner.Fuzz;

/// <summary>
/// The fallback when no AFL++ is installed: a deterministic (seeded) mutation engine, byte-level like AFL's havoc
/// stage plus one structure-aware step: a PEM seed is decoded, its DER mutated and re-wrapped, so mutations reach
/// the ASN.1 readers instead of dying in Base64.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> seeds, int seed)
{
    private static readonly byte[][] Tokens =
    [
        "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\t"u8.ToArray(), "="u8.ToArray(), "/"u8.ToArray(), "+"u8.ToArray(),
        "\\"u8.ToArray(), "$"u8.ToArray(), "${"u8.ToArray(), "::"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(),
        "#"u8.ToArray(), "@"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), "critical,"u8.ToArray(),
        ".include "u8.ToArray(), "-----BEGIN "u8.ToArray(), "-----END "u8.ToArray(), "-----"u8.ToArray(),
        [0x30, 0x80], [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], [0x02, 0x00], [0x05, 0x00], [0x06, 0x00], [0xff], [0x00],
        [0x80], [0x7f], [0xa0, 0x00], [0x17, 0x0d], [0x18, 0x0f], "Proc-Type: 4,ENCRYPTED\n"u8.ToArray(),
        "DEK-Info: AES-128-CBC,"u8.ToArray(), "00"u8.ToArray(), "FF"u8.ToArray(), "-"u8.ToArray(),
    ];

    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        var input = seeds[_random.Next(seeds.Count)];
        if (Pem(input) is { } pem && _random.Next(2) == 0)
            return Wrap(pem.Label, Havoc(pem.Der));
        return Havoc(input);
    }

    private byte[] Havoc(byte[] input)
    {
        var data = new List<byte>(input);
        for (var steps = 1 << _random.Next(4); steps > 0; steps--) Step(data);
        return [.. data];
    }

    private void Step(List<byte> data)
    {
        var at = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(data.Count == 0 ? 2 : 9))
        {
            case 0: data.InsertRange(at, Tokens[_random.Next(Tokens.Length)]); break;
            case 1: data.InsertRange(at, Splice()); break;
            case 2: data[at] ^= (byte)(1 << _random.Next(8)); break;
            case 3: data[at] = (byte)_random.Next(256); break;
            case 4: data[at] = (byte)new[] { 0, 1, 0x7f, 0x80, 0xff, 0x20, 0x0a }[_random.Next(7)]; break;
            case 5: data.RemoveRange(at, _random.Next(Math.Min(16, data.Count - at) + 1)); break;
            case 6: data.InsertRange(at, data.GetRange(at, _random.Next(Math.Min(32, data.Count - at) + 1))); break;
            case 7: data.RemoveRange(at, data.Count - at); break;
            default: data.InsertRange(at, Enumerable.Repeat(data[at], _random.Next(1, 64))); break;
        }
    }

    private byte[] Splice()
    {
        var other = seeds[_random.Next(seeds.Count)];
        if (other.Length == 0) return [];
        var start = _random.Next(other.Length);
        return other[start..Math.Min(other.Length, start + _random.Next(1, 64))];
    }

    private static (string Label, byte[] Der)? Pem(byte[] input)
    {
        var text = Encoding.Latin1.GetString(input);
        var begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin < 0) return null;
        var labelEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
        var end = text.IndexOf("-----END ", begin, StringComparison.Ordinal);
        if (labelEnd < 0 || end < 0 || text[(labelEnd + 5)..end].Contains(':')) return null;
        try
        {
            return (text[(begin + 11)..labelEnd], Convert.FromBase64String(text[(labelEnd + 5)..end]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Wrap(string label, byte[] der)
    {
        var base64 = Convert.ToBase64String(der);
        var lines = Enumerable.Range(0, (base64.Length + 63) / 64).Select(i => base64.Substring(i * 64, Math.Min(64, base64.Length - i * 64)));
        return Encoding.ASCII.GetBytes($"-----BEGIN {label}-----\n{string.Join("\n", lines)}\n-----END {label}-----\n");
    }
}
