using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CnfSigner.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Descriptor(1, FileAccess.Write) ?? Stream.Null;
        var stderr = new StreamWriter(Descriptor(2, FileAccess.Write) ?? Stream.Null, new UTF8Encoding(false)) { AutoFlush = true };
        // Descriptor 0 read as plain bytes, as OpenSSL's fgets(stdin) does; a closed descriptor reads as empty.
        var stdinBytes = Descriptor(0, FileAccess.Read);
        var stdin = stdinBytes == null ? TextReader.Null
            : new StreamReader(stdinBytes, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var terminal = new Terminal(stdin, stdout, stderr, TimeProvider.System)
        {
            Prompts = new TtyConsole(stdin, stderr),
            InBytes = stdinBytes,
        };
        return Cli.Run(args, terminal);
    }

    /// <summary>
    /// A standard descriptor as a plain unbuffered stream. Not System.Console's streams or readers: on a terminal
    /// their first read or write sets the terminal up and writes terminfo's keypad_xmit (ESC [ ? 1 h ESC =), which
    /// stayed switched on after cnfsigner exited. Null when the descriptor is not open.
    /// </summary>
    private static Stream? Descriptor(int fd, FileAccess access)
    {
        if (!OperatingSystem.IsWindows()) return DescriptorStream.Open(fd, access);
        try
        {
            return new FileStream(new SafeFileHandle(fd, ownsHandle: false), access, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
