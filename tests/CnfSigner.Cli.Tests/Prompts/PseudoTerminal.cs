using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CnfSigner.Cli.Tests.Prompts;

/// <summary>What a run on a pseudo-terminal showed, how it ended, and the terminal's termios before and after.</summary>
public sealed record PtyRun(string Transcript, int ExitCode, byte[] ModesBefore, byte[] ModesAfter);

/// <summary>
/// Runs a program on a new pseudo-terminal that is its controlling terminal (/dev/tty) and its standard streams, as
/// a user at a terminal runs it, and types answers at its prompts: each answer is typed once the output has gone
/// quiet ending in ':' (a prompt). "EOF" types ^D and "INT" ^C. Needs Linux and util-linux's setsid.
/// </summary>
public static class PseudoTerminal
{
    private const int QuietMs = 150;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/dev/ptmx") &&
        new[] { "/usr/bin/setsid", "/bin/setsid" }.Any(File.Exists);

    public static PtyRun Run(string workDir, string[] commandLine, params string[] answers)
    {
        var master = posix_openpt(0x2 | 0x100); // O_RDWR | O_NOCTTY
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) throw new InvalidOperationException("no pseudo-terminal");
        var name = new byte[128];
        if (ptsname_r(master, name, name.Length) != 0) throw new InvalidOperationException("ptsname_r failed");
        var slavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        // The test keeps the slave open to read its modes after the run (so the master never sees EIO).
        var slave = open(Encoding.ASCII.GetBytes(slavePath + "\0"), 0x2 | 0x100);
        try
        {
            var before = Modes(slave);
            var psi = new ProcessStartInfo("sh") { WorkingDirectory = workDir, UseShellExecute = false };
            foreach (var a in (string[])["-c", "exec setsid -w -c \"$@\" <>\"$CNFSIGNER_PTY\" >&0 2>&0", "sh", .. commandLine])
                psi.ArgumentList.Add(a);
            psi.Environment["CNFSIGNER_PTY"] = slavePath;
            psi.Environment["TERM"] = "xterm"; // a terminfo with keypad_xmit, so a stray one would show
            using var process = Process.Start(psi)!;
            var transcript = Converse(master, process, answers);
            return new PtyRun(transcript, process.ExitCode, before, Modes(slave));
        }
        finally
        {
            close(slave);
            close(master);
        }
    }

    private static string Converse(int master, Process process, string[] answers)
    {
        var output = new List<byte>();
        var buffer = new byte[4096];
        var next = 0;
        var answeredAt = 0;
        var clock = Stopwatch.StartNew();
        var quietSince = clock.ElapsedMilliseconds;
        while (clock.Elapsed < Timeout)
        {
            var poll = new PollFd { Fd = master, Events = 1 };
            if (poll_(ref poll, 1, 20) > 0)
            {
                var n = (int)read(master, buffer, buffer.Length);
                if (n > 0) { output.AddRange(buffer.AsSpan(0, n)); quietSince = clock.ElapsedMilliseconds; continue; }
            }
            var quiet = clock.ElapsedMilliseconds - quietSince > QuietMs;
            if (process.HasExited && quiet) return Encoding.UTF8.GetString(output.ToArray());
            if (quiet && next < answers.Length && output.Count > answeredAt && EndsWithPrompt(output))
            {
                var typed = answers[next++] switch { "EOF" => "\x04", "INT" => "\x03", var a => a + "\n" };
                var bytes = Encoding.UTF8.GetBytes(typed);
                write(master, bytes, bytes.Length);
                answeredAt = output.Count;
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("no end after " + Timeout + ":\n" + Encoding.UTF8.GetString(output.ToArray()));
    }

    private static bool EndsWithPrompt(List<byte> output)
    {
        var last = output.Count - 1;
        while (last >= 0 && output[last] == ' ') last--;
        return last >= 0 && output[last] == ':';
    }

    private static byte[] Modes(int fd)
    {
        var termios = new byte[256];
        tcgetattr(fd, termios).ShouldBe(0);
        return termios;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc")] private static extern int posix_openpt(int flags);
    [DllImport("libc")] private static extern int grantpt(int fd);
    [DllImport("libc")] private static extern int unlockpt(int fd);
    [DllImport("libc")] private static extern int ptsname_r(int fd, byte[] buffer, nint length);
    [DllImport("libc")] private static extern int open(byte[] path, int flags);
    [DllImport("libc")] private static extern int close(int fd);
    [DllImport("libc")] private static extern nint read(int fd, byte[] buffer, nint count);
    [DllImport("libc")] private static extern nint write(int fd, byte[] buffer, nint count);
    [DllImport("libc")] private static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc", EntryPoint = "poll")] private static extern int poll_(ref PollFd fds, nuint count, int timeoutMs);
}
