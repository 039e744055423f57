using System.Runtime.InteropServices;
using System.Text;
using CnfSigner.Pki.Keys;

namespace CnfSigner.Cli;

/// <summary>
/// crypto/ui/ui_openssl.c on the controlling terminal: /dev/tty is opened for each prompt; echo is switched off
/// (only ECHO, as OpenSSL does) while the answer is typed and the saved termios is put back byte for byte
/// afterwards, also on Ctrl-C and on a terminating signal. Nothing else is written to the terminal: no terminfo
/// sequences (System.Console's reader would switch the keypad mode on). Without a terminal, the prompt goes to
/// standard error and the answer comes from standard input, as in OpenSSL.
/// </summary>
public sealed class TtyConsole(TextReader stdin, TextWriter stderr) : IPassphraseConsole
{
    private static readonly byte[] DevTty = "/dev/tty\0"u8.ToArray();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamPassphraseConsole _withoutTerminal = new(stdin, stderr);

    public string? ReadHidden(string prompt)
    {
        var fd = OpenTerminal();
        if (fd < 0) return _withoutTerminal.ReadHidden(prompt);
        try
        {
            using var session = new EchoOff(fd);
            Write(fd, prompt);
            try
            {
                return ReadLine(fd, session);
            }
            finally
            {
                Write(fd, "\n");
            }
        }
        finally
        {
            Native.Close(fd);
        }
    }

    public void Write(string text)
    {
        var fd = OpenTerminal();
        if (fd < 0) { _withoutTerminal.Write(text); return; }
        Write(fd, text);
        Native.Close(fd);
    }

    private static int OpenTerminal()
    {
        var flags = OperatingSystem.IsMacOS() ? 0x2 | 0x20000 | 0x1000000 : 0x2 | 0x100 | 0x80000; // O_RDWR|O_NOCTTY|O_CLOEXEC
        return Native.Open(DevTty, flags);
    }

    /// <summary>fgets(): bytes up to "\n" (dropped); end of input (a read of nothing, ^D) gives null.</summary>
    private static string? ReadLine(int fd, EchoOff session)
    {
        var line = new List<byte>();
        var buffer = new byte[256];
        while (true)
        {
            if (!session.WaitReadable()) throw new PromptInterruptedException();
            var n = (int)Native.Read(fd, buffer, buffer.Length);
            if (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR) continue;
            if (n <= 0) { Array.Clear(buffer); return null; }
            var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
            line.AddRange(buffer.AsSpan(0, end < 0 ? n : end));
            if (end >= 0) break;
        }
        Array.Clear(buffer);
        var text = Utf8.GetString(line.ToArray());
        line.Clear();
        return text;
    }

    private static void Write(int fd, string text)
    {
        var bytes = Utf8.GetBytes(text);
        for (var at = 0; at < bytes.Length;)
        {
            var n = (int)Native.Write(fd, bytes[at..], bytes.Length - at);
            if (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR) continue;
            if (n <= 0) return; // a terminal that cannot be written to loses the prompt, as fputs() would
            at += n;
        }
    }
}
