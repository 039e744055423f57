using System.Text;

namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>One bad input: files to plant (null content deletes; a "->" prefix makes a symbolic link), the command,
/// what it reads on stdin, and the exit code and message words the operator must get.</summary>
public sealed record BadInput(string Name, string[] Args, int ExitCode, string Message)
{
    public IReadOnlyList<(string File, byte[]? Content)> Files { get; init; } = [];
    public string Stdin { get; init; } = "";
    public override string ToString() => Name;
}

/// <summary>
/// The bad-input corpus: malformed, truncated, oversized and adversarial configs, keys, requests, certificates,
/// CRLs, index and serial files, options and pass phrases, and hostile output paths, for every command.
/// </summary>
public static partial class BadInputCorpus
{
    public static readonly string[] Sign =
        ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-policy", "signing_policy", "-extensions",
         "signing_node_req", "-outdir", "certs/", "-batch", "-notext", "-out", "new.crt", "-in", "node.csr"];

    private static readonly string[] Revoke = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-revoke", "node.crt"];
    private static readonly string[] GenCrl = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", "-gencrl", "-crldays", "30", "-out", "new.crl"];
    private static readonly string[] ReqNew = ["req", "-new", "-key", "node.key", "-subj", "/O=Cockroach/CN=x", "-out", "new.csr"];
    private static readonly string[] X509Sign = ["x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "7", "-out", "new.crt"];

    private static byte[] Text(string s) => Encoding.Latin1.GetBytes(s);
    private static byte[] Random(int n, int seed) { var b = new byte[n]; new Random(seed).NextBytes(b); return b; }
    private static (string, byte[]?) Plant(string file, string content) => (file, Text(content));
    private static (string, byte[]?) Plant(string file, byte[] content) => (file, content);
    private static (string, byte[]?) Link(string file, string target) => (file, Text("->" + target));
    private static (string, byte[]?) Delete(string file) => (file, null);
    private static string[] With(string[] args, params string[] more) => [.. args, .. more];
    private static string[] Replace(string[] args, string option, string value)
    {
        var copy = (string[])args.Clone();
        copy[Array.IndexOf(copy, option) + 1] = value;
        return copy;
    }

    private static string Hardening(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "hardening", name);
    private static string Seed(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "fuzz-seeds", name);
    private static string Regression(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "fuzz-regressions", name);

    public static IEnumerable<BadInput> Configs()
    {
        BadInput Conf(string name, string message, params (string, byte[]?)[] files) =>
            new($"config/{name}", Sign, 1, message) { Files = files };
        yield return new("config/missing", Replace(Sign, "-config", "nosuch.cnf"), 1, "Can't open \"nosuch.cnf\" for reading, No such file or directory");
        yield return new("config/is_a_directory", Replace(Sign, "-config", "certs"), 1, "default_ca");
        yield return Conf("unclosed_section", "Error on line 1 of config file \"ca.cnf\"", Plant("ca.cnf", "[ CA_default\n"));
        yield return Conf("binary_garbage", "config file \"ca.cnf\"", Plant("ca.cnf", Random(4096, 1)));
        yield return Conf("nul_bytes", "default_ca", Plant("ca.cnf", "\0\0\0[\0ca\0]\0\n\0"));
        yield return Conf("no_default_ca", "default_ca", Plant("ca.cnf", "[ ca ]\n"));
        yield return Conf("no_database", "database", Plant("ca.cnf", "[ ca ]\ndefault_ca = x\n[ x ]\nserial = serial.txt\n"));
        yield return Conf("undefined_variable", "variable has no value", Plant("ca.cnf", "a = $b\n"));
        yield return Conf("self_referencing_variables", "variable has no value", Plant("ca.cnf", "a = $b\nb = $a\n"));
        yield return Conf("expansion_bomb", "variable expansion too long", Plant("ca.cnf", ExpansionBomb()));
        yield return Conf("oversized_line_without_equals", "missing equal sign", Plant("ca.cnf", new string('a', 4 << 20) + "\n"));
        yield return Conf("include_itself", "default_ca", Plant("ca.cnf", ".include ca.cnf\n"));
        yield return Conf("include_missing", "variable lookup failed for ca::default_ca", Plant("ca.cnf", ".include nosuch.cnf\n"));
        yield return Conf("include_dev_null", "default_ca", Plant("ca.cnf", ".include /dev/null\n"));
        yield return new("config/policy_section_missing", Replace(Sign, "-policy", "nosuch"), 1, "nosuch");
        yield return new("config/extension_section_bad", Replace(Sign, "-extensions", "bad_ext"), 1, "error in extension")
            { Files = [Plant("ca.cnf", File.ReadAllText(Path.Combine(Root, "configs", "ca.cnf")) + "\n[ bad_ext ]\nkeyUsage = bogus\n")] };
        yield return new("config/req_with_binary_config", ["req", "-new", "-config", "bad.cnf", "-key", "node.key", "-out", "new.csr"], 1, "config file \"bad.cnf\"")
            { Files = [Plant("bad.cnf", Random(2048, 2))] };
    }

    private static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..");

    // Each level repeats the one before ten times: level 6 would be 10^6 times 16 bytes.
    private static string ExpansionBomb() =>
        "[ ca ]\nv0 = 0123456789abcdef\n" + string.Concat(Enumerable.Range(1, 6).Select(i => $"v{i} = {string.Concat(Enumerable.Repeat($"$v{i - 1}", 10))}\n"));

    public static IEnumerable<BadInput> Keys()
    {
        BadInput Key(string name, string message, byte[] content, params string[] extra) =>
            new($"key/{name}", With(Replace(Sign, "-keyfile", "bad.key"), extra), 1, message) { Files = [Plant("bad.key", content)] };
        var good = File.ReadAllBytes(Seed("key/rsa512.pem"));
        yield return Key("empty", "Could not read CA private key from bad.key", []);
        yield return Key("garbage", "Could not read CA private key from bad.key", Random(1200, 3));
        yield return Key("truncated_pem", "Could not read CA private key from bad.key", good[..(good.Length / 2)]);
        yield return Key("bad_base64", "Could not read CA private key from bad.key", Text("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"));
        yield return Key("truncated_der", "Could not read CA private key from bad.key", File.ReadAllBytes(Seed("key/ec.der"))[..40]);
        yield return Key("public_key_only", "Could not read CA private key from bad.key", File.ReadAllBytes(Seed("key/ec-public.pem")));
        yield return Key("oversized", "Could not read CA private key from bad.key", Encoding.ASCII.GetBytes(new string('A', 8 << 20)));
        yield return Key("scrypt_memory_bomb", "memory limit exceeded", File.ReadAllBytes(Hardening("scrypt-bomb.pem")), "-passin", "pass:test-pass");
        yield return Key("pbkdf2_iteration_bomb", "iteration count", File.ReadAllBytes(Hardening("pbkdf2-bomb.pem")), "-passin", "pass:test-pass");
        yield return new("key/does_not_match_certificate", Replace(Sign, "-keyfile", "node.key"), 1, "CA certificate and CA private key do not match");
        yield return new("key/missing", Replace(Sign, "-keyfile", "nosuch.key"), 1, "nosuch.key");
        yield return new("key/is_a_directory", Replace(Sign, "-keyfile", "certs"), 1, "Could not read CA private key from certs");
        yield return new("key/encrypted_wrong_pass", With(Replace(Sign, "-keyfile", "enc.key"), "-passin", "pass:wrong"), 1, "Could not read CA private key from enc.key");
        yield return new("key/encrypted_no_pass", Replace(Sign, "-keyfile", "enc.key"), 1, "Could not read CA private key from enc.key");
        yield return new("key/req_key_garbage", Replace(ReqNew, "-key", "bad.key"), 1, "bad.key") { Files = [Plant("bad.key", Random(500, 4))] };
        yield return new("key/x509_cakey_truncated", Replace(X509Sign, "-CAkey", "bad.key"), 1, "bad.key") { Files = [Plant("bad.key", good[..100])] };
    }

    public static IEnumerable<BadInput> Requests()
    {
        BadInput Req(string name, string message, byte[] content) =>
            new($"request/{name}", Replace(Sign, "-in", "bad.csr"), 1, message) { Files = [Plant("bad.csr", content)] };
        var csr = File.ReadAllBytes(Seed("req/node512.csr"));
        yield return Req("empty", "Unable to load certificate request", []);
        yield return Req("garbage", "Unable to load certificate request", Random(900, 5));
        yield return Req("truncated", "Unable to load certificate request", csr[..(csr.Length * 2 / 3)]);
        yield return Req("bad_signature", "Signature did not match the certificate request", TamperedSignature(csr));
        yield return Req("certificate_instead", "Unable to load certificate request", File.ReadAllBytes(Seed("cert/ecp256.pem")));
        yield return Req("der_read_as_pem", "Unable to load certificate request", File.ReadAllBytes(Seed("req/reqec.der")));
        yield return Req("oversized", "Unable to load certificate request", Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE REQUEST-----\n" + new string('A', 8 << 20) + "\n-----END CERTIFICATE REQUEST-----\n"));
        yield return new("request/missing", Replace(Sign, "-in", "nosuch.csr"), 1, "nosuch.csr");
        yield return new("request/is_a_directory", Replace(Sign, "-in", "certs"), 1, "Unable to load certificate request");
        yield return new("request/req_in_garbage", ["req", "-in", "bad.csr", "-noout", "-text"], 1, "Unable to load X509 request") { Files = [Plant("bad.csr", Random(300, 6))] };
        yield return new("request/x509_req_truncated", Replace(X509Sign, "-in", "bad.csr"), 1, "Unable to load certificate request input") { Files = [Plant("bad.csr", csr[..200])] };
    }

    private static byte[] TamperedSignature(byte[] pem)
    {
        var text = Encoding.ASCII.GetString(pem);
        var body = string.Concat(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        var der = Convert.FromBase64String(body);
        der[^5] ^= 0x40;
        return Encoding.ASCII.GetBytes($"-----BEGIN CERTIFICATE REQUEST-----\n{Convert.ToBase64String(der)}\n-----END CERTIFICATE REQUEST-----\n");
    }

    public static IEnumerable<BadInput> Certificates()
    {
        BadInput Cert(string name, byte[] content) =>
            new($"certificate/{name}", Replace(Sign, "-cert", "bad.crt"), 1, "Unable to load CA certificate") { Files = [Plant("bad.crt", content)] };
        var cert = File.ReadAllBytes(Seed("cert/ecp256.pem"));
        yield return Cert("empty", []);
        yield return Cert("garbage", Random(1000, 7));
        yield return Cert("truncated", cert[..(cert.Length / 2)]);
        yield return Cert("key_instead", File.ReadAllBytes(Seed("key/ec.pem")));
        yield return Cert("crl_instead", File.ReadAllBytes(Seed("crl/reasons.pem")));
        yield return new("certificate/missing", Replace(Sign, "-cert", "nosuch.crt"), 1, "nosuch.crt");
        yield return new("certificate/x509_in_garbage", ["x509", "-in", "bad.crt", "-noout", "-text"], 1, "Could not read certificate from bad.crt") { Files = [Plant("bad.crt", Random(700, 8))] };
        yield return new("certificate/x509_version_overflow", ["x509", "-in", Regression("crl/version-overflow-1.der"), "-noout", "-text"], 1, "Could not read certificate");
        yield return new("certificate/verify_untrusted_garbage", ["verify", "-CAfile", "ca.crt", "-untrusted", "bad.crt", "node.crt"], 1, "bad.crt") { Files = [Plant("bad.crt", Random(600, 9))] };
        yield return new("certificate/verify_cafile_garbage", ["verify", "-CAfile", "bad.crt", "node.crt"], 1, "Error loading file bad.crt") { Files = [Plant("bad.crt", Random(600, 10))] };
        yield return new("certificate/revoke_garbage", Replace(Revoke, "-revoke", "bad.crt"), 1, "bad.crt") { Files = [Plant("bad.crt", Random(600, 11))] };
        yield return new("crl/garbage", ["crl", "-in", "bad.crl", "-noout", "-text"], 1, "Could not read CRL from bad.crl") { Files = [Plant("bad.crl", Random(800, 12))] };
        yield return new("crl/version_overflow", ["crl", "-in", Regression("crl/version-overflow-2.der"), "-noout", "-text"], 1, "Could not read CRL");
        yield return new("crl/truncated", ["crl", "-in", "bad.crl", "-noout", "-text"], 1, "Could not read CRL from bad.crl")
            { Files = [Plant("bad.crl", File.ReadAllBytes(Seed("crl/reasons.der"))[..120])] };
        yield return new("crl/verify_crlfile_garbage", ["verify", "-CAfile", "ca.crt", "-CRLfile", "bad.crl", "-crl_check", "node.crt"], 1, "bad.crl") { Files = [Plant("bad.crl", Random(600, 13))] };
    }
}
