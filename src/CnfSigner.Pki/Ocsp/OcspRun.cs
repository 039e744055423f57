using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>Where ocsp writes: -out (or standard output), standard output itself (the ACCEPT line) and standard error.</summary>
public sealed record OcspStreams(Action<string> Out, Action<string> Stdout, TextWriter Err, TimeProvider Clock);

/// <summary>
/// apps/ocsp.c ocsp_main() after option parsing, step by step: build the request from -issuer/-cert/-serial or
/// read -reqin; as a responder answer it from -index (once, or per connection on -port); as a client send it to
/// -url/-host or read -respin; then verify the response and print each certificate's status.
/// </summary>
public static class OcspRun
{
    private const string Prog = "ocsp";
    private const int UsageExit = 1;

    public static int Run(OcspCommandLine line, OcspStreams io)
    {
        var built = OcspRequestItems.Build(line.Items);
        if (built.Request == null && line.ReqIn == null && line.RespIn == null && !(line.Port != null && line.Index != null))
            throw Usage();
        var nonce = built.Request == null && line.Nonce != 2 ? 0 : line.Nonce;

        OcspRequest? request = null;
        if (built.Request == null && line.ReqIn != null)
            request = OcspMessages.ReadRequest(SafeFile.ReadAllBytes(line.ReqIn)) ?? throw new CnfSignerException("Error reading OCSP request");

        using var server = built.Request == null && request == null && line.Port != null
            ? OcspServer.Listen(int.Parse(line.Port, System.Globalization.CultureInfo.InvariantCulture), Prog, io.Err) : null;
        if (server != null) io.Stdout(server.AcceptLine);

        var keys = LoadResponder(line);
        if (line.Index != null && keys == null) throw new CnfSignerException("Responder mode requires certificate, key, and CA.");
        var index = line.Index == null ? null : new IndexSource(line.Index);

        if (server != null) return Serve(server, line, index!, keys!, io);

        if (built.Request == null && request == null
            && (line.ReqOut != null || line.Host != null || line.Url != null || nonce != 0 || line.Index != null))
            throw new CnfSignerException("Need an OCSP request for this operation!");
        var requestDer = built.Request != null ? built.Finish(nonce != 0) : request != null ? WithNonce(request, nonce != 0) : null;
        if (line.ReqText && requestDer != null) io.Out(OcspText.Request(requestDer));
        if (line.ReqOut != null) SafeFile.Write(line.ReqOut, requestDer!, secret: false);

        byte[] responseDer;
        if (index != null) responseDer = OcspResponder.Respond(OcspMessages.ReadRequest(requestDer!)!, index.Rows, keys!, line.Responder, io.Clock.GetUtcNow().UtcDateTime);
        else if (line.Host != null || line.Url != null) responseDer = Query(line, requestDer!);
        else if (line.RespIn != null)
        {
            responseDer = SafeFile.ReadAllBytes(line.RespIn);
            if (OcspMessages.ReadResponse(responseDer) == null) throw new CnfSignerException("Error reading OCSP response");
        }
        else return 0;

        if (!Report(line, responseDer, io)) return 1;
        if (line.Index != null) return 0;
        return OcspClientCheck.Check(line, OcspMessages.ReadResponse(responseDer)!, requestDer == null ? null : OcspMessages.ReadRequest(requestDer),
            built, io);
    }

    /// <summary>-respout, then "Responder Error: ..." for an unsuccessful status (fatal without -ignore_err), then -resp_text.</summary>
    private static bool Report(OcspCommandLine line, byte[] responseDer, OcspStreams io)
    {
        if (line.RespOut != null) SafeFile.Write(line.RespOut, responseDer, secret: false);
        var status = OcspMessages.ReadResponse(responseDer)!.ResponseStatus.IntValueExact;
        if (status != 0)
        {
            io.Out($"Responder Error: {OcspText.ResponseStatus(status)} ({status})\n");
            if (!line.IgnoreErr) return false;
        }
        if (line.RespText) io.Out(OcspText.Response(responseDer));
        return true;
    }

    /// <summary>The accept loop: a changed index is re-read before each connection; -nrequest stops it.</summary>
    private static int Serve(OcspServer server, OcspCommandLine line, IndexSource index, ResponderKeys keys, OcspStreams io)
    {
        io.Err.Write($"{Prog}: waiting for OCSP client connections...\n");
        io.Err.Flush();
        var remaining = line.RequestCount;
        while (true)
        {
            // As 3.0.19 logs it: the index is checked once a client has connected, before its request is read.
            using var connection = server.Accept(line.Timeout, () => index.ReloadIfChanged(io.Err));
            if (connection == null) continue;
            var request = connection.Request == null ? null : OcspMessages.ReadRequest(connection.Request);
            byte[] response;
            if (request == null) response = OcspMessages.Response(1, null);
            else
            {
                if (line.ReqText) io.Out(OcspText.Request(connection.Request!));
                response = OcspResponder.Respond(request, index.Rows, keys, line.Responder, io.Clock.GetUtcNow().UtcDateTime);
            }
            connection.Send(response);
            if (!Report(line, response, io)) return 1;
            if (remaining != -1 && --remaining <= 0) return 0;
        }
    }

    private static byte[] Query(OcspCommandLine line, byte[] request)
    {
        string host, path = line.Path;
        string? port = line.Port;
        if (line.Url != null)
        {
            var url = OcspHttp.ParseUrl(line.Url) ?? throw new CnfSignerException($"{Prog} Error parsing URL");
            if (url.Tls) throw new CnfSignerException("Error querying OCSP responder\nhttps is not supported (cnfsigner speaks plain HTTP only)");
            (host, port) = (url.Host, url.Port);
            if (line.Path == "/") path = url.Path;
        }
        else host = line.Host!;
        return OcspHttp.Post(host, port, path, line.Headers, request, line.Timeout);
    }

    /// <summary>-rsigner (with -CA, -rother, -passin and -rkey, which defaults to the -rsigner file).</summary>
    private static ResponderKeys? LoadResponder(OcspCommandLine line)
    {
        if (line.ResponderCert == null) return null;
        var (signer, failure) = CertificateFiles.LoadCertificate(line.ResponderCert, "responder certificate");
        if (signer == null) throw new CnfSignerException(failure!.Message + "\nError loading responder certificate");
        if (line.Ca == null) throw new CnfSignerException("No filename or uri specified for loading\n certs of CA certificates");
        var ca = LoadCerts(line.Ca, "CA certificates");
        var other = line.ResponderOther == null ? [] : LoadCerts(line.ResponderOther, "responder other certificates");
        var key = KeyReader.LoadPrivateKey(line.ResponderKey ?? line.ResponderCert, line.PassIn, "responder private key");
        return new ResponderKeys(signer, key, ca, other);
    }

    internal static IReadOnlyList<X509Certificate> LoadCerts(string path, string what)
    {
        var (objects, failure) = CertificateFiles.LoadAll(path, what, crls: false);
        return objects?.Certificates ?? throw new CnfSignerException(failure!.Message);
    }

    /// <summary>OCSP_request_add1_nonce() on a request read with -reqin and -nonce.</summary>
    private static byte[] WithNonce(OcspRequest request, bool add)
    {
        if (!add) return request.GetEncoded(Asn1Encodable.Der);
        var tbs = request.TbsRequest;
        var extensions = new Dictionary<DerObjectIdentifier, X509Extension>();
        var order = new List<DerObjectIdentifier>();
        if (tbs.RequestExtensions != null)
            foreach (var oid in tbs.RequestExtensions.ExtensionOids)
            {
                order.Add(oid);
                extensions[oid] = tbs.RequestExtensions.GetExtension(oid);
            }
        if (!extensions.ContainsKey(OcspMessages.NonceOid)) order.Add(OcspMessages.NonceOid);
        extensions[OcspMessages.NonceOid] = OcspMessages.NewNonce();
        var newTbs = new TbsRequest(tbs.RequestorName, tbs.RequestList, new X509Extensions(order, extensions));
        return new OcspRequest(newTbs, request.OptionalSignature).GetEncoded(Asn1Encodable.Der);
    }

    internal static CnfSignerException Usage() => new($"{Prog}: Use -help for summary.", UsageExit);

    /// <summary>-index: read once, and again when its modification time, change time or inode changes (index_changed()).</summary>
    private sealed class IndexSource
    {
        private readonly string _path;
        private (DateTime Modified, long Size) _stamp;

        public IndexSource(string path)
        {
            _path = path;
            (Rows, _stamp) = Load();
        }

        public IndexRows Rows { get; private set; }

        private (IndexRows, (DateTime, long)) Load()
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(_path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CnfSignerException($"{SafeFile.Reason(e)}: calling fopen({_path}, r)\nProblem with index file: {_path} (could not load/parse file)");
            }
            var info = new FileInfo(_path);
            return (IndexFile.Parse(bytes, _path), (info.LastWriteTimeUtc, info.Length));
        }

        public void ReloadIfChanged(TextWriter log)
        {
            var info = new FileInfo(_path);
            if (!info.Exists || (info.LastWriteTimeUtc, info.Length) == _stamp) return;
            try
            {
                (Rows, _stamp) = Load();
            }
            catch (CnfSignerException)
            {
                log.Write($"{Prog}: error reloading updated index: {_path}\n");
                _stamp = (info.LastWriteTimeUtc, info.Length);
            }
        }
    }
}
