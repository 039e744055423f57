using System.Runtime.InteropServices;

namespace CnfSigner.Cli;

/// <summary>
/// One prompt's terminal state (ui_openssl.c noecho_console() / echo_console() and pushsig() / popsig()): ECHO is
/// cleared from the saved termios, and Dispose puts the saved bytes back. Ctrl-C is caught and reported to the
/// reader (OpenSSL then fails with "interrupted or cancelled"); SIGTERM, SIGHUP and SIGQUIT restore the terminal
/// before they end the process. A descriptor that is not a terminal (tcgetattr fails) is read as it is.
/// </summary>
internal sealed class EchoOff : IDisposable
{
    private const int PollIntervalMs = 100;
    private readonly int _fd;
    private readonly byte[]? _saved;
    private readonly List<PosixSignalRegistration> _signals = [];
    private volatile bool _interrupted;
    private int _restored;

    public EchoOff(int fd)
    {
        _fd = fd;
        var termios = new byte[Native.TermiosSize];
        if (Native.TcGetAttr(fd, termios) != 0) return;
        _saved = (byte[])termios.Clone();
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; _interrupted = true; }));
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
        var lflag = Native.LocalFlagsOffset;
        var flags = BitConverter.ToUInt32(termios, lflag) & ~Native.ECHO;
        BitConverter.GetBytes(flags).CopyTo(termios, lflag);
        Native.TcSetAttr(fd, Native.TCSANOW, termios);
    }

    /// <summary>Waits until a line (or end of input) can be read; false once Ctrl-C was pressed.</summary>
    public bool WaitReadable()
    {
        var poll = new Native.PollFd { Fd = _fd, Events = Native.POLLIN };
        // A signal interrupts poll() (EINTR) before .NET runs the handler on its own thread: keep polling until
        // the line is there or the handler has said Ctrl-C.
        while (!_interrupted)
        {
            if (Native.Poll(ref poll, 1, PollIntervalMs) > 0) return true;
        }
        return false;
    }

    private void Restore()
    {
        if (_saved != null && Interlocked.Exchange(ref _restored, 1) == 0) Native.TcSetAttr(_fd, Native.TCSANOW, _saved);
    }

    public void Dispose()
    {
        Restore();
        foreach (var registration in _signals) registration.Dispose();
    }
}

/// <summary>The few libc calls a terminal prompt needs (NativeAOT-safe: blittable arguments only).</summary>
internal static partial class Native
{
    public const int EINTR = 4;
    public const int TCSANOW = 0;
    public const uint ECHO = 0x8;
    public const short POLLIN = 0x1;
    public const int TermiosSize = 256; // larger than any libc's struct termios (glibc 60 bytes, macOS 72)

    // struct termios: c_iflag, c_oflag, c_cflag, c_lflag; tcflag_t is 32 bits on Linux and 64 on macOS.
    public static int LocalFlagsOffset => OperatingSystem.IsMacOS() ? 24 : 12;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int TcGetAttr(int fd, byte[] termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);
}
