namespace CnfSigner.Cockroach.Workflow;

/// <summary>
/// The guide's directories ("Create Security Certificates using Openssl") and its command lines, as the argument
/// arrays `cnfsigner` (and `openssl`) takes: the first element is the command.
/// </summary>
public static class GuideCommands
{
    public const string Nodes = "node-certs", Clients = "client-certs", Safe = "my-safe-directory";

    /// <summary>Steps 1.4, 2.3, 3.3: a 2048-bit RSA key (chmod 400 follows).</summary>
    public static string[] NewKey(string path) => ["genrsa", "-out", path, "2048"];

    /// <summary>Step 1.5: the self-signed CA certificate.</summary>
    public static string[] SelfSign(string cnf, string key, string output) =>
        ["req", "-new", "-x509", "-config", cnf, "-key", key, "-out", output, "-days", "365", "-batch"];

    /// <summary>Steps 2.4, 3.4: the certificate signing request.</summary>
    public static string[] NewRequest(string cnf, string key, string csr) => ["req", "-new", "-config", cnf, "-key", key, "-out", csr, "-batch"];

    /// <summary>Steps 2.8, 3.6: the CA signs the request with the extensions of <paramref name="extensions"/>.</summary>
    public static string[] Sign(string cnf, string key, string cert, string extensions, string output, string outdir, string csr) =>
        ["ca", "-config", cnf, "-keyfile", key, "-cert", cert, "-policy", "signing_policy", "-extensions", extensions,
            "-out", output, "-outdir", outdir + "/", "-in", csr, "-batch"];
}
