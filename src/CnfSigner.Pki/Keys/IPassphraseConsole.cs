namespace CnfSigner.Pki.Keys;

/// <summary>
/// Where pass phrases are asked for (crypto/ui/ui_openssl.c): the controlling terminal with echo off, or, without
/// one, standard error for the prompt and standard input for the answer.
/// </summary>
public interface IPassphraseConsole
{
    /// <summary>
    /// Writes <paramref name="prompt"/>, reads one line without echo and ends the line on the console, as
    /// read_string_inner() does. Returns the line without its "\n", or null at end of input; throws
    /// <see cref="PromptInterruptedException"/> when the user presses Ctrl-C.
    /// </summary>
    string? ReadHidden(string prompt);

    /// <summary>Writes text where the prompts go ("Verify failure\n").</summary>
    void Write(string text);
}

/// <summary>Ctrl-C at a pass phrase prompt: OpenSSL's UI reports "interrupted or cancelled".</summary>
public sealed class PromptInterruptedException() : Exception("interrupted or cancelled");

/// <summary>
/// The console without a terminal (ui_openssl.c open_console(): stdin and stderr when /dev/tty cannot be opened):
/// the prompt goes to <paramref name="output"/>, the answer comes from <paramref name="input"/> and is echoed by
/// nobody. In-process tests use it with in-memory readers and writers.
/// </summary>
public sealed class StreamPassphraseConsole(TextReader input, TextWriter output) : IPassphraseConsole
{
    public string? ReadHidden(string prompt)
    {
        output.Write(prompt);
        output.Flush();
        var line = ReadLine();
        output.Write("\n");
        output.Flush();
        return line;
    }

    // fgets(): up to "\n", which is dropped; a "\r" stays (TextReader.ReadLine() would drop it).
    private string? ReadLine()
    {
        var line = new System.Text.StringBuilder();
        for (var c = input.Read(); c >= 0; c = input.Read())
        {
            if (c == '\n') return line.ToString();
            line.Append((char)c);
        }
        return line.Length == 0 ? null : line.ToString();
    }

    public void Write(string text)
    {
        output.Write(text);
        output.Flush();
    }
}
