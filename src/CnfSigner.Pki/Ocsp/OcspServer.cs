using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CnfSigner.Pki.Ocsp;

/// <summary>One accepted connection: the request's DER (null when unreadable) and the socket to answer on.</summary>
public sealed class OcspConnection(Socket socket, byte[]? request) : IDisposable
{
    /// <summary>The DER OCSPRequest; null when the client sent something else (answered 400, then malformedRequest).</summary>
    public byte[]? Request { get; } = request;

    /// <summary>
    /// http_server_send_asn1_resp(): HTTP/1.0 200 with the DER body, then the connection closes. After a bad
    /// request http_server_get_asn1_req() has already sent "400 Bad Request"; the OCSP answer follows it, as in OpenSSL.
    /// </summary>
    public void Send(byte[] response)
    {
        var head = (Request == null ? "HTTP/1.0 400 Bad Request\r\n\r\n" : "") + $"HTTP/1.0 200 OK\r\nContent-type: application/ocsp-response\r\nContent-Length: {response.Length}\r\n\r\n";
        try
        {
            socket.Send([.. Encoding.ASCII.GetBytes(head), .. response]);
        }
        catch (SocketException)
        {
            // The client went away; OpenSSL does not report it either.
        }
    }

    public void Dispose()
    {
        try { socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        socket.Dispose();
    }
}

/// <summary>
/// apps/lib/http_server.c: a listening socket on every address (IPv6 with IPv4 mapped, "[::]:PORT") and
/// http_server_get_asn1_req(): the first line logged as "ocsp: Received request, 1st line: ...", POST bodies and GET
/// paths (URL-decoded base64) read as the DER request.
/// </summary>
public sealed class OcspServer(Socket listener, string prog, TextWriter log) : IDisposable
{
    private const int MaxRequest = 100 * 1024;

    public int Port => ((IPEndPoint)listener.LocalEndPoint!).Port;

    /// <summary>http_server_init_bio(): binds and listens; "Error setting up accept BIO" when it cannot.</summary>
    public static OcspServer Listen(int port, string prog, TextWriter log)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            socket.Listen(128);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new CnfSignerException($"{prog}: Error setting up accept BIO\n{OcspHttp.SocketReason(e)}: calling bind()");
        }
        return new OcspServer(socket, prog, log);
    }

    /// <summary>report_server_accept(): "ACCEPT [::]:PORT PID=N".</summary>
    public string AcceptLine => $"ACCEPT [::]:{Port} PID={Environment.ProcessId}\n";

    /// <summary>
    /// Waits for the next client, calls <paramref name="accepted"/> (the index check) and reads the request; null when
    /// the connection brought nothing to answer.
    /// </summary>
    public OcspConnection? Accept(int timeoutSeconds, Action accepted)
    {
        var socket = listener.Accept();
        accepted();
        if (timeoutSeconds > 0) socket.ReceiveTimeout = timeoutSeconds * 1000;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            var line = OcspHttp.ReadLine(stream);
            if (line == null) { socket.Dispose(); return null; }
            log.Write($"{prog}: Received request, 1st line: {line}\n");
            log.Flush();
            return new OcspConnection(socket, Read(stream, line));
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private byte[]? Read(Stream stream, string line)
    {
        var length = OcspHttp.ContentLength(OcspHttp.ReadHeaders(stream));
        if (line.StartsWith("GET ", StringComparison.Ordinal))
        {
            var url = line[4..];
            var space = url.IndexOf(' ');
            if (space >= 0) url = url[..space];
            return Parsed(FromBase64(Uri.UnescapeDataString(url.TrimStart('/'))));
        }
        if (!line.StartsWith("POST ", StringComparison.Ordinal)) return Fail($"HTTP request does not begin with GET or POST: {line}");
        var body = OcspHttp.ReadBody(stream, length, MaxRequest);
        return body == null ? Fail("request too long") : Parsed(body);
    }

    private byte[]? Parsed(byte[]? der) =>
        der != null && OcspMessages.ReadRequest(der) != null ? der : Fail("Error parsing DER-encoded request content");

    private byte[]? Fail(string message)
    {
        log.Write($"{prog}: {message}\n");
        log.Flush();
        return null;
    }

    private static byte[]? FromBase64(string text)
    {
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }

    public void Dispose() => listener.Dispose();
}
