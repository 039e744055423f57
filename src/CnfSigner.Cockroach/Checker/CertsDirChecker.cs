using CnfSigner.Pki.Certificates;

namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// Reads a certs directory as CockroachDB's loader does and predicts what CockroachDB and Go's TLS stack will do
/// with it: which files are used for what, which are skipped or refused, and which handshakes will fail.
/// </summary>
public static class CertsDirChecker
{
    public static CheckReport Check(string dir, CheckOptions options)
    {
        var findings = new List<Finding>();
        var (skip, envError) = KeyPermissions.ParseSkip(options.SkipPermissionValue);
        if (envError != null)
            findings.Add(new(Severity.Error, KeyPermissions.SkipVariable, $"cockroach panics at start: {envError}",
                "set it to true or false (strconv.ParseBool: 1, t, true, 0, f, false ...), or unset it"));
        if (skip)
            findings.Add(new(Severity.Note, KeyPermissions.SkipVariable, "key permission checks are off",
                "unset it once the keys are 0600 or 0400"));

        var scan = CertsDirLoader.Load(dir, skip || OperatingSystem.IsWindows(), options.ProcessGid);
        CheckNames(scan, findings);
        foreach (var file in scan.Files) LoadFindings(file, findings);
        var pools = Pools.From(scan, options, findings);
        CheckRequiredFiles(scan, pools, findings);
        foreach (var file in scan.Files.Where(f => f.Name.IsCa)) CaChecks.Check(file, options.Now, options.WarnDays, findings);
        foreach (var file in scan.Files.Where(f => !f.Name.IsCa && f.Leaf != null)) LeafChecks.Check(file, scan, pools, options, findings);
        // One problem seen from two roles (the node as server and as client) is reported once.
        return new CheckReport(dir, Rows.From(scan), findings.Distinct().OrderBy(f => f.Severity).ToList());
    }

    private static void CheckNames(CertsDirScan scan, List<Finding> findings)
    {
        foreach (var (file, reason) in scan.BadNames)
            findings.Add(new(Severity.Warning, file, $"skipped by CockroachDB: {reason}",
                "rename it to what it is: ca.crt, ca-client.crt, node.crt, client.<user>.crt, client.node.crt or ui.crt " +
                "(cert-manager's tls.crt/tls.key hold the node pair)"));
        foreach (var file in scan.Files.Where(f => f.Name.Usage is CertUsage.TenantClient or CertUsage.TenantSigning))
            if (!ulong.TryParse(file.Name.Name, System.Globalization.NumberStyles.None, null, out _))
                findings.Add(new(Severity.Error, file.Name.FileName, $"invalid tenant id {file.Name.Name}: loading the certificates fails",
                    "name tenant files with a numeric tenant id"));
        var crts = scan.Files.Select(f => f.Name.FileName).Concat(scan.BadNames.Select(b => b.File)).ToHashSet();
        foreach (var other in scan.OtherFiles)
        {
            if (other is "ca.key" or "ca-client.key" or "ca-ui.key" or "ca-client-tenant.key")
                findings.Add(new(Severity.Warning, other, "a CA private key in a certs directory: anyone who can read it can mint certificates",
                    "keep CA keys in my-safe-directory, never on nodes or clients"));
            else if (other.EndsWith(".key", StringComparison.Ordinal) && !crts.Contains(other[..^4] + ".crt"))
                findings.Add(new(Severity.Note, other, $"ignored: CockroachDB reads a key only as the partner of {other[..^4]}.crt", ""));
            else if (other.EndsWith(".pem", StringComparison.Ordinal))
                findings.Add(new(Severity.Note, other, "ignored by CockroachDB (the copy `ca -outdir` writes)", "remove it, as the guide does"));
        }
    }

    private static void LoadFindings(CertsDirFile file, List<Finding> findings)
    {
        if (file.Error == null) return;
        var fix = file.Problem switch
        {
            LoadProblem.KeyMissing => $"put the key next to the certificate as {file.Name.KeyFileName}",
            LoadProblem.KeyNotRegular => $"make {file.Name.KeyFileName} a regular file (or a symlink to one)",
            LoadProblem.KeyPermissions => $"chmod 400 {file.Name.KeyFileName} (or 0600; 0640 only for root:<cockroach's group>)",
            LoadProblem.Pem => "the file must hold only PEM CERTIFICATE blocks (text outside the blocks is fine)",
            LoadProblem.Parse => "re-issue the certificate",
            _ => "make the file readable by the user cockroach runs as",
        };
        findings.Add(new(Severity.Error, file.Name.FileName, file.Error, fix));
    }

    private static void CheckRequiredFiles(CertsDirScan scan, Pools pools, List<Finding> findings)
    {
        var hasNode = scan.Files.Any(f => f.Name.Usage == CertUsage.Node);
        var hasClient = scan.Files.Any(f => f.Name.Usage == CertUsage.Client);
        if (scan.Files.Count == 0)
            findings.Add(new(Severity.Error, ".", "no certificates CockroachDB can use",
                "a node needs ca.crt, node.crt and node.key; a client needs ca.crt, client.<user>.crt and client.<user>.key"));
        else if (pools.Server.Count == 0 && (hasNode || hasClient))
            findings.Add(new(Severity.Error, "ca.crt", hasNode
                    ? "problem with CA certificate: no ca.crt, so nothing can verify this node and the node cannot start"
                    : "no CA certificate found, cannot authenticate remote server",
                "copy ca.crt (the CA that signed node.crt) into the directory"));
    }

    private static class Rows
    {
        public static IReadOnlyList<ReportRow> From(CertsDirScan scan) =>
            scan.Files.OrderBy(f => f.Name.Usage).ThenBy(f => f.Name.FileName, StringComparer.Ordinal).Select(Row).ToList();

        // pkg/cli/cert.go runListCerts()
        private static ReportRow Row(CertsDirFile f)
        {
            var leaf = f.Leaf;
            var notes = leaf == null ? "" : f.Name.Usage switch
            {
                _ when f.Name.IsCa => $"num certs: {f.Certs.Count}",
                CertUsage.Node or CertUsage.UI => $"addresses: {leaf.Addresses}",
                CertUsage.Client => $"user: {leaf.CommonName}",
                _ => "",
            };
            var key = f.Name.IsCa || f.KeyBytes == null ? "" : f.Name.KeyFileName;
            return new ReportRow(CertFileNames.Label(f.Name.Usage), f.Name.FileName, key,
                leaf?.Cert.NotAfter.ToUniversalTime().ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                notes, f.Error ?? "");
        }
    }
}

/// <summary>
/// Which CA files verify what (certificate_manager.go): ca.crt verifies nodes; ca-client.crt, when the file exists,
/// replaces ca.crt for client certificates (plus ca-client-tenant.crt); ca-ui.crt, else ca.crt, for ui.crt.
/// </summary>
internal sealed record Pools(IReadOnlyList<GoCertificateView> Server, IReadOnlyList<GoCertificateView> Client, string ClientName,
    IReadOnlyList<GoCertificateView> Ui, string UiName, bool SplitCa)
{
    public static Pools From(CertsDirScan scan, CheckOptions options, List<Finding> findings)
    {
        IReadOnlyList<GoCertificateView> Certs(CertUsage u) => scan.Files.FirstOrDefault(f => f.Name.Usage == u)?.Certs ?? [];
        bool Has(CertUsage u) => scan.Files.Any(f => f.Name.Usage == u);
        var server = Certs(CertUsage.CA);
        var (client, clientName) = Has(CertUsage.ClientCA) ? (Certs(CertUsage.ClientCA), "ca-client.crt") : (server, "ca.crt");
        if (!Has(CertUsage.ClientCA) && options.ClientCaFile is { } path)
            (client, clientName) = (LoadExternal(path, findings), Path.GetFileName(path));
        client = [.. client, .. Certs(CertUsage.TenantClientCA)];
        var (ui, uiName) = Has(CertUsage.UICA) ? (Certs(CertUsage.UICA), "ca-ui.crt") : (server, "ca.crt");
        return new Pools(server, client, clientName, ui, uiName, Has(CertUsage.ClientCA));
    }

    private static IReadOnlyList<GoCertificateView> LoadExternal(string path, List<Finding> findings)
    {
        try
        {
            return CertificateFiles.Parse(File.ReadAllBytes(path)).Certificates.Select(c => new GoCertificateView(c)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new(Severity.Error, path, $"cannot read the client CA: {e.Message}", "give the nodes' ca-client.crt"));
            return [];
        }
    }
}
