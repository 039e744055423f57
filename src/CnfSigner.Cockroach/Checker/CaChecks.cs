namespace CnfSigner.Cockroach.Checker;

/// <summary>CA files: every certificate in them becomes a trusted root (AppendCertsFromPEM); Go judges each as a parent.</summary>
internal static class CaChecks
{
    public static void Check(CertsDirFile file, DateTime now, int? warnDays, List<Finding> findings)
    {
        var name = file.Name.FileName;
        foreach (var (ca, index) in file.Certs.Select((c, i) => (c, i)))
        {
            var which = file.Certs.Count > 1 ? $"certificate {index} (\"{ca.CommonName}\"): " : "";
            if (ca.CannotSignBecause() is { } why)
                findings.Add(new(Severity.Error, name,
                    $"{which}not a CA to Go: {why}, so every certificate it signed fails with \"x509: certificate signed by unknown authority " +
                    "(possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" ...)\"",
                    "re-create the CA with basicConstraints = critical,CA:true and keyUsage including keyCertSign (configs/ca.cnf [ extensions ])"));
            if (ca.Eku != null)
                findings.Add(new(Severity.Warning, name, $"{which}the CA lists extendedKeyUsage ({Usages(ca.Eku)}): Go applies it to every certificate below it",
                    "remove extendedKeyUsage from the CA certificate"));
            if (ca.UnhandledCritical.Count > 0)
                findings.Add(new(Severity.Error, name, $"{which}x509: unhandled critical extension ({string.Join(", ", ca.UnhandledCritical)})",
                    "re-create the CA without that critical extension"));
            var renew = file.Name.Usage == CertUsage.ClientCA
                ? "renew: cnfsigner cockroach create-client-ca --overwrite --allow-ca-key-reuse --certs-dir DIR --ca-key KEY (the new certificate goes in front)"
                : "renew: cnfsigner cockroach create-ca --overwrite --allow-ca-key-reuse --certs-dir DIR --ca-key KEY (the new certificate goes in front)";
            Validity.Check(name, which, ca, now, findings, "re-create the CA and re-issue every certificate it signed",
                warnDays ?? Validity.WarnDays(file.Name.Usage, null), renew);
            if (ca.InsecureSignature is { } alg)
                findings.Add(new(Severity.Note, name, $"{which}self-signed with {alg}: Go does not check a root's own signature, other TLS stacks may refuse it",
                    "re-create the CA with default_md = sha256"));
        }
    }

    public static string Usages(IEnumerable<string> oids) => string.Join(", ", oids.Select(o => o switch
    {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        _ => o,
    }));
}

/// <summary>Dates: Go refuses expired and not-yet-valid certificates anywhere in a chain (verify.go isValid()).</summary>
internal static class Validity
{
    /// <summary>
    /// Days before expiry that CockroachDB's shipped alert rules (monitoring/rules/alerts.rules.yml) fire at:
    /// CA certificates 366, node and client.node 183, ui 20. User client certificates have no rule there: 30.
    /// </summary>
    public static int WarnDays(CertUsage usage, string? clientName) => usage switch
    {
        CertUsage.CA or CertUsage.ClientCA or CertUsage.UICA or CertUsage.TenantClientCA => 366,
        CertUsage.Node => 183,
        CertUsage.Client when clientName == "node" => 183,
        CertUsage.UI => 20,
        _ => 30,
    };

    public static void Check(string file, string which, GoCertificateView cert, DateTime now, List<Finding> findings, string fix,
        int warnDays, string renew)
    {
        var soon = TimeSpan.FromDays(warnDays);
        var notAfter = cert.Cert.NotAfter.ToUniversalTime();
        var notBefore = cert.Cert.NotBefore.ToUniversalTime();
        if (now > notAfter)
            findings.Add(new(Severity.Error, file,
                $"{which}x509: certificate has expired or is not yet valid: current time {Go(now)} is after {Go(notAfter)}", renew));
        else if (now < notBefore)
            findings.Add(new(Severity.Error, file,
                $"{which}x509: certificate has expired or is not yet valid: current time {Go(now)} is before {Go(notBefore)}",
                "check the clocks; openssl and cnfsigner start certificates \"now\" (cockroach back-dates them 24h)"));
        else if (notAfter - now < soon)
            findings.Add(new(Severity.Warning, file,
                $"{which}expires on {Go(notAfter)}, in {(int)(notAfter - now).TotalDays} days (CockroachDB alerts under {warnDays})", renew));
    }

    private static string Go(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
