using System.Runtime.InteropServices;
using System.Text;

namespace CnfSigner.Pki.Io;

/// <summary>The owner, group and mode of a file after following symlinks, as Go's os.Stat reports them.</summary>
public readonly record struct UnixFileStatus(uint Uid, uint Gid, UnixFileMode Mode, bool IsRegular);

/// <summary>
/// File ownership, which the BCL does not expose. statx(2) is used because its struct layout is the same on every
/// Linux architecture (struct stat is not). Where it is unavailable the owner is unknown and callers fall back to
/// the strict rule.
/// </summary>
public static class UnixFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int SIfmt = 0xF000, SIfreg = 0x8000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGid();

    /// <summary>Follows symlinks (os.Stat); null when the file does not exist or cannot be examined.</summary>
    public static UnixFileStatus? Stat(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return null;
        try
        {
            var buffer = new byte[256];
            if (Statx(AtFdCwd, Encoding.UTF8.GetBytes(path + "\0"), 0, StatxBasicStats, buffer) != 0) return null;
            // include/uapi/linux/stat.h struct statx: stx_uid at 20, stx_gid at 24, stx_mode (u16) at 28.
            var uid = BitConverter.ToUInt32(buffer, 20);
            var gid = BitConverter.ToUInt32(buffer, 24);
            int mode = BitConverter.ToUInt16(buffer, 28);
            return new UnixFileStatus(uid, gid, (UnixFileMode)(mode & 0xFFF), (mode & SIfmt) == SIfreg);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FallbackStat(path);
        }
    }

    /// <summary>The process's real group id (Go's os.Getgid()), or null where it cannot be read.</summary>
    public static uint? ProcessGid()
    {
        try
        {
            return GetGid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // Without statx the owner is unknown: uint.MaxValue never equals root, so the strict 0700 rule applies.
    private static UnixFileStatus? FallbackStat(string path) =>
        OperatingSystem.IsWindows() ? null
            : new UnixFileStatus(uint.MaxValue, uint.MaxValue, File.GetUnixFileMode(path), File.Exists(path));
}
