using CnfSigner.Pki.Io;

namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// pkg/security/permission_check.go checkFilePermissions(), as findKey() calls it with os.Getgid(): a key owned by
/// root whose group is the process's real group may be 0740; any other key at most 0700. Only the nine permission
/// bits count.
/// </summary>
public static class KeyPermissions
{
    public const string SkipVariable = "COCKROACH_SKIP_KEY_PERMISSION_CHECK";
    private const int MaxKeyPermissions = 0b111_000_000;      // 0700 maxKeyPermissions
    private const int MaxGroupKeyPermissions = 0b111_100_000; // 0740 maxGroupKeyPermissions

    /// <summary>The loader's message for a key that breaks the rule, or null when the key is acceptable.</summary>
    public static string? Violation(string keyPath, UnixFileStatus status, uint? processGid)
    {
        var perm = (int)status.Mode & 0x1FF;
        var allowed = status.Uid == 0 && processGid is { } gid && status.Gid == gid ? MaxGroupKeyPermissions : MaxKeyPermissions;
        if ((perm & (0x1FF ^ allowed)) == 0) return null;
        return $"key file {keyPath} has permissions {GoMode(perm)}, exceeds {GoMode(allowed)}";
    }

    /// <summary>Go's os.FileMode.String() for permission bits only: "-rw-r--r--".</summary>
    public static string GoMode(int perm)
    {
        const string rwx = "rwxrwxrwx";
        var chars = new char[10];
        chars[0] = '-';
        for (var i = 0; i < 9; i++) chars[i + 1] = (perm & (1 << (8 - i))) != 0 ? rwx[i] : '-';
        return new string(chars);
    }

    /// <summary>
    /// envutil.EnvOrDefaultBool() = strconv.ParseBool(): true for 1 t T TRUE true True, false for 0 f F FALSE false
    /// False, unset means false; anything else makes cockroach panic at start ("error parsing ...").
    /// </summary>
    public static (bool Skip, string? Error) ParseSkip(string? value) => value switch
    {
        null => (false, null),
        "1" or "t" or "T" or "TRUE" or "true" or "True" => (true, null),
        "0" or "f" or "F" or "FALSE" or "false" or "False" => (false, null),
        _ => (false, $"error parsing {SkipVariable}: strconv.ParseBool: parsing \"{value}\": invalid syntax"),
    };
}
