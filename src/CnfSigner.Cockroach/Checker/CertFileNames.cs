namespace CnfSigner.Cockroach.Checker;

/// <summary>What CockroachDB uses a certs-dir file for (pkg/security/certificate_loader.go PemUsage).</summary>
public enum CertUsage
{
    CA,
    ClientCA,
    TenantClientCA,
    UICA,
    Node,
    UI,
    Client,
    TenantClient,
    TenantSigning,
}

/// <summary>A certs-dir file name the loader accepts: its usage and the name in the middle (user or tenant id).</summary>
public sealed record CertFileName(string FileName, CertUsage Usage, string Name)
{
    public bool IsCa => CertFileNames.IsCa(Usage);

    /// <summary>certnames.KeyForCert(): the certificate's basename plus ".key".</summary>
    public string KeyFileName => FileName[..^CertFileNames.CertExtension.Length] + ".key";
}

/// <summary>
/// pkg/security/certificate_loader.go CertInfoFromFilename(): the name is split on '.', parts[0] decides the
/// usage, CA/node/UI names must have exactly two parts, client names carry the user in the middle parts.
/// </summary>
public static class CertFileNames
{
    public const string CertExtension = ".crt";

    private sealed record Rule(CertUsage Usage, bool TwoParts, string NameError);

    // The loader's switch on parts[0], newest version (tenant-signing added); messages are the loader's.
    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["ca"] = new(CertUsage.CA, true, "CA certificate filename should match ca.crt"),
        ["ca-client"] = new(CertUsage.ClientCA, true, "client CA certificate filename should match ca-client.crt"),
        ["ca-client-tenant"] = new(CertUsage.TenantClientCA, true, "tenant CA certificate filename should match ca.crt"),
        ["ca-ui"] = new(CertUsage.UICA, true, "UI CA certificate filename should match ca-ui.crt"),
        ["node"] = new(CertUsage.Node, true, "node certificate filename should match node.crt"),
        ["ui"] = new(CertUsage.UI, true, "UI certificate filename should match ui.crt"),
        ["client"] = new(CertUsage.Client, false, "client certificate filename should match client.<user>.crt"),
        ["client-tenant"] = new(CertUsage.TenantClient, false, "tenant certificate filename should match client-tenant.<tenantid>.crt"),
        ["tenant-signing"] = new(CertUsage.TenantSigning, false, "tenant signing certificate filename should match tenant-signing.<tenantid>.crt"),
    };

    /// <summary>isCertificateFile(): only names ending in ".crt" are looked at; everything else is skipped silently.</summary>
    public static bool IsCertificateFile(string fileName) => fileName.EndsWith(CertExtension, StringComparison.Ordinal);

    /// <summary>The file's usage, or the loader's reason for skipping it ("unknown prefix \"tls\"").</summary>
    public static (CertFileName? Name, string? Error) Classify(string fileName)
    {
        var parts = fileName.Split('.');
        if (parts.Length < 2) return (null, "not enough parts found");
        if (!Rules.TryGetValue(parts[0], out var rule)) return (null, $"unknown prefix \"{parts[0]}\"");
        if (rule.TwoParts)
            return parts.Length == 2 ? (new CertFileName(fileName, rule.Usage, ""), null) : (null, rule.NameError);
        var name = string.Join('.', parts[1..^1]);
        return name.Length == 0 ? (null, rule.NameError) : (new CertFileName(fileName, rule.Usage, name), null);
    }

    public static bool IsCa(CertUsage usage) =>
        usage is CertUsage.CA or CertUsage.ClientCA or CertUsage.TenantClientCA or CertUsage.UICA;

    /// <summary>PemUsage.String(): the Usage column of `cockroach cert list`.</summary>
    public static string Label(CertUsage usage) => usage switch
    {
        CertUsage.CA => "CA",
        CertUsage.ClientCA => "Client CA",
        CertUsage.TenantClientCA => "Tenant Client CA",
        CertUsage.UICA => "UI CA",
        CertUsage.Node => "Node",
        CertUsage.UI => "UI",
        CertUsage.Client => "Client",
        CertUsage.TenantClient => "Tenant Client",
        _ => "Tenant Signing",
    };
}
