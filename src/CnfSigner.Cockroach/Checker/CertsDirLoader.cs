using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Io;

namespace CnfSigner.Cockroach.Checker;

public enum LoadProblem
{
    None,
    Unreadable,
    Pem,
    Parse,
    KeyMissing,
    KeyNotRegular,
    KeyPermissions,
}

/// <summary>One certificate file as the loader leaves it: the parsed certificates, the key bytes, CertInfo.Error.</summary>
public sealed record CertsDirFile(CertFileName Name, IReadOnlyList<GoCertificateView> Certs, byte[]? KeyBytes, LoadProblem Problem, string? Error,
    UnixFileStatus? KeyStatus)
{
    public GoCertificateView? Leaf => Certs.Count > 0 ? Certs[0] : null;
}

/// <summary>What the loader saw in the directory, including the files it skipped and why.</summary>
public sealed record CertsDirScan(string Directory, IReadOnlyList<CertsDirFile> Files, IReadOnlyList<(string File, string Reason)> BadNames,
    IReadOnlyList<string> OtherFiles);

/// <summary>
/// pkg/security/certificate_loader.go Load(): every top-level non-directory entry whose name ends in ".crt", in
/// name order (ioutil.ReadDir sorts); the usage comes from the name, the key from findKey(). Key contents are
/// only read here: tls.X509KeyPair judges them later (<see cref="CertsDirChecker"/>).
/// </summary>
public static class CertsDirLoader
{
    public static CertsDirScan Load(string dir, bool skipPermissions, uint? processGid)
    {
        if (!Directory.Exists(dir)) throw new CnfSignerException($"certs directory {dir} does not exist");
        var files = new List<CertsDirFile>();
        var badNames = new List<(string, string)>();
        var others = new List<string>();
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is DirectoryInfo && entry.LinkTarget == null) continue; // "skipping sub-directory"
            if (!CertFileNames.IsCertificateFile(entry.Name))
            {
                others.Add(entry.Name);
                continue;
            }
            var (name, error) = CertFileNames.Classify(entry.Name);
            if (name == null) badNames.Add((entry.Name, $"bad filename {Path.Combine(dir, entry.Name)}: {error}"));
            else files.Add(LoadOne(dir, name, skipPermissions, processGid));
        }
        return new CertsDirScan(dir, files, badNames, others);
    }

    private static CertsDirFile LoadOne(string dir, CertFileName name, bool skipPermissions, uint? processGid)
    {
        byte[] contents;
        try
        {
            contents = File.ReadAllBytes(Path.Combine(dir, name.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(name, LoadProblem.Unreadable, $"could not read certificate file {Path.Combine(dir, name.FileName)}: {e.Message}");
        }
        var (certs, problem, error) = ParseCertificates(name.FileName, contents);
        if (problem != LoadProblem.None) return Failed(name, problem, error);
        if (name.IsCa) return new CertsDirFile(name, certs, null, LoadProblem.None, null, null);
        return FindKey(dir, name, certs, skipPermissions, processGid);
    }

    // findKey(): os.Stat follows symlinks; only regular files; the permission rule unless skipped.
    private static CertsDirFile FindKey(string dir, CertFileName name, IReadOnlyList<GoCertificateView> certs, bool skipPermissions, uint? processGid)
    {
        var keyPath = Path.Combine(dir, name.KeyFileName);
        var status = UnixFiles.Stat(keyPath);
        if (status == null && !File.Exists(keyPath) && !Directory.Exists(keyPath))
            return new CertsDirFile(name, certs, null, LoadProblem.KeyMissing,
                $"could not stat key file {keyPath}: stat {keyPath}: no such file or directory", null);
        if (Directory.Exists(keyPath) || status is { IsRegular: false })
            return new CertsDirFile(name, certs, null, LoadProblem.KeyNotRegular, $"key file {keyPath} is not a regular file", status);
        if (!skipPermissions && status is { } s && KeyPermissions.Violation(keyPath, s, processGid) is { } violation)
            return new CertsDirFile(name, certs, null, LoadProblem.KeyPermissions, violation, status);
        try
        {
            return new CertsDirFile(name, certs, File.ReadAllBytes(keyPath), LoadProblem.None, null, status);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CertsDirFile(name, certs, null, LoadProblem.Unreadable, $"could not read key file {keyPath}: {e.Message}", status);
        }
    }

    /// <summary>
    /// parseCertificate() with pem.go PEMToCertificates(): every PEM block must be a CERTIFICATE, each must pass
    /// x509.ParseCertificate (the Go parser checks added here: duplicate extensions, negative serials).
    /// </summary>
    public static (IReadOnlyList<GoCertificateView> Certs, LoadProblem Problem, string? Error) ParseCertificates(string fileName, byte[] contents)
    {
        if (contents.Length == 0) return ([], LoadProblem.Pem, $"empty certificate file: {fileName}");
        var blocks = PemBlock.ReadAll(contents).ToList();
        var certs = new List<GoCertificateView>();
        foreach (var block in blocks)
        {
            if (block.Label != "CERTIFICATE")
                return ([], LoadProblem.Pem,
                    $"failed to parse certificate file {fileName} as PEM: block #{certs.Count} is of type {block.Label}, not CERTIFICATE");
            var parsed = CertificateFiles.Parse(block.Contents).Certificates;
            var reason = parsed.Count == 0 ? "x509: malformed certificate" : GoParserRejects(new GoCertificateView(parsed[0]));
            if (reason != null) return ([], LoadProblem.Parse, $"failed to parse certificate {certs.Count} in file {fileName}: {reason}");
            certs.Add(new GoCertificateView(parsed[0]));
        }
        return certs.Count == 0
            ? ([], LoadProblem.Pem, $"no certificates found in {fileName}")
            : (certs, LoadProblem.None, null);
    }

    // go crypto/x509/parser.go: duplicate extensions always; negative serials from Go 1.23.
    private static string? GoParserRejects(GoCertificateView cert)
    {
        if (cert.DuplicateExtension is { } oid) return $"x509: certificate contains duplicate extension with OID \"{oid}\"";
        if (cert.Cert.SerialNumber.SignValue < 0) return "x509: negative serial number";
        return null;
    }

    private static CertsDirFile Failed(CertFileName name, LoadProblem problem, string? error) => new(name, [], null, problem, error, null);
}
