using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Ocsp;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl ocsp (apps/ocsp.c): OCSP client and responder over an index.txt, plain HTTP.</summary>
public static class OcspCommand
{
    private const string App = "ocsp";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Collect,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        new OptionSpec("ignore_err", OptionKind.Flag, "Ignore error on OCSP request or response and continue running"),
        new OptionSpec("CAfile", OptionKind.InFile, "Trusted certificates file"),
        new OptionSpec("CApath", OptionKind.InFile, "Trusted certificates directory"),
        new OptionSpec("CAstore", OptionKind.Value, "Trusted certificates store URI", "uri"),
        new OptionSpec("no-CAfile", OptionKind.Flag, "Do not load the default certificates file"),
        new OptionSpec("no-CApath", OptionKind.Flag, "Do not load certificates from the default certificates directory"),
        new OptionSpec("no-CAstore", OptionKind.Flag, "Do not load certificates from the default certificates store"),
        OptionSpec.Section("Responder options:"),
        new OptionSpec("timeout", OptionKind.PositiveInt, "Connection timeout (in seconds) to the OCSP responder"),
        new OptionSpec("resp_no_certs", OptionKind.Flag, "Don't include any certificates in response"),
        new OptionSpec("multi", OptionKind.PositiveInt, "run multiple responder processes"),
        new OptionSpec("no_certs", OptionKind.Flag, "Don't include any certificates in signed request"),
        new OptionSpec("badsig", OptionKind.Flag, "Corrupt last byte of loaded OCSP response signature (for test)"),
        new OptionSpec("CA", OptionKind.InFile, "CA certificate"),
        new OptionSpec("nmin", OptionKind.PositiveInt, "Number of minutes before next update"),
        new OptionSpec("nrequest", OptionKind.PositiveInt, "Number of requests to accept (default unlimited)"),
        new OptionSpec("reqin", OptionKind.Value, "File with the DER-encoded request"),
        new OptionSpec("signer", OptionKind.InFile, "Certificate to sign OCSP request with"),
        new OptionSpec("sign_other", OptionKind.InFile, "Additional certificates to include in signed request"),
        new OptionSpec("index", OptionKind.InFile, "Certificate status index file"),
        new OptionSpec("ndays", OptionKind.PositiveInt, "Number of days before next update"),
        new OptionSpec("rsigner", OptionKind.InFile, "Responder certificate to sign responses with"),
        new OptionSpec("rkey", OptionKind.InFile, "Responder key to sign responses with"),
        new OptionSpec("passin", OptionKind.Value, "Responder key pass phrase source"),
        new OptionSpec("rother", OptionKind.InFile, "Other certificates to include in response"),
        new OptionSpec("rmd", OptionKind.Value, "Digest Algorithm to use in signature of OCSP response"),
        new OptionSpec("rsigopt", OptionKind.Value, "OCSP response signature parameter in n:v form"),
        new OptionSpec("header", OptionKind.Value, "key=value header to add"),
        new OptionSpec("rcid", OptionKind.Value, "Use specified algorithm for cert id in response"),
        OptionSpec.Any("Any supported digest algorithm (sha1,sha256, ... )"),
        OptionSpec.Section("Client options:"),
        new OptionSpec("url", OptionKind.Value, "Responder URL"),
        new OptionSpec("host", OptionKind.Value, "TCP/IP hostname:port to connect to"),
        new OptionSpec("port", OptionKind.Int, "Port to run responder on", "nonneg"),
        new OptionSpec("path", OptionKind.Value, "Path to use in OCSP request"),
        new OptionSpec("proxy", OptionKind.Value, "[http[s]://]host[:port][/path] of HTTP(S) proxy to use; path is ignored"),
        new OptionSpec("no_proxy", OptionKind.Value, "List of addresses of servers not to use HTTP(S) proxy for"),
        OptionSpec.More("Default from environment variable 'no_proxy', else 'NO_PROXY', else none"),
        new OptionSpec("out", OptionKind.OutFile, "Output filename"),
        new OptionSpec("noverify", OptionKind.Flag, "Don't verify response at all"),
        new OptionSpec("nonce", OptionKind.Flag, "Add OCSP nonce to request"),
        new OptionSpec("no_nonce", OptionKind.Flag, "Don't add OCSP nonce to request"),
        new OptionSpec("no_signature_verify", OptionKind.Flag, "Don't check signature on response"),
        new OptionSpec("resp_key_id", OptionKind.Flag, "Identify response by signing certificate key ID"),
        new OptionSpec("no_cert_verify", OptionKind.Flag, "Don't check signing certificate"),
        new OptionSpec("text", OptionKind.Flag, "Print text form of request and response"),
        new OptionSpec("req_text", OptionKind.Flag, "Print text form of request"),
        new OptionSpec("resp_text", OptionKind.Flag, "Print text form of response"),
        new OptionSpec("no_chain", OptionKind.Flag, "Don't chain verify response"),
        new OptionSpec("no_cert_checks", OptionKind.Flag, "Don't do additional checks on signing certificate"),
        new OptionSpec("no_explicit", OptionKind.Flag, "Do not explicitly check the chain, just verify the root"),
        new OptionSpec("trust_other", OptionKind.Flag, "Don't verify additional certificates"),
        new OptionSpec("no_intern", OptionKind.Flag, "Don't search certificates contained in response for signer"),
        new OptionSpec("respin", OptionKind.Value, "File with the DER-encoded response"),
        new OptionSpec("VAfile", OptionKind.InFile, "Validator certificates file"),
        new OptionSpec("verify_other", OptionKind.InFile, "Additional certificates to search for signer"),
        new OptionSpec("cert", OptionKind.InFile, "Certificate to check"),
        new OptionSpec("serial", OptionKind.Value, "Serial number to check"),
        new OptionSpec("validity_period", OptionKind.Int, "Maximum validity discrepancy in seconds", "ulong"),
        new OptionSpec("signkey", OptionKind.Value, "Private key to sign OCSP request with"),
        new OptionSpec("reqout", OptionKind.Value, "Output file for the DER-encoded request"),
        new OptionSpec("respout", OptionKind.Value, "Output file for the DER-encoded response"),
        new OptionSpec("issuer", OptionKind.InFile, "Issuer certificate"),
        new OptionSpec("status_age", OptionKind.PositiveInt, "Maximum status age in seconds"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    private static readonly (string Option, OcspVerifyFlags Flag)[] VerifyFlagOptions =
    [
        ("no_signature_verify", OcspVerifyFlags.NoSigs), ("no_cert_verify", OcspVerifyFlags.NoVerify),
        ("no_chain", OcspVerifyFlags.NoChain), ("no_cert_checks", OcspVerifyFlags.NoChecks),
        ("no_explicit", OcspVerifyFlags.NoExplicit), ("trust_other", OcspVerifyFlags.TrustOther),
        ("no_intern", OcspVerifyFlags.NoIntern), ("VAfile", OcspVerifyFlags.TrustOther),
    ];

    public static int Run(string[] args, Terminal terminal)
    {
        var o = Table.Parse(args);
        if (o.Positionals.Count > 0) throw Table.UsageError("Extra option");
        CommonOptions.CheckEngineAndProviders(App, o, terminal.Err);
        foreach (var refused in new[] { "signer", "signkey", "sign_other", "rsigopt", "proxy", "CAstore", "badsig" })
            if (o.Has(refused)) throw new CnfSignerException($"{App}: -{refused} is not supported by cnfsigner");
        var line = CommandLine(o, terminal);
        var output = new StringBuilder();
        var outPath = o.Value("out");
        var streams = new OcspStreams(
            text => { if (outPath != null) output.Append(text); else terminal.Write(text); },
            terminal.Write, terminal.Err, terminal.Clock);
        try
        {
            return OcspRun.Run(line, streams);
        }
        finally
        {
            if (outPath != null) SafeFile.Write(outPath, Encoding.Latin1.GetBytes(output.ToString()), secret: false);
        }
    }

    private static OcspCommandLine CommandLine(ParsedOptions o, Terminal terminal)
    {
        var port = o.Value("port");
        if (port != null && long.Parse(port) < 0) throw Table.UsageError($"Non-negative number \"{port}\" for option -port");
        var days = o.Value("ndays") is { } nd ? int.Parse(nd) : o.Has("nmin") ? 0 : -1;
        var flags = VerifyFlagOptions.Where(f => o.Has(f.Option)).Aggregate(OcspVerifyFlags.None, (a, f) => a | f.Flag);
        if (o.Value("rmd") is { } rmd && MessageDigests.Find(rmd) == null)
            throw Table.UsageError($"Unknown option or message digest: {rmd}");
        return new OcspCommandLine
        {
            Items = Items(o),
            Url = o.Value("url"), Host = o.Value("host"), Port = port, Path = o.Value("path") ?? "/",
            Headers = [.. o.Values("header").Select(Header)],
            Timeout = o.Value("timeout") is { } t ? int.Parse(t) : -1,
            IgnoreErr = o.Has("ignore_err"), NoVerify = o.Has("noverify"),
            Nonce = o.Occurrences.LastOrDefault(x => x.Name is "nonce" or "no_nonce").Name switch { "nonce" => 2, "no_nonce" => 0, _ => 1 },
            ReqText = o.Has("text") || o.Has("req_text"), RespText = o.Has("text") || o.Has("resp_text"),
            ReqIn = o.Value("reqin"), RespIn = o.Value("respin"), ReqOut = o.Value("reqout"), RespOut = o.Value("respout"),
            CaFile = o.Value("CAfile"), NoCaFile = o.Has("no-CAfile"), CaPath = o.Value("CApath"), NoCaPath = o.Has("no-CApath"),
            VerifyOther = o.Value("VAfile") ?? o.Value("verify_other"),
            VerifyFlags = flags,
            ValidityPeriod = o.Long("validity_period") ?? 300, StatusAge = o.Long("status_age") ?? -1,
            Index = o.Value("index"), Ca = o.Value("CA"), ResponderCert = o.Value("rsigner"), ResponderKey = o.Value("rkey"),
            PassIn = o.Has("rsigner") ? PassphraseSource.Resolve(o.Value("passin"), terminal.In) : null,
            ResponderOther = o.Value("rother"),
            Responder = new ResponderSettings
            {
                Digest = o.Value("rmd"), NoCerts = o.Has("resp_no_certs"), KeyId = o.Has("resp_key_id"),
                Days = days, Minutes = o.Value("nmin") is { } m ? int.Parse(m) : 0, ResponseIdDigest = o.Value("rcid"),
            },
            RequestCount = o.Value("nrequest") is { } n ? int.Parse(n) : -1,
        };
    }

    /// <summary>-issuer, -cert, -serial and digest options in command-line order.</summary>
    private static List<(string Kind, string Value)> Items(ParsedOptions o)
    {
        var items = new List<(int Position, string Kind, string Value)>();
        for (var i = 0; i < o.Occurrences.Count; i++)
            if (o.Occurrences[i] is { Name: "issuer" or "cert" or "serial", Value: { } v } occurrence) items.Add((i, occurrence.Name, v));
        for (var i = 0; i < o.UnknownNames.Count; i++)
        {
            var name = o.UnknownNames[i];
            if (MessageDigests.Find(name) == null) throw Table.UsageError($"Unknown option or message digest: {name}");
            items.Add((o.UnknownPositions[i] - 1, "digest", name));
        }
        return [.. items.OrderBy(x => x.Position).Select(x => (x.Kind, x.Value))];
    }

    private static (string, string) Header(string text)
    {
        var eq = text.IndexOf('=');
        if (eq < 0) throw new CnfSignerException($"Missing = in header key=value\n{App}: Use -help for summary.");
        return (text[..eq], text[(eq + 1)..]);
    }
}
