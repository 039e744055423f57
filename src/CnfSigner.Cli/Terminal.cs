using System.Text;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli;

/// <summary>
/// What a command talks to: standard input, a binary standard output (DER and PEM go there byte for byte),
/// standard error for messages, the clock, and where pass phrases are asked for. Tests pass in-memory streams and
/// a fake clock; their prompts then go to Err and read from In, as OpenSSL's do without a terminal.
/// </summary>
public sealed record Terminal(TextReader In, Stream Out, TextWriter Err, TimeProvider Clock)
{
    /// <summary>Pass phrase prompts (Program: the controlling terminal, see <see cref="TtyConsole"/>).</summary>
    public IPassphraseConsole Prompts { get; init; } = new StreamPassphraseConsole(In, Err);

    /// <summary>Standard input as bytes, for binary input (a DER key); null in tests, whose input is text.</summary>
    public Stream? InBytes { get; init; }

    /// <summary>
    /// All of standard input as bytes (DER, data to digest or encrypt): the descriptor's own bytes, not text decoded as
    /// UTF-8; an in-memory terminal's reader (tests) holds the bytes as Latin-1 text.
    /// </summary>
    public byte[] ReadAllInputBytes()
    {
        if (InBytes is not { } stdin) return Encoding.Latin1.GetBytes(In.ReadToEnd());
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes text to standard output without a BOM and without transcoding surprises.</summary>
    public void Write(string text)
    {
        WriteBytes(Utf8.GetBytes(text));
    }

    /// <summary>
    /// Writes to standard output. A write that fails (a full disk, /dev/full, a closed pipe) is an error with exit
    /// code 1: OpenSSL ignores it and exits 0 having lost the output.
    /// </summary>
    public void WriteBytes(byte[] bytes)
    {
        try
        {
            Out.Write(bytes, 0, bytes.Length);
            Out.Flush();
        }
        catch (IOException e)
        {
            throw new CnfSignerException($"Error writing to standard output: {e.Message}", 1, e);
        }
    }
}
