using System.Text;

namespace CnfSigner.Config;

/// <summary>
/// Physical lines to logical lines, as def_load_bio()'s read loop: a UTF-8 BOM is skipped on the very first read,
/// trailing CR and LF are stripped (so CRLF works), and a line whose last character is a backslash not preceded by
/// another backslash is joined with the next one (the backslash removed, nothing else). A logical line never spans
/// two files: at end of file the pending line is finished. <see cref="PhysicalLine"/> counts lines across every
/// file read, as OpenSSL's error line numbers do.
/// </summary>
internal sealed class LogicalLines(SourceStack sources)
{
    private readonly StringBuilder _buffer = new();
    private bool _firstRead = true;

    public long PhysicalLine { get; private set; }

    /// <summary>The next logical line, or null when every file has been read.</summary>
    public string? Next()
    {
        var again = false;
        while (true)
        {
            var chunk = sources.ReadChunk();
            if (_firstRead)
            {
                // def_load_bio(): only a UTF-8 BOM is stripped; other BOMs are left to fail.
                if (chunk.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal)) chunk = chunk[3..];
                _firstRead = false;
            }
            if (chunk.Length == 0 && !again)
            {
                if (!sources.NextAtEndOfFile()) return null;
                continue;
            }
            if (Append(chunk)) { again = true; continue; }
            var line = _buffer.ToString();
            _buffer.Clear();
            return line;
        }
    }

    /// <summary>Adds one read to the pending line; true when the line goes on (long line or continuation).</summary>
    private bool Append(string chunk)
    {
        var length = chunk.Length;
        while (length > 0 && chunk[length - 1] is '\r' or '\n') length--;
        // Nothing stripped: a read that filled the buffer, or the last line without a newline. That read does
        // not count as a line; the next one (possibly the empty read at end of file) finishes and counts it.
        var longLine = chunk.Length > 0 && length == chunk.Length;
        if (!longLine) PhysicalLine++;
        _buffer.Append(chunk, 0, length);
        if (longLine) return true;
        var n = _buffer.Length;
        if (n >= 1 && _buffer[n - 1] == '\\' && (n <= 1 || _buffer[n - 2] != '\\'))
        {
            _buffer.Length--;
            return true;
        }
        return false;
    }
}
