namespace CnfSigner.Config;

/// <summary>
/// One open config file, read the way def_load_bio() reads it: BIO_gets() into a 511-byte buffer, so at most 510
/// bytes per read, stopping after a '\n'; the C string ends at the first NUL byte, so the rest of that read is lost.
/// </summary>
internal sealed class ConfSource(string bytes)
{
    private const int ChunkSize = 510; // conf_def.c CONFBUFSIZE - 1, less fgets()'s terminating NUL
    private int _position;

    public static readonly ConfSource Empty = new("");

    /// <summary>The next read; "" at end of file (or when a read starts with a NUL byte).</summary>
    public string ReadChunk()
    {
        if (_position >= bytes.Length) return "";
        var limit = Math.Min(bytes.Length, _position + ChunkSize);
        var newline = bytes.IndexOf('\n', _position, limit - _position);
        var end = newline < 0 ? limit : newline + 1;
        var chunk = bytes[_position..end];
        _position = end;
        var nul = chunk.IndexOf('\0');
        return nul < 0 ? chunk : chunk[..nul];
    }
}
