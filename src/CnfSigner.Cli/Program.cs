using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CnfSigner.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        var stdin = StandardInput();
        var terminal = new Terminal(stdin, stdout, stderr, TimeProvider.System) { Prompts = new TtyConsole(stdin, stderr) };
        return Cli.Run(args, terminal);
    }

    /// <summary>
    /// Descriptor 0 read as plain bytes, as OpenSSL's fgets(stdin) does. Not Console.In: on a terminal it sets the
    /// terminal up for key reading and writes terminfo's keypad_xmit (ESC [ ? 1 h ESC =), which stayed switched on
    /// after the run. A closed descriptor reads as empty.
    /// </summary>
    private static TextReader StandardInput()
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
            return new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return TextReader.Null;
        }
    }
}
