using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// ocsp (issue #13): request and response text dumps, the status summary, the file-mode responder and the error
/// cases against openssl 3.0.19's outputs for the same command lines (testdata/ocsp, made by
/// tools/make-ocsp-goldens.sh); the HTTP client and responder against the live openssl where it is installed.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public partial class OcspCommandTests
{
    private static string Dir => CliRunner.TestData("ocsp");

    private static readonly string[] TutorialResponder =
    [
        "-index", "intermediate/index.txt", "-CA", "intermediate/certs/ca-chain.cert.pem",
        "-rkey", "intermediate/private/ocsp.example.com.key.pem", "-rsigner", "intermediate/certs/ocsp.example.com.cert.pem", "-nrequest", "1",
    ];

    private static readonly string[] TutorialClient =
    [
        "-CAfile", "intermediate/certs/ca-chain.cert.pem", "-resp_text", "-issuer", "intermediate/certs/intermediate.cert.pem",
        "-cert", "intermediate/certs/test.example.com.cert.pem",
    ];

    /// <summary>The command lines of tools/make-ocsp-goldens.sh, by golden name.</summary>
    private static readonly Dictionary<string, string[]> Cases = new()
    {
        ["req-text"] = ["-reqin", "req.der", "-req_text"],
        ["req-sha256-text"] = ["-reqin", "req-sha256.der", "-req_text"],
        ["resp-text"] = ["-respin", "resp.der", "-resp_text", "-noverify"],
        ["summary"] = ["-respin", "resp.der", "-reqin", "req.der", "-CAfile", "ca.pem"],
        ["summary-certs"] = ["-respin", "resp.der", "-CAfile", "ca.pem", "-issuer", "ca.pem", "-cert", "a.pem", "-cert", "b.pem",
            "-cert", "c.pem", "-serial", "0x99", "-no_nonce"],
        ["no-ca"] = ["-respin", "resp.der", "-no-CAfile", "-no-CApath"],
        ["no-ca-issuer"] = ["-respin", "resp.der", "-no-CAfile", "-no-CApath", "-issuer", "ca.pem", "-serial", "0x1000", "-no_nonce"],
        ["bad-request"] = ["-reqin", "ca.pem", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem", "-rkey", "ocsp.key"],
        ["bad-response"] = ["-respin", "ca.pem"],
        ["no-ca-file"] = ["-reqin", "req.der", "-index", "index.txt", "-rsigner", "ocsp.pem", "-rkey", "ocsp.key"],
        ["no-issuer"] = ["-cert", "a.pem"],
        ["trailing-digest"] = ["-issuer", "ca.pem", "-cert", "a.pem", "-sha256"],
        ["port-not-number"] = ["-port", "127.0.0.1:2560", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem", "-rkey", "ocsp.key"],
        ["nothing-to-do"] = [],
        ["need-request"] = ["-no_nonce", "-respin", "resp.der", "-reqout", "x.der", "-issuer", "ca.pem"],
        // jamielinux.com's OpenSSL Certificate Authority tutorial, run in testdata/ocsp/tutorial: its responder command
        // as printed (OpenSSL 3.0 refuses host:port and a trailing -sha256), and its client on openssl's response.
        ["tutorial-responder"] = ["-port", "127.0.0.1:2560", "-text", "-sha256", .. TutorialResponder],
        ["tutorial-responder-port"] = ["-port", "2560", "-text", "-sha256", .. TutorialResponder],
        ["tutorial-client"] = ["-CAfile", "intermediate/certs/ca-chain.cert.pem", "-respin", "resp.der", "-reqin", "req.der", "-resp_text",
            "-issuer", "intermediate/certs/intermediate.cert.pem", "-cert", "intermediate/certs/test.example.com.cert.pem",
            "-cert", "intermediate/certs/www.example.com.cert.pem", "-no_nonce"],
    };

    private static string Tutorial => Path.Combine(Dir, "tutorial");

    public static IEnumerable<string> CaseNames() => Cases.Keys;

    [TestCaseSource(nameof(CaseNames))]
    public void Output_and_exit_code_are_openssls(string name)
    {
        var golden = Path.Combine(Dir, "expected", name);
        var ours = CliRunner.Run(name.StartsWith("tutorial-", StringComparison.Ordinal) ? Tutorial : Dir, "", ["ocsp", .. Cases[name]]);
        ours.ExitCode.ShouldBe(int.Parse(File.ReadAllText(golden + ".rc").Trim(), CultureInfo.InvariantCulture));
        ours.Stdout.ShouldBe(File.ReadAllText(golden + ".out"));
        // OpenSSL's own lines in order; its library error stack (<tid>:error:...) is shortened (README, Differences).
        var theirs = File.ReadAllLines(golden + ".err").Where(l => !LibraryError().IsMatch(l)).ToList();
        var lines = ours.Stderr.Split('\n').ToList();
        var at = 0;
        foreach (var line in theirs)
        {
            at = lines.IndexOf(line, at);
            at.ShouldBeGreaterThanOrEqualTo(0, $"missing line \"{line}\" in:\n{ours.Stderr}");
        }
        File.Exists(Path.Combine(Dir, "x.der")).ShouldBeFalse();
    }

    [Test]
    public void File_mode_response_is_byte_identical_to_openssls_at_the_same_time()
    {
        using var dir = new TempDir();
        var produced = ProducedAt(File.ReadAllText(Path.Combine(Dir, "expected", "resp-text.out")));
        var ours = CliRunner.Run(Dir, "", new FixedClock(produced), "ocsp", "-reqin", "req.der", "-index", "index.txt", "-CA", "ca.pem",
            "-rsigner", "ocsp.pem", "-rkey", "ocsp.key", "-respout", Path.Combine(dir.Path, "resp.der"));
        (ours.ExitCode, ours.Stdout, ours.Stderr).ShouldBe((0, "", ""));
        File.ReadAllBytes(Path.Combine(dir.Path, "resp.der")).ShouldBe(File.ReadAllBytes(Path.Combine(Dir, "resp.der")));
    }

    [Test]
    public void Request_from_certificates_verifies_its_own_nonce_against_our_file_mode_response()
    {
        using var dir = new TempDir();
        var req = Path.Combine(dir.Path, "req.der");
        var resp = Path.Combine(dir.Path, "resp.der");
        CliRunner.Run(Dir, "", "ocsp", "-issuer", "ca.pem", "-cert", "a.pem", "-serial", "4097", "-sha256", "-cert", "c.pem",
            "-reqout", req).ExitCode.ShouldBe(0);
        var answer = CliRunner.Run(Dir, "", "ocsp", "-reqin", req, "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem",
            "-rkey", "ocsp.key", "-ndays", "1", "-resp_key_id", "-respout", resp);
        answer.ExitCode.ShouldBe(0);
        var check = CliRunner.Run(Dir, "", "ocsp", "-reqin", req, "-respin", resp, "-CAfile", "ca.pem", "-resp_text");
        (check.ExitCode, check.Stderr).ShouldBe((0, "Response verify OK\n"));
        check.Stdout.ShouldContain("Responder Id: " + KeyIdOf("ocsp.pem"));
        check.Stdout.ShouldContain("Hash Algorithm: sha256");
        check.Stdout.ShouldContain("Cert Status: revoked\n    Revocation Time: ");
        check.Stdout.ShouldContain("Revocation Reason: keyCompromise (0x1)");
        check.Stdout.ShouldContain("Next Update: ");
    }

    [Test]
    public void Out_takes_the_summary_and_verify_ok_stays_on_standard_error()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(Dir, "", ["ocsp", .. Cases["summary-certs"], "-out", dir.File("out.txt")]);
        (r.ExitCode, r.Stdout, r.Stderr).ShouldBe((0, "", "Response verify OK\n"));
        File.ReadAllText(dir.File("out.txt")).ShouldBe(File.ReadAllText(Path.Combine(Dir, "expected", "summary-certs.out")));
    }

    [Test]
    public void Unknown_issuer_and_unknown_serial_are_unknown_and_E_rows_get_no_status()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "index.txt"),
            File.ReadAllText(Path.Combine(Dir, "index.txt")).Replace("V\t", "E\t", StringComparison.Ordinal));
        var req = Path.Combine(dir.Path, "req.der");
        CliRunner.Run(Dir, "", "ocsp", "-issuer", "ocsp.pem", "-serial", "0x1000", "-issuer", "ca.pem", "-serial", "0x1000",
            "-serial", "0x1001", "-reqout", req).ExitCode.ShouldBe(0);
        var r = CliRunner.Run(Dir, "", "ocsp", "-reqin", req, "-index", Path.Combine(dir.Path, "index.txt"), "-CA", "ca.pem",
            "-rsigner", "ocsp.pem", "-rkey", "ocsp.key", "-resp_text");
        r.ExitCode.ShouldBe(0);
        Regex.Matches(r.Stdout, "Cert Status: (\\w+)").Select(m => m.Groups[1].Value).ShouldBe(["unknown", "revoked"]);
    }

    [Test]
    public void Responder_without_key_and_certificate_refuses_after_listening()
    {
        var r = CliRunner.Run(Dir, "", "ocsp", "-port", "0", "-index", "index.txt", "-CA", "ca.pem");
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldStartWith("ACCEPT [::]:");
        r.Stderr.ShouldBe("Responder mode requires certificate, key, and CA.\n");
    }

    [Test, Category("Interop")]
    public void Openssl_client_against_our_responder()
    {
        OpenSsl.Require();
        using var server = Apphost.Start(Dir, "ocsp", "-port", "0", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem",
            "-rkey", "ocsp.key", "-nrequest", "1", "-text");
        using var stop = new StopOnFailure(server);
        var port = AcceptedPort(server);
        var client = Apphost.RunProgram(Dir, "openssl", "ocsp", "-CAfile", "ca.pem", "-url", $"http://127.0.0.1:{port}", "-resp_text",
            "-issuer", "ca.pem", "-cert", "a.pem", "-cert", "b.pem", "-serial", "0x99");
        var served = Apphost.Finish(server);
        (client.ExitCode, client.Stderr).ShouldBe((0, "Response verify OK\n"));
        client.Stdout.ShouldContain("a.pem: good\n\tThis Update: ");
        client.Stdout.ShouldContain("b.pem: revoked\n\tThis Update: ");
        client.Stdout.ShouldContain("\tReason: keyCompromise\n\tRevocation Time: ");
        client.Stdout.ShouldContain("0x99: unknown\n");
        served.ExitCode.ShouldBe(0);
        served.Stderr.ShouldBe("ocsp: waiting for OCSP client connections...\nocsp: Received request, 1st line: POST / HTTP/1.0\n");
        served.Stdout.ShouldContain("OCSP Request Data:");
        served.Stdout.ShouldContain("OCSP Response Data:");
    }

    [Test, Category("Interop")]
    public void Our_client_against_the_openssl_responder_and_openssl_verifying_our_response()
    {
        OpenSsl.Require();
        using var dir = new TempDir();
        using var server = Apphost.StartProgram(Dir, null, "openssl", "ocsp", "-port", "0", "-index", "index.txt", "-CA", "ca.pem",
            "-rsigner", "ocsp.pem", "-rkey", "ocsp.key", "-nrequest", "1");
        using var stop = new StopOnFailure(server);
        var port = AcceptedPort(server);
        var resp = Path.Combine(dir.Path, "resp.der");
        var client = CliRunner.Run(Dir, "", "ocsp", "-CAfile", "ca.pem", "-url", $"http://127.0.0.1:{port}/", "-issuer", "ca.pem",
            "-cert", "a.pem", "-cert", "c.pem", "-respout", resp, "-header", "X-Test=1", "-timeout", "10");
        Apphost.Finish(server).ExitCode.ShouldBe(0);
        (client.ExitCode, client.Stderr).ShouldBe((0, "Response verify OK\n"));
        Regex.Replace(client.Stdout, "Update: .*", "Update: T").ShouldBe("a.pem: good\n\tThis Update: T\nc.pem: revoked\n\tThis Update: T\n" +
            "\tRevocation Time: " + client.Stdout.Split("Revocation Time: ")[1]);

        var ours = Path.Combine(dir.Path, "ours.der");
        CliRunner.Run(Dir, "", "ocsp", "-reqin", "req.der", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem",
            "-rkey", "ocsp.key", "-respout", ours).ExitCode.ShouldBe(0);
        var judged = Apphost.RunProgram(Dir, "openssl", "ocsp", "-respin", ours, "-reqin", "req.der", "-CAfile", "ca.pem");
        (judged.ExitCode, judged.Stderr).ShouldBe((0, "Response verify OK\n"));
    }

    /// <summary>The tutorial's two commands in the form OpenSSL 3.0 accepts (a port number, no -sha256), both by cnfsigner.</summary>
    [Test, Category("Slow")]
    public void Tutorial_responder_and_client()
    {
        using var server = Apphost.Start(Tutorial, ["ocsp", "-port", "0", "-text", .. TutorialResponder]);
        using var stop = new StopOnFailure(server);
        var port = AcceptedPort(server);
        var client = CliRunner.Run(Tutorial, "", ["ocsp", "-url", $"http://127.0.0.1:{port}", .. TutorialClient]);
        var served = Apphost.Finish(server);
        (client.ExitCode, client.Stderr).ShouldBe((0, "Response verify OK\n"));
        client.Stdout.ShouldContain("Responder Id: CN = ocsp.example.com"); // the policy keeps only commonName
        client.Stdout.ShouldContain("intermediate/certs/test.example.com.cert.pem: revoked\n\tThis Update: ");
        client.Stdout.ShouldContain("\tReason: keyCompromise\n\tRevocation Time: ");
        (served.ExitCode, served.Stderr).ShouldBe((0, "ocsp: waiting for OCSP client connections...\nocsp: Received request, 1st line: POST / HTTP/1.0\n"));
        served.Stdout.ShouldContain("OCSP Request Data:");
        served.Stdout.ShouldContain("    Cert Status: revoked");
    }

    [Test, Category("Interop")]
    public void Tutorial_client_in_openssl_against_our_responder()
    {
        OpenSsl.Require();
        using var server = Apphost.Start(Tutorial, ["ocsp", "-port", "0", "-text", .. TutorialResponder]);
        using var stop = new StopOnFailure(server);
        var port = AcceptedPort(server);
        var client = Apphost.RunProgram(Tutorial, ["openssl", "ocsp", "-url", $"http://127.0.0.1:{port}", .. TutorialClient]);
        Apphost.Finish(server).ExitCode.ShouldBe(0);
        (client.ExitCode, client.Stderr).ShouldBe((0, "Response verify OK\n"));
        client.Stdout.ShouldContain("intermediate/certs/test.example.com.cert.pem: revoked\n");
    }

    [Test, Category("Slow")]
    public void Responder_rereads_a_changed_index_before_each_connection()
    {
        using var dir = new TempDir();
        var index = dir.File("index.txt");
        File.Copy(Path.Combine(Dir, "index.txt"), index);
        using var server = Apphost.Start(Dir, "ocsp", "-port", "0", "-index", index, "-CA", "ca.pem", "-rsigner", "ocsp.pem",
            "-rkey", "ocsp.key", "-nrequest", "3", "-ignore_err");
        using var stop = new StopOnFailure(server);
        var url = $"http://127.0.0.1:{AcceptedPort(server)}";
        string Ask() => CliRunner.Run(Dir, "", "ocsp", "-url", url, "-CAfile", "ca.pem", "-issuer", "ca.pem", "-cert", "a.pem").Stdout;
        Ask().ShouldStartWith("a.pem: good\n");
        File.WriteAllText(index, File.ReadAllText(index).Replace("V\t", "R\t", StringComparison.Ordinal)
            .Replace("\t\t1000", "\t261202100000Z,superseded\t1000", StringComparison.Ordinal));
        Ask().ShouldContain("a.pem: revoked\n");
        File.AppendAllText(index, "not a row\n");
        Ask().ShouldContain("a.pem: revoked\n"); // the unreadable index is reported and the last one kept
        var served = Apphost.Finish(server);
        served.ExitCode.ShouldBe(0);
        served.Stderr.ShouldContain($"ocsp: error reloading updated index: {index}\n");
    }

    /// <summary>
    /// As openssl 3.0.19 answers (seen on the wire): a body that is not an OCSPRequest and a method other than GET or
    /// POST get "400 Bad Request" followed by a malformedrequest response; with -ignore_err they count towards -nrequest.
    /// A GET with the URL-encoded base64 request is answered.
    /// </summary>
    [Test, Category("Slow")]
    public void Responder_answers_bad_requests_with_400_then_malformedrequest_and_serves_get()
    {
        using var server = Apphost.Start(Dir, "ocsp", "-port", "0", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ocsp.pem",
            "-rkey", "ocsp.key", "-nrequest", "3", "-ignore_err");
        using var stop = new StopOnFailure(server);
        var port = AcceptedPort(server);
        var notOcsp = File.ReadAllBytes(Path.Combine(Dir, "ca.pem"));
        var malformed = "HTTP/1.0 400 Bad Request\r\n\r\nHTTP/1.0 200 OK\r\nContent-type: application/ocsp-response\r\n" +
            "Content-Length: 5\r\n\r\n0\u0003\n\u0001\u0001";
        Exchange(port, [.. "POST / HTTP/1.0\r\nContent-Length: 40\r\n\r\n"u8, .. notOcsp.AsSpan(0, 40)]).ShouldBe(malformed);
        Exchange(port, "PUT / HTTP/1.0\r\n\r\n"u8.ToArray()).ShouldBe(malformed);
        var get = "GET /" + Uri.EscapeDataString(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(Dir, "req.der")))) + " HTTP/1.0\r\n\r\n";
        Exchange(port, System.Text.Encoding.ASCII.GetBytes(get)).ShouldStartWith("HTTP/1.0 200 OK\r\nContent-type: application/ocsp-response\r\n");
        var served = Apphost.Finish(server);
        served.ExitCode.ShouldBe(0);
        served.Stdout.ShouldEndWith("Responder Error: malformedrequest (1)\nResponder Error: malformedrequest (1)\n");
        served.Stderr.ShouldContain("ocsp: Error parsing DER-encoded request content\n");
        served.Stderr.ShouldContain("ocsp: HTTP request does not begin with GET or POST: PUT / HTTP/1.0\n");
    }

    private static string Exchange(int port, byte[] request)
    {
        using var client = new System.Net.Sockets.TcpClient("127.0.0.1", port);
        using var stream = client.GetStream();
        stream.Write(request);
        var answer = new MemoryStream();
        stream.CopyTo(answer);
        return System.Text.Encoding.Latin1.GetString(answer.ToArray());
    }

    private static int AcceptedPort(Process server)
    {
        var line = server.StandardOutput.ReadLine() ?? throw new InvalidOperationException(server.StandardError.ReadToEnd());
        var m = Regex.Match(line, @"^ACCEPT \[::\]:(\d+) PID=\d+$");
        m.Success.ShouldBeTrue(line);
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string KeyIdOf(string cert)
    {
        var text = CliRunner.Run(Dir, "", "x509", "-in", cert, "-noout", "-text").Stdout;
        // The responder key ID is the SHA-1 of the public key bits: the subjectKeyIdentifier openssl ca wrote.
        return Regex.Match(text, @"Subject Key Identifier: \n\s+([0-9A-F:]+)").Groups[1].Value.Replace(":", "", StringComparison.Ordinal);
    }

    private static DateTimeOffset ProducedAt(string text)
    {
        var value = Regex.Match(text, "Produced At: (.*) GMT").Groups[1].Value;
        return DateTimeOffset.ParseExact(Regex.Replace(value, " +", " "), "MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A responder left waiting by a failed assertion is killed, not left listening.</summary>
    private sealed class StopOnFailure(Process server) : IDisposable
    {
        public void Dispose()
        {
            if (!server.HasExited) server.Kill();
        }
    }

    [GeneratedRegex("^[0-9A-F]+:error:")]
    private static partial Regex LibraryError();
}
