using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CnfSigner.Pki.Ocsp;

/// <summary>
/// The HTTP/1.0 exchange of apps/lib/http_server.c (responder) and crypto/http/http_client.c (client), plain TCP:
/// one request per connection, POST with the DER body or GET with the base64 (URL-encoded) DER in the path.
/// </summary>
public static class OcspHttp
{
    private const int MaxHeaderBytes = 64 * 1024, MaxBody = 100 * 1024;

    /// <summary>OSSL_HTTP_parse_url(): (host, port, path, https); null when the URL cannot be read.</summary>
    public static (string Host, string Port, string Path, bool Tls)? ParseUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var tls = false;
        if (scheme >= 0)
        {
            var name = url[..scheme].ToLowerInvariant();
            if (name is not ("http" or "https")) return null;
            tls = name == "https";
            url = url[(scheme + 3)..];
        }
        var slash = url.IndexOfAny(['/', '?', '#']);
        var authority = slash < 0 ? url : url[..slash];
        var path = slash < 0 ? "/" : url[slash..];
        if (path[0] != '/') path = "/" + path;
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        string host, port = tls ? "443" : "80";
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0) return null;
            host = authority[1..close];
            if (close + 1 < authority.Length)
            {
                if (authority[close + 1] != ':') return null;
                port = authority[(close + 2)..];
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0) port = authority[(colon + 1)..];
        }
        if (host.Length == 0 || !int.TryParse(port, out var p) || p is < 0 or > 65535) return null;
        return (host, port, path, tls);
    }

    /// <summary>
    /// POSTs the DER request and returns the DER body of a 200 answer. Failures throw with OpenSSL's reason, after
    /// which apps/ocsp.c says "Error querying OCSP responder".
    /// </summary>
    public static byte[] Post(string host, string? port, string path, IReadOnlyList<(string Name, string Value)> headers,
        byte[] body, int timeoutSeconds)
    {
        if (port == null && host.LastIndexOf(':') is var c and > 0 && !host.EndsWith(']')) (host, port) = (host[..c], host[(c + 1)..]);
        port ??= "80";
        using var client = new TcpClient();
        var timeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : Timeout.InfiniteTimeSpan;
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            client.ConnectAsync(host.Trim('[', ']'), int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), cts.Token)
                .AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or FormatException or OverflowException)
        {
            var reason = e is SocketException s ? SocketReason(s) : "connect timeout";
            throw new CnfSignerException($"Error querying OCSP responder\n{reason}: calling connect({host}, {port})");
        }
        var stream = client.GetStream();
        if (timeoutSeconds > 0) stream.ReadTimeout = stream.WriteTimeout = timeoutSeconds * 1000;
        var head = new StringBuilder($"POST {path} HTTP/1.0\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (!headers.Any(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))) head.Append("Host: ").Append(host).Append("\r\n");
        head.Append("Content-Type: application/ocsp-request\r\nContent-Length: ").Append(body.Length).Append("\r\n\r\n");
        try
        {
            stream.Write(Encoding.ASCII.GetBytes(head.ToString()));
            stream.Write(body);
            return ReadResponse(stream);
        }
        catch (IOException e)
        {
            throw new CnfSignerException($"Error querying OCSP responder\n{(e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut } ? "read timeout" : "error receiving")}");
        }
    }

    /// <summary>http_client.c: status line, headers (Content-Type must be the OCSP response's), then the body.</summary>
    private static byte[] ReadResponse(Stream stream)
    {
        var status = ReadLine(stream) ?? throw Fail("response parse error");
        var parts = status.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], out var code))
            throw Fail("response parse error");
        var headers = ReadHeaders(stream);
        var type = headers.GetValueOrDefault("content-type");
        if (code != 200)
            throw Fail($"received error: code={code}{(parts.Length > 2 ? ",reason=" + parts[2] : "")}");
        if (type != null && !type.StartsWith("application/ocsp-response", StringComparison.OrdinalIgnoreCase))
            throw Fail($"unexpected content type: expected=application/ocsp-response, actual={type}");
        var body = ReadBody(stream, ContentLength(headers), MaxBody) ?? throw Fail("max resp len exceeded");
        return OcspMessages.ReadElement(body) == null ? throw Fail("response parse error") : body;
    }

    private static CnfSignerException Fail(string reason) => new($"Error querying OCSP responder\n{reason}");

    /// <summary>The header lines up to the blank line, by lower-case name (the last of a repeated one).</summary>
    internal static Dictionary<string, string> ReadHeaders(Stream stream)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = ReadLine(stream); !string.IsNullOrEmpty(line); line = ReadLine(stream))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return headers;
    }

    /// <summary>Content-Length, when given as a number.</summary>
    internal static int? ContentLength(Dictionary<string, string> headers) =>
        headers.TryGetValue("content-length", out var v) && int.TryParse(v, out var n) && n >= 0 ? n : null;

    /// <summary>The body: Content-Length bytes, or up to the end of the stream; null when longer than <paramref name="max"/>.</summary>
    internal static byte[]? ReadBody(Stream stream, int? length, int max)
    {
        var body = new MemoryStream();
        var buffer = new byte[8192];
        while (length == null || body.Length < length)
        {
            var n = stream.Read(buffer, 0, length == null ? buffer.Length : (int)Math.Min(buffer.Length, length.Value - body.Length));
            if (n <= 0) break;
            body.Write(buffer, 0, n);
            if (body.Length > max) return null;
        }
        return body.ToArray();
    }

    /// <summary>One CRLF- or LF-terminated line as Latin-1; null at end of stream.</summary>
    internal static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.Latin1.GetString([.. bytes]);
            if (b == '\n') break;
            bytes.Add((byte)b);
            if (bytes.Count > MaxHeaderBytes) throw new IOException("line too long");
        }
        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return Encoding.Latin1.GetString([.. bytes]);
    }

    internal static string SocketReason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.HostNotFound or SocketError.NoData => "Name or service not known",
        SocketError.TimedOut => "connect timeout",
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.AccessDenied => "Permission denied",
        _ => e.Message,
    };
}
