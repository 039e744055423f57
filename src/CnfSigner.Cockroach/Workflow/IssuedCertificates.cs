using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CnfSigner.Config;
using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>One certificate the CA issued, as `cockroach list` shows it.</summary>
public sealed record IssuedCertificate(
    string Serial, string Kind, string Subject, IReadOnlyList<string> Sans, IReadOnlyList<string> Principals,
    DateTime NotAfter, string Status, string Config, string File);

/// <summary>
/// What the CA directory knows it issued: the rows of each CA's index.txt (ca.cnf, ca-client.cnf) with the copy
/// `ca -outdir` kept in issued/, and the CA certificates themselves (issued/ca.SERIAL.crt).
/// </summary>
public static class IssuedCertificates
{
    private static readonly string[] Configs = ["ca.cnf", "ca-client.cnf"];

    /// <summary>Everything issued, from the CA directory (the current directory), CAs first, then by serial.</summary>
    public static List<IssuedCertificate> Read(DateTime now)
    {
        var list = new List<IssuedCertificate>();
        if (Directory.Exists(CertWorkflow.Issued))
        {
            foreach (var file in Directory.GetFiles(CertWorkflow.Issued, "*.crt").Order(StringComparer.Ordinal))
            {
                var cert = CertificateFiles.Load(file, "certificate");
                var kind = Path.GetFileName(file).StartsWith("ca-client.", StringComparison.Ordinal) ? "client-ca" : "ca";
                list.Add(Describe(cert, Hex(cert), kind, cert.NotAfter < now ? "expired" : "valid", "", file));
            }
        }
        foreach (var cnf in Configs.Where(File.Exists))
        {
            var doc = CnfLoader.Load(cnf);
            var section = doc.GetString("ca", "default_ca") ?? "CA_default";
            var index = doc.GetString(section, "database") ?? "index.txt";
            if (!File.Exists(index)) continue;
            foreach (var row in IndexFile.Parse(File.ReadAllBytes(index), index))
            {
                var file = $"{CertWorkflow.Issued}/{row.Serial}.pem";
                var status = row.Status switch { IndexEntry.Revoked => "revoked", IndexEntry.Expired => "expired", _ => "valid" };
                if (!File.Exists(file))
                {
                    list.Add(new IssuedCertificate(row.Serial, "unknown", row.Subject, [], [], DateTime.MinValue, status, cnf, ""));
                    continue;
                }
                var cert = CertificateFiles.Load(file, "certificate");
                if (status == "valid" && cert.NotAfter.ToUniversalTime() < now) status = "expired";
                list.Add(Describe(cert, row.Serial, Kind(cert), status, cnf, file));
            }
        }
        return list;
    }

    /// <summary>The serial as index.txt and -outdir name it: upper-case hex, even length.</summary>
    internal static string Hex(X509Certificate cert)
    {
        var s = cert.SerialNumber.ToString(16).ToUpperInvariant();
        return s.Length % 2 == 1 ? "0" + s : s;
    }

    private static string Kind(X509Certificate cert)
    {
        var view = new Checker.GoCertificateView(cert);
        if (view.IsCa) return "ca";
        var server = view.Eku?.Contains(Checker.GoCertificateView.ServerAuth.Id) ?? true;
        var client = view.Eku?.Contains(Checker.GoCertificateView.ClientAuth.Id) ?? true;
        return (server, client) switch
        {
            (true, true) => "node",
            (true, false) => "server",
            _ => view.CommonName == "node" ? "node-client" : "client",
        };
    }

    private static IssuedCertificate Describe(X509Certificate cert, string serial, string kind, string status, string cnf, string file)
    {
        var view = new Checker.GoCertificateView(cert);
        var sans = new List<string>();
        var ext = cert.CertificateStructure.TbsCertificate.Extensions?.GetExtension(X509Extensions.SubjectAlternativeName);
        if (ext != null)
        {
            foreach (var name in GeneralNames.GetInstance(ext.GetParsedValue()).GetNames())
            {
                sans.Add(name.TagNo switch
                {
                    GeneralName.DnsName => "DNS:" + DerIA5String.GetInstance(name.Name).GetString(),
                    GeneralName.UniformResourceIdentifier => "URI:" + DerIA5String.GetInstance(name.Name).GetString(),
                    GeneralName.Rfc822Name => "email:" + DerIA5String.GetInstance(name.Name).GetString(),
                    GeneralName.IPAddress => "IP:" + new IPAddress(Asn1OctetString.GetInstance(name.Name).GetOctets()),
                    _ => "other",
                });
            }
        }
        // auth.go getCertificatePrincipals(): the CN and every DNS SAN; URI SANs are tenant scopes.
        var principals = kind is "ca" or "client-ca" ? [] : new List<string> { view.CommonName }.Concat(view.DnsNames).Distinct().ToList();
        return new IssuedCertificate(serial, kind, CnfSigner.Pki.Names.NamePrinter.Oneline((Asn1Sequence)cert.CertificateStructure.TbsCertificate.Subject.ToAsn1Object()), sans, principals, cert.NotAfter.ToUniversalTime(), status, cnf, file);
    }

    /// <summary>A table: Serial | Kind | Subject | SANs | Principals | Expires | Status.</summary>
    public static string Text(IReadOnlyList<IssuedCertificate> list)
    {
        string[] headers = ["Serial", "Kind", "Subject", "SANs", "Principals", "Expires", "Status"];
        var cells = list.Select(c => new[]
        {
            c.Serial, c.Kind, c.Subject, string.Join(",", c.Sans), string.Join(",", c.Principals),
            c.NotAfter == DateTime.MinValue ? "" : c.NotAfter.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), c.Status,
        }).ToList();
        var widths = headers.Select((h, i) => cells.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] v) => text.Append(("  " + string.Join(" | ", v.Select((x, i) => x.PadRight(widths[i])))).TrimEnd()).Append('\n');
        Line(headers);
        text.Append("--").Append(string.Join("-+-", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var r in cells) Line(r);
        text.Append('(').Append(list.Count).Append(list.Count == 1 ? " row)\n" : " rows)\n");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<IssuedCertificate> list)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var c in list)
            {
                w.WriteStartObject();
                w.WriteString("serial", c.Serial);
                w.WriteString("kind", c.Kind);
                w.WriteString("subject", c.Subject);
                w.WriteStartArray("sans");
                foreach (var s in c.Sans) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteStartArray("principals");
                foreach (var p in c.Principals) w.WriteStringValue(p);
                w.WriteEndArray();
                if (c.NotAfter == DateTime.MinValue) w.WriteNull("notAfter");
                else w.WriteString("notAfter", c.NotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteString("status", c.Status);
                w.WriteString("file", c.File);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
