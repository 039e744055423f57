using System.Runtime.InteropServices;

namespace CnfSigner.Cli;

/// <summary>
/// A standard descriptor read and written with plain read(2) and write(2), as OpenSSL's stdio does. Not a
/// FileStream: on a regular file FileStream writes with pwrite(2) at its own position and never moves the
/// descriptor's shared offset, so in <c>( cnfsigner x509 -noout -subject; echo x ) &gt; f</c> the next writer
/// overwrote cnfsigner's output. Not System.Console's streams either (see <see cref="Program"/>).
/// </summary>
internal sealed class DescriptorStream : Stream
{
    private const int EINTR = 4;
    private readonly int _fd;
    private readonly FileAccess _access;

    private DescriptorStream(int fd, FileAccess access) => (_fd, _access) = (fd, access);

    /// <summary>
    /// The descriptor as a stream, or null when it was not open at start: fcntl(F_GETFD) fails with EBADF, or the
    /// descriptor is close-on-exec, which no inherited descriptor can be, so the loader or the runtime reused the
    /// free number for a file of its own (`cnfsigner version &gt;&amp;-`; openssl then prints nothing and exits 0).
    /// </summary>
    public static DescriptorStream? Open(int fd, FileAccess access)
    {
        var flags = fcntl(fd, F_GETFD);
        return flags < 0 || (flags & FD_CLOEXEC) != 0 ? null : new DescriptorStream(fd, access);
    }

    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;

    public override bool CanRead => _access == FileAccess.Read;
    public override bool CanWrite => _access == FileAccess.Write;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            var n = read(_fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (n >= 0) return (int)n;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = write(_fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
            }
            buffer = buffer[(int)n..];
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref byte buffer, nint count);
}
