using System.Text;

namespace CnfSigner.Cli;

/// <summary>
/// What a command talks to: standard input, a binary standard output (DER and PEM go there byte for byte),
/// standard error for messages, and the clock. Tests pass in-memory streams and a fake clock.
/// </summary>
public sealed record Terminal(TextReader In, Stream Out, TextWriter Err, TimeProvider Clock)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes text to standard output without a BOM and without transcoding surprises.</summary>
    public void Write(string text)
    {
        var bytes = Utf8.GetBytes(text);
        Out.Write(bytes, 0, bytes.Length);
        Out.Flush();
    }

    public void WriteBytes(byte[] bytes)
    {
        Out.Write(bytes, 0, bytes.Length);
        Out.Flush();
    }
}
