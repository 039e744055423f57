using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CnfSigner.Config;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Pkcs12;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>What `cockroach cert` takes, for <see cref="CertWorkflow"/>.</summary>
/// <param name="CertsDir">--certs-dir, relative to the CA directory (the current directory while the workflow runs).</param>
/// <param name="CaKey">--ca-key's file name inside the CA directory.</param>
public sealed record CertOptions(
    string CertsDir, string CaKey, string? ConfigsDir, DateTime Now,
    int KeySize = 2048, TimeSpan? Lifetime = null, bool Overwrite = false, bool AllowCaKeyReuse = false,
    bool Pkcs8 = false, IReadOnlyList<string>? TenantScope = null, string? Pkcs12Password = null, bool Pkcs12Legacy = false);

/// <summary>
/// `cockroach cert create-ca | create-client-ca | create-node | create-client` on the .cnf templates, index.txt and
/// the genrsa / req / ca engine, run in the CA directory (where --ca-key lives). That directory keeps the CA
/// configs, the database, each filled template (node.HOST.cnf, client.USER.cnf, so a renewal reproduces the
/// names) and a copy of every certificate issued (issued/SERIAL.pem, issued/ca.SERIAL.crt). Every step is all or
/// nothing (see <see cref="Staging"/>).
/// </summary>
public sealed partial class CertWorkflow(Func<string[], int> cnfsigner, Action<string> write, CertOptions o)
{
    /// <summary>cockroach's defaultCALifetime and defaultCertLifetime: 10 and 5 years of 366 days.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromHours(87840), CertLifetime = TimeSpan.FromHours(43920);

    public const string Issued = "issued";

    private string Certs(string name) => $"{o.CertsDir}/{name}";

    /// <summary>create-ca (kind "ca") or create-client-ca (kind "ca-client").</summary>
    public void CreateCa(string kind)
    {
        var cnf = kind + ".cnf";
        var crt = Certs(kind + ".crt");
        if (File.Exists(crt) && !o.Overwrite)
            throw Fail($"{crt} exists: pass --overwrite to put a new CA certificate in front of it (rotation; the old one stays until removed)");
        var reuse = File.Exists(o.CaKey);
        if (reuse && !o.AllowCaKeyReuse)
            throw Fail($"CA key {o.CaKey} exists, but key reuse is disabled: pass --allow-ca-key-reuse, or move it away for a new key");
        var lifetime = o.Lifetime ?? CaLifetime;
        var days = Math.Max(1, (int)Math.Ceiling(lifetime.TotalDays));
        using var step = new Staging(l => Say(l));
        var config = KeptConfig(step, cnf, cnf);
        var key = reuse ? o.CaKey : step.Deliver("ca.key", o.CaKey);
        if (!reuse) MakeKey(key);
        Run(["req", "-new", "-x509", "-config", config, "-key", key, "-out", step.Path("new.crt"), "-days", days.ToString(CultureInfo.InvariantCulture), "-batch"]);
        var fresh = File.ReadAllText(step.Path("new.crt"));
        var serial = Serial(step.Path("new.crt"));
        File.Copy(step.Path("new.crt"), step.Deliver("copy.crt", $"{Issued}/{kind}.{serial}.crt"));
        // cockroach's CreateCAPair: the new certificate first, then whatever the file held (rotation).
        File.WriteAllText(step.Deliver(kind + ".crt", crt), fresh + (File.Exists(crt) ? File.ReadAllText(crt) : ""));
        var (index, serialFile) = Database(config);
        if (!File.Exists(index)) File.WriteAllText(step.Deliver("index", index), "");
        if (!File.Exists(serialFile)) File.WriteAllText(step.Deliver("serial", serialFile), "01\n");
        if (!Directory.Exists(o.CertsDir)) CreatePrivateDirectory(o.CertsDir);
        step.Commit();
        Say($"\n{crt}: new CA certificate {serial}, valid {days} days{(File.ReadAllText(crt).Length > fresh.Length ? " (in front of the previous CA certificates)" : "")}.",
            $"Keep {o.CaKey} secret; {crt} goes to every node and client.");
    }

    /// <summary>create-node HOST...: node.crt/node.key (CN=node, SAN = the hosts), signed by ca.crt.</summary>
    public void CreateNode(IReadOnlyList<string> hosts)
    {
        RequireCa("ca.crt");
        string? kept = null;
        if (hosts.Count == 0)
        {
            if (!o.Overwrite || !File.Exists(Certs("node.crt")))
                throw Fail("create-node requires at least one host name or address, none was specified");
            kept = KeptNodeConfig(Certs("node.crt"));
        }
        foreach (var h in hosts) ValidateHost(h);
        RefuseExisting(Certs("node.crt"), Certs("node.key"));
        using var step = new Staging(l => Say(l));
        var name = kept ?? $"node.{FileSafe(hosts[0])}.cnf";
        var config = step.Deliver(name, name);
        File.WriteAllText(config, kept != null ? File.ReadAllText(kept) : NodeConfig(hosts));
        var key = step.Deliver("node.key", Certs("node.key"));
        var cert = step.Deliver("node.crt", Certs("node.crt"));
        Issue(step, config, key, "node", "ca.cnf", Certs("ca.crt"), "signing_node_req", cert);
        step.Commit();
        Say($"\n{Certs("node.crt")} and {Certs("node.key")} ready ({name} kept for renewals: create-node --overwrite).");
    }

    /// <summary>create-client USER: client.USER.crt/.key (CN=USER), signed by ca-client.crt when present, else ca.crt.</summary>
    public void CreateClient(string userName)
    {
        var user = NormalizeUser(userName);
        var split = File.Exists(Certs("ca-client.crt"));
        var (caCnf, caCrt) = split ? ("ca-client.cnf", Certs("ca-client.crt")) : ("ca.cnf", Certs("ca.crt"));
        RequireCa(Path.GetFileName(caCrt), caCnf);
        var files = new List<string> { Certs($"client.{user}.crt"), Certs($"client.{user}.key") };
        var pk8 = Certs($"client.{user}.key.pk8");
        var p12 = Certs($"client.{user}.p12");
        if (o.Pkcs8) files.Add(pk8);
        if (o.Pkcs12Password != null) files.Add(p12);
        RefuseExisting([.. files]);
        using var step = new Staging(l => Say(l));
        var name = $"client.{user}.cnf";
        var config = step.Deliver(name, name);
        File.WriteAllText(config, o.TenantScope == null && File.Exists(name) ? File.ReadAllText(name) : ClientConfig(user));
        var key = step.Deliver("client.key", Certs($"client.{user}.key"));
        var cert = step.Deliver("client.crt", Certs($"client.{user}.crt"));
        Issue(step, config, key, "client." + user, caCnf, caCrt, "signing_client_req", cert);
        if (o.Pkcs8) Run(["pkcs8", "-topk8", "-nocrypt", "-in", key, "-outform", "DER", "-out", step.Deliver("client.pk8", pk8)]);
        if (o.Pkcs12Password is { } password)
        {
            // pkcs12 -export -in client.USER.crt -inkey client.USER.key -certfile CA -name USER: the CA chain rides along.
            var staged = step.Deliver("client.p12", p12);
            Say($"$ cnfsigner pkcs12 -export -in {cert} -inkey {key} -certfile {caCrt} -name {user}{(o.Pkcs12Legacy ? " -legacy" : "")} -passout <given> -out {staged}");
            Pkcs12Export.WriteFile([cert, caCrt], key, password, staged, new Pkcs12ExportOptions { Name = user, Legacy = o.Pkcs12Legacy });
        }
        step.Commit();
        var extras = new List<string>();
        if (o.Pkcs8) extras.Add($"{pk8}, PKCS#8 DER for Java");
        if (o.Pkcs12Password != null) extras.Add($"{p12}, PKCS#12 for .NET and Windows");
        Say($"\n{files[0]} and {files[1]} ready{(extras.Count > 0 ? $" (and {string.Join("; ", extras)})" : "")}; connect with:",
            $"  cockroach sql --certs-dir={o.CertsDir} --user={user}");
    }

    /// <summary>revoke SERIAL | --user USER | --host HOST: `ca -revoke` of every valid certificate that matches.</summary>
    public void Revoke(string? serial, string? user, string? host)
    {
        var normalized = user == null ? null : NormalizeUser(user);
        var matches = IssuedCertificates.Read(o.Now).Where(c => c.Config.Length > 0 && c.Status != "revoked" && c.File.Length > 0).Where(c =>
            (serial != null && Pki.Ca.IndexFile.SameSerial(c.Serial, serial.ToUpperInvariant())) ||
            (normalized != null && c.Kind == "client" && c.Principals.Count > 0 && c.Principals[0] == normalized) ||
            (host != null && (c.Sans.Contains("DNS:" + host) || c.Sans.Contains("IP:" + host.Trim('[', ']'))))).ToList();
        if (matches.Count == 0)
            throw Fail($"no certificate in the CA's database matches {(serial != null ? "serial " + serial : normalized != null ? "user " + normalized : "host " + host)} (see `cnfsigner cockroach list`)");
        foreach (var c in matches)
        {
            var caCrt = Certs(c.Config == "ca-client.cnf" ? "ca-client.crt" : "ca.crt");
            Run(["ca", "-config", c.Config, "-keyfile", o.CaKey, "-cert", caCrt, "-revoke", c.File]);
            Say($"revoked {c.Serial} ({c.Kind} {c.Subject})");
        }
    }

    // genrsa, req with the filled template, ca with the signing section: the copy goes to issued/ (-outdir).
    private void Issue(Staging step, string config, string key, string what, string caCnf, string caCrt, string extensions, string output)
    {
        var caNotAfter = CertificateFiles.Load(caCrt, "CA certificate").NotAfter.ToUniversalTime();
        var notAfter = o.Now + (o.Lifetime ?? CertLifetime);
        if (notAfter > caNotAfter)
        {
            var left = caNotAfter - o.Now;
            if (o.Lifetime != null)
                throw Fail($"CA lifetime is {GoDuration.Format(TimeSpan.FromSeconds(Math.Floor(left.TotalSeconds)))}, shorter than the requested {GoDuration.Format(o.Lifetime.Value)}");
            Say($"note: {what} ends with its CA, on {caNotAfter:yyyy-MM-dd HH:mm:ss} UTC (the default {GoDuration.Format(CertLifetime)} would outlive it)");
            notAfter = caNotAfter;
        }
        MakeKey(key);
        var csr = step.Path("request.csr");
        Run(["req", "-new", "-config", config, "-key", key, "-out", csr, "-batch"]);
        Directory.CreateDirectory(Issued);
        // A later part of the step (the .pk8, the .p12, moving the files) may still fail: then the row, the serial
        // and the copy `ca` writes are taken back too.
        var (index, serial) = Database(caCnf);
        step.Guard(index, index + ".attr", index + ".old", index + ".attr.old", index + ".lock", serial, serial + ".old");
        step.GuardDirectory(Issued);
        // cockroach back-dates NotBefore by a day (peers whose clocks lag); the end is exact.
        Run(["ca", "-config", caCnf, "-keyfile", o.CaKey, "-cert", caCrt, "-policy", "signing_policy", "-extensions", extensions,
            "-startdate", GeneralizedTime(o.Now.AddDays(-1)), "-enddate", GeneralizedTime(notAfter),
            "-out", output, "-outdir", Issued + "/", "-in", csr, "-batch"]);
    }

    private string NodeConfig(IReadOnlyList<string> hosts)
    {
        var text = Templates.Read("node.cnf", o.ConfigsDir);
        text = Templates.Set(text, DnSection(text, "node.cnf"), "commonName", "node");
        var san = string.Join(",", hosts.Select(h => (IPAddress.TryParse(h.Trim('[', ']'), out _) ? "IP:" : "DNS:") + h.Trim('[', ']')));
        return Templates.Set(text, ReqExtensionsSection(text, "node.cnf") ?? "extensions", "subjectAltName", san);
    }

    private string ClientConfig(string user)
    {
        var text = Templates.Read("client.cnf", o.ConfigsDir);
        text = Templates.Set(text, DnSection(text, "client.cnf"), "commonName", user);
        if (o.TenantScope is not { Count: > 0 } tenants) return text;
        var section = ReqExtensionsSection(text, "client.cnf") ?? "extensions";
        text = Templates.Set(text, "req", "req_extensions", section);
        return Templates.Set(text, section, "subjectAltName", string.Join(",", tenants.Select(t => $"URI:crdb://tenant/{t}/user/{user}")));
    }

    private string DnSection(string text, string name) => Doc(text, name).GetString("req", "distinguished_name") ?? "distinguished_name";

    private string? ReqExtensionsSection(string text, string name) => Doc(text, name).GetString("req", "req_extensions");

    private string TemplateName(string name) => o.ConfigsDir == null ? $"<built-in {name}>" : Path.Combine(o.ConfigsDir, name);

    private CnfDocument Doc(string text, string name) => CnfLoader.Parse(text, TemplateName(name));

    // The kept node.HOST.cnf of the node whose node.crt is in the certs directory (its first SAN names it).
    private string KeptNodeConfig(string nodeCrt)
    {
        var cert = new Checker.GoCertificateView(CertificateFiles.Load(nodeCrt, "certificate"));
        var first = cert.DnsNames.Concat(cert.IpAddresses.Select(a => a.ToString())).FirstOrDefault()
                    ?? throw Fail($"{nodeCrt} has no host names: give them (create-node HOST... --overwrite)");
        var name = $"node.{FileSafe(first)}.cnf";
        return File.Exists(name) ? name : throw Fail($"{name} not found beside the CA key: give the host names (create-node HOST... --overwrite)");
    }

    // The CA's config beside its key, written from the template on first use.
    private string KeptConfig(Staging step, string name, string template)
    {
        if (File.Exists(name)) return name;
        var path = step.Deliver(name, name);
        File.WriteAllText(path, Templates.Read(template, o.ConfigsDir));
        Say($"$ cp {(o.ConfigsDir == null ? "<built-in>" : o.ConfigsDir)}/{template} {name}");
        return path;
    }

    private static (string Index, string Serial) Database(string cnf)
    {
        var doc = CnfLoader.Load(cnf);
        var section = doc.GetString("ca", "default_ca") ?? "CA_default";
        return (doc.GetString(section, "database") ?? "index.txt", doc.GetString(section, "serial") ?? "serial.txt");
    }

    private void RequireCa(string caCrt, string caCnf = "ca.cnf")
    {
        if (!File.Exists(Certs(caCrt))) throw Fail($"{Certs(caCrt)} not found: run `cnfsigner cockroach create-ca` first");
        if (!File.Exists(o.CaKey)) throw Fail($"CA key {o.CaKey} not found");
        if (!File.Exists(caCnf)) throw Fail($"{caCnf} not found beside the CA key: run `cnfsigner cockroach create-ca` there first");
    }

    private void RefuseExisting(params string[] files)
    {
        if (o.Overwrite) return;
        foreach (var f in files)
            if (File.Exists(f)) throw Fail($"{f} exists: pass --overwrite to renew it");
    }

    private void MakeKey(string path) => Run(["genrsa", "-out", path, o.KeySize.ToString(CultureInfo.InvariantCulture)]);

    private void Run(string[] args)
    {
        Say("$ cnfsigner " + string.Join(" ", args));
        if (cnfsigner(args) is var code and not 0)
            throw new CnfSignerException($"cockroach: stopped: cnfsigner {args[0]} failed; nothing was kept, fix the cause and run again", code);
    }

    internal static string Serial(string crt) => IssuedCertificates.Hex(CertificateFiles.Load(crt, "certificate"));

    private static string GeneralizedTime(DateTime t) => t.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^[\p{Ll}0-9_][\p{Ll}0-9_.\-]*$")]
    private static partial Regex SqlUser();

    internal static void ValidateHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _) || DnsName().IsMatch(host)) return;
        throw Fail($"\"{host}\" is not a host name or IP address");
    }

    /// <summary>cockroach's username normalization (lower case) and validation.</summary>
    public static string NormalizeUser(string user)
    {
        var n = user.ToLowerInvariant();
        if (n.Length is 0 or > 63 || !SqlUser().IsMatch(n))
            throw Fail($"username \"{user}\" invalid; usernames are case insensitive, must start with a letter, digit or underscore, " +
                       "may contain letters, digits, dashes, periods, or underscores, and must not exceed 63 characters");
        return n;
    }

    private static string FileSafe(string host) => host.Trim('[', ']').Replace(':', '_').Replace('*', '_');

    /// <summary>A directory created 0700, as cockroach creates its certs directory (nothing when it exists).</summary>
    public static void CreatePrivateDirectory(string dir)
    {
        if (Directory.Exists(dir)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    internal static CnfSignerException Fail(string message) => new($"cockroach: {message}");

    private void Say(params string[] lines)
    {
        foreach (var line in lines) write(line + "\n");
    }
}
