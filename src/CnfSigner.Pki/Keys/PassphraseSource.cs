using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Pass phrase arguments as apps/lib/apps.c app_get_pass() reads them: "pass:TEXT", "env:VAR", "file:PATH"
/// (first line), "fd:N" (first line) and "stdin" (first line). A line loses its "\n" only, as in OpenSSL
/// (a "\r" stays), and is cut at 1023 bytes (APP_PASS_LEN).
/// </summary>
public static class PassphraseSource
{
    private const int MaxLineBytes = 1023; // apps/include/apps.h APP_PASS_LEN - 1

    /// <summary>Resolves one argument (null gives null); failures say "Error getting password" as genrsa/ca do.</summary>
    public static string? Resolve(string? arg, TextReader stdin)
    {
        if (arg == null) return null;
        using var source = new LineSource(stdin);
        return Get(arg, source) ?? throw Failure(source.Error!, "Error getting password");
    }

    /// <summary>
    /// apps/lib/apps.c app_passwd(): -passin and -passout together (req). When both name the same file, fd or
    /// stdin, the first line is the input pass phrase and the second the output one.
    /// </summary>
    public static (string? In, string? Out) ResolvePair(string? passIn, string? passOut, TextReader stdin)
    {
        using var first = new LineSource(stdin);
        using var second = new LineSource(stdin);
        var shared = passIn != null && passIn == passOut ? first : second;
        var resolvedIn = passIn == null ? null : Get(passIn, first) ?? throw Failure(first.Error!, "Error getting passwords");
        var resolvedOut = passOut == null ? null : Get(passOut, shared) ?? throw Failure(shared.Error!, "Error getting passwords");
        return (resolvedIn, resolvedOut);
    }

    private static CnfSignerException Failure(string reason, string summary) => new($"{reason}\n{summary}");

    private static string? Get(string arg, LineSource source)
    {
        if (arg.StartsWith("pass:", StringComparison.Ordinal)) return arg[5..];
        if (arg.StartsWith("env:", StringComparison.Ordinal))
            return Environment.GetEnvironmentVariable(arg[4..]) ?? source.Fail($"No environment variable {arg[4..]}");
        if (!source.IsOpen)
        {
            if (arg.StartsWith("file:", StringComparison.Ordinal)) source.OpenFile(arg[5..]);
            else if (arg.StartsWith("fd:", StringComparison.Ordinal)) source.OpenDescriptor(arg[3..]);
            else if (arg == "stdin") source.OpenStdin();
            else return source.Fail(SyntaxError(arg));
            if (source.Error != null) return null;
        }
        return source.ReadLine() ?? source.Fail("Error reading password from BIO");
    }

    // "do not reveal too much about arg": only the part before ':' is echoed.
    private static string SyntaxError(string arg)
    {
        var colon = arg.IndexOf(':');
        return colon < 0 || colon > 4
            ? "Invalid password argument, missing ':' within the first 5 chars"
            : $"Invalid password argument, starting with \"{arg[..(colon + 1)]}\"";
    }

    /// <summary>A file, descriptor or standard input read a line at a time, as a BIO kept between two reads.</summary>
    private sealed class LineSource(TextReader stdin) : IDisposable
    {
        private Stream? _stream;
        private bool _stdin;

        public string? Error { get; private set; }
        public bool IsOpen => _stream != null || _stdin;

        public string? Fail(string error)
        {
            Error = error;
            return null;
        }

        public void OpenFile(string path)
        {
            try { _stream = File.OpenRead(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Fail($"Can't open file {path}"); }
        }

        public void OpenDescriptor(string number)
        {
            var fd = Atoi(number);
            if (fd < 0) { Fail($"Can't access file descriptor {number}"); return; }
            // Descriptor 0 is the terminal's standard input, which may already be buffered by the TextReader.
            if (fd == 0) { _stdin = true; return; }
            try { _stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Read, 1); }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { _stream = Stream.Null; }
        }

        public void OpenStdin() => _stdin = true;

        /// <summary>crypto/bio BIO_gets(): up to and including '\n'; null when nothing could be read.</summary>
        public string? ReadLine()
        {
            var bytes = new List<byte>();
            var chars = new StringBuilder();
            try
            {
                while (bytes.Count + chars.Length < MaxLineBytes)
                {
                    var c = _stdin ? stdin.Read() : _stream!.ReadByte();
                    if (c < 0) break;
                    if (c == '\n') return Text(bytes, chars);
                    if (_stdin) chars.Append((char)c); else bytes.Add((byte)c);
                }
            }
            // A descriptor that is not open reads as EBADF, which .NET reports as UnauthorizedAccessException;
            // OpenSSL's BIO_gets() fails the same way there: "Error reading password from BIO".
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
            return bytes.Count + chars.Length == 0 ? null : Text(bytes, chars);
        }

        private static string Text(List<byte> bytes, StringBuilder chars) =>
            bytes.Count > 0 ? Encoding.UTF8.GetString(bytes.ToArray()) : chars.ToString();

        // C atoi(): leading blanks, an optional sign, digits up to the first non-digit; "abc" is 0 (stdin's fd).
        private static int Atoi(string s)
        {
            var t = s.TrimStart();
            var sign = 1;
            if (t.StartsWith('-') || t.StartsWith('+')) { sign = t[0] == '-' ? -1 : 1; t = t[1..]; }
            var digits = new string(t.TakeWhile(char.IsAsciiDigit).ToArray());
            return digits.Length == 0 ? 0 : sign * (int)Math.Min(long.Parse(digits[..Math.Min(digits.Length, 10)]), int.MaxValue);
        }

        public void Dispose() => _stream?.Dispose();
    }
}
