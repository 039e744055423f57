using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CnfSigner.Cli.Tests.Cockroach;

/// <summary>
/// A real peer judges the workflow's certificates: mutual TLS on loopback through .NET's SslStream (the platform TLS
/// stack), each side verifying the other against the CA file with the usage CockroachDB's Go TLS requires
/// (serverAuth for the server, clientAuth for the client) and the server's host name.
/// </summary>
[NonParallelizable]
[Category("Slow")]
public class MutualTlsTests
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private CockroachWorkspace _ws = null!;
    private CockroachWorkspace _split = null!;
    private CockroachWorkspace _other = null!;

    [OneTimeSetUp]
    public void CreateCertificates()
    {
        _ws = CockroachWorkspace.WithAll();
        _split = new CockroachWorkspace();
        _split.Cockroach("create-ca");
        _split.Cockroach("split-node");
        _other = CockroachWorkspace.WithAll(); // another CA with the same name
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _ws.Dispose();
        _split.Dispose();
        _other.Dispose();
    }

    private static X509Certificate2 Pair(CockroachWorkspace ws, string dir, string name) =>
        X509Certificate2.CreateFromPemFile(ws.File($"{dir}/{name}.crt"), ws.File($"{dir}/{name}.key"));

    private static X509Certificate2 Ca(CockroachWorkspace ws, string file = "node-certs/ca.crt") =>
        X509CertificateLoader.LoadCertificateFromFile(ws.File(file));

    [TestCase("localhost")]
    [TestCase("node.example.io")]
    [TestCase("127.0.0.1")]
    public void Node_and_root_client_complete_mutual_tls_for_every_san(string host)
    {
        var r = Handshake(Pair(_ws, "node-certs", "node"), Pair(_ws, "client-certs", "client.root"), host, Ca(_ws), Ca(_ws));
        r.ClientError.ShouldBeNull();
        r.ServerError.ShouldBeNull();
        r.ClientSubjectSeenByServer.ShouldBe("CN=root, O=Cockroach");
        r.Echo.ShouldBe("SELECT 1");
    }

    [Test]
    public void A_host_not_in_the_san_is_refused_by_the_client()
    {
        var r = Handshake(Pair(_ws, "node-certs", "node"), Pair(_ws, "client-certs", "client.root"), "db.example.com", Ca(_ws), Ca(_ws));
        r.ClientError.ShouldBe("RemoteCertificateNameMismatch");
    }

    [Test]
    public void The_dual_purpose_node_certificate_works_as_the_nodes_client_certificate()
    {
        var r = Handshake(Pair(_ws, "node-certs", "node"), Pair(_ws, "node-certs", "node"), "localhost", Ca(_ws), Ca(_ws));
        r.ServerError.ShouldBeNull();
        r.ClientError.ShouldBeNull();
    }

    [Test]
    public void A_split_node_server_certificate_presented_as_a_client_is_refused_for_its_key_usage()
    {
        var r = Handshake(Pair(_split, "node-certs", "node"), Pair(_split, "node-certs", "node"), "localhost", Ca(_split), Ca(_split));
        r.ServerError.ShouldBe("NotValidForUsage");
        var ok = Handshake(Pair(_split, "node-certs", "node"), Pair(_split, "node-certs", "client.node"), "localhost", Ca(_split), Ca(_split));
        ok.ServerError.ShouldBeNull();
        ok.ClientSubjectSeenByServer.ShouldBe("CN=node, O=Cockroach");
    }

    [Test]
    public void A_client_certificate_presented_as_a_server_is_refused_for_its_key_usage()
    {
        var r = Handshake(Pair(_ws, "client-certs", "client.root"), Pair(_ws, "client-certs", "client.root"), "localhost", Ca(_ws), Ca(_ws));
        r.ClientError.ShouldNotBeNull();
        r.ClientError.ShouldContain("NotValidForUsage");
    }

    [Test]
    public void A_client_certificate_from_another_ca_is_refused_by_the_server()
    {
        var r = Handshake(Pair(_ws, "node-certs", "node"), Pair(_other, "client-certs", "client.root"), "localhost", Ca(_ws), Ca(_ws));
        r.ServerError.ShouldNotBeNull();
        r.ServerError.ShouldNotContain("NoError");
    }

    private sealed record Outcome(string? ClientError, string? ServerError, string? ClientSubjectSeenByServer, string? Echo);

    private static Outcome Handshake(X509Certificate2 server, X509Certificate2 client, string host, X509Certificate2 clientCa, X509Certificate2 rootCa)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string? serverError = null, clientError = null, seen = null, echo = null;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var serverTask = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(cts.Token);
            using var ssl = new SslStream(socket.GetStream());
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = server,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    {
                        seen = cert?.Subject;
                        serverError = cert == null ? "NoCertificate" : Verify(cert, clientCa, ClientAuth);
                        return serverError == null;
                    },
                }, cts.Token);
                var buffer = new byte[64];
                var n = await ssl.ReadAsync(buffer, cts.Token);
                await ssl.WriteAsync(buffer.AsMemory(0, n), cts.Token);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                serverError ??= e.GetType().Name;
            }
        });

        try
        {
            using var tcp = new TcpClient();
            tcp.Connect(IPAddress.Loopback, port);
            using var ssl = new SslStream(tcp.GetStream());
            ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificates = [client],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    clientError = (cert == null ? "NoCertificate" : Verify(cert, rootCa, ServerAuth))
                        ?? ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 ? "RemoteCertificateNameMismatch" : null);
                    return clientError == null;
                },
            }, cts.Token).GetAwaiter().GetResult();
            ssl.Write("SELECT 1"u8);
            var buffer = new byte[64];
            var n = ssl.Read(buffer);
            echo = Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            clientError ??= e.GetType().Name;
        }
        serverTask.Wait(TimeSpan.FromSeconds(20));
        return new Outcome(clientError, serverError, seen, echo);
    }

    /// <summary>The peer's chain to the CA file only (no system roots), with the usage the role needs.</summary>
    private static string? Verify(X509Certificate cert, X509Certificate2 ca, Oid usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        using var peer = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
        return chain.Build(peer) ? null : string.Join(",", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
    }
}
