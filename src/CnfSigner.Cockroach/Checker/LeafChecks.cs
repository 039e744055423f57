using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Cockroach.Checker;

/// <summary>
/// Node, client and UI certificates in the roles CockroachDB gives them (tls.go): node.crt as the server, and as
/// the node's client when there is no client.node.crt; client certificates verified by the nodes' client CA;
/// ui.crt served to browsers.
/// </summary>
internal static class LeafChecks
{
    private const string NodeUser = "node";

    public static void Check(CertsDirFile file, CertsDirScan scan, Pools pools, CheckOptions options, List<Finding> findings)
    {
        var leaf = file.Leaf!;
        var name = file.Name.FileName;
        var fix = Reissue(file.Name);
        KeyPair.Check(file, findings);
        Validity.Check(name, "", leaf, options.Now, findings, fix, options.WarnDays ?? Validity.WarnDays(file.Name.Usage, file.Name.Name), Renew(file.Name));
        if (leaf.InsecureSignature is { } alg)
            findings.Add(new(Severity.Error, name, $"x509: cannot verify signature: insecure algorithm {alg} (temporarily override with GODEBUG=x509sha1=1)",
                "re-issue it with default_md = sha256"));
        if (leaf.UnhandledCritical.Count > 0)
            findings.Add(new(Severity.Error, name, $"x509: unhandled critical extension ({string.Join(", ", leaf.UnhandledCritical)})", fix));

        var hasClientNode = scan.Files.Any(f => f.Name is { Usage: CertUsage.Client, Name: NodeUser });
        switch (file.Name.Usage)
        {
            case CertUsage.Node:
                Role(file, GoCertificateView.ServerAuth, pools.Server, "ca.crt", "as the node's server certificate", findings);
                Hosts(file, options.Hosts, findings);
                if (!hasClientNode)
                {
                    Role(file, GoCertificateView.ClientAuth, pools.Client, pools.ClientName,
                        "as the node's client certificate (there is no client.node.crt)", findings);
                    Principal(file, NodeUser, options, Severity.Error, findings);
                }
                break;
            case CertUsage.Client:
                Role(file, GoCertificateView.ClientAuth, pools.Client, pools.ClientName, "as a client certificate", findings);
                Principal(file, file.Name.Name, options, file.Name.Name == NodeUser ? Severity.Error : Severity.Warning, findings);
                TenantScopes(file, findings);
                break;
            case CertUsage.UI:
                Role(file, GoCertificateView.ServerAuth, pools.Ui, pools.UiName, "as the DB Console's certificate", findings, chainSeverity: Severity.Warning);
                Hosts(file, options.Hosts, findings);
                break;
        }
    }

    /// <summary>Go's Verify for one use: a chain to the right pool, and the usage allowed by the leaf and every CA above it.</summary>
    private static void Role(CertsDirFile file, DerObjectIdentifier usage, IReadOnlyList<GoCertificateView> pool, string poolName, string role,
        List<Finding> findings, Severity chainSeverity = Severity.Error)
    {
        var leaf = file.Leaf!;
        var name = file.Name.FileName;
        var usageName = CaChecks.Usages([usage.Id]);
        if (!leaf.AllowsUsage(usage))
            findings.Add(new(Severity.Error, name,
                $"{role}: x509: certificate specifies an incompatible key usage (extendedKeyUsage is {CaChecks.Usages(leaf.Eku!)}, {usageName} is needed)",
                Reissue(file.Name)));
        var chain = Chains.Verify(leaf, file.Certs.Skip(1).ToList(), pool, poolName);
        if (!chain.Ok)
        {
            if (chain.Problem != ChainProblem.InsecureAlgorithm) // reported once, above
                findings.Add(new(chainSeverity, name, $"{role}: {chain.Message}", ChainFix(file, chain, poolName, chainSeverity)));
            return;
        }
        foreach (var ca in chain.Path.Skip(1).Where(c => !c.AllowsUsage(usage)))
            findings.Add(new(Severity.Error, name,
                $"{role}: x509: certificate specifies an incompatible key usage (its CA \"{ca.CommonName}\" allows only {CaChecks.Usages(ca.Eku!)})",
                "remove extendedKeyUsage from the CA certificate"));
        var root = chain.Path[^1];
        var excess = leaf.Cert.NotAfter - root.Cert.NotAfter;
        if (excess > TimeSpan.Zero)
            findings.Add(new(excess > TimeSpan.FromDays(1) ? Severity.Warning : Severity.Note, name,
                $"outlives its CA \"{root.CommonName}\" by {Span(excess)} (CA until {root.Cert.NotAfter:yyyy-MM-dd HH:mm:ss}Z): " +
                "the chain stops verifying when the CA expires",
                "renew the CA before then, or issue certificates with -days no longer than the CA has left"));
    }

    private static string Span(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{(int)t.TotalDays} days" : t.TotalHours >= 1 ? $"{(int)t.TotalHours} hours" : $"{(int)Math.Ceiling(t.TotalSeconds)} seconds";

    private static string ChainFix(CertsDirFile file, ChainResult chain, string poolName, Severity severity) => chain.Problem switch
    {
        _ when severity == Severity.Warning => $"fine if browsers trust its issuer (a public CA); otherwise sign it with the CA in {poolName}",
        _ when file.Name.Usage == CertUsage.Node && poolName == "ca-client.crt" =>
            "with a split CA the node needs client.node.crt signed by ca-client.crt (cnfsigner cockroach split-node)",
        ChainProblem.IssuerBytesDiffer => "re-issue it with the CA's subject copied byte for byte (openssl ca and cnfsigner ca do)",
        ChainProblem.ParentCannotSign => "re-create the CA with basicConstraints = critical,CA:true and keyUsage keyCertSign",
        _ => $"put the CA that signed it in {poolName}, or re-issue it with that CA; intermediates go after the leaf in the same file",
    };

    // Go's VerifyHostname() for every address peers dial; the CN is never a host name.
    private static void Hosts(CertsDirFile file, IReadOnlyList<string> hosts, List<Finding> findings)
    {
        var leaf = file.Leaf!;
        if (!leaf.HasSan || leaf.DnsNames.Count + leaf.IpAddresses.Count == 0)
            findings.Add(new(Severity.Error, file.Name.FileName, "no DNS or IP subjectAltName: Go never takes host names from the CN, so no client can verify it",
                "add subjectAltName = DNS:<host>,IP:<address> for every address peers dial (configs/node.cnf) and re-issue it"));
        foreach (var host in hosts)
            if (HostNames.Mismatch(leaf, host) is { } message)
                findings.Add(new(Severity.Error, file.Name.FileName, $"clients dialing {host} get: {message}",
                    $"add {(System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _) ? "IP" : "DNS")}:{host.Trim('[', ']')} to subjectAltName and re-issue it"));
    }

    // auth.go: the SQL user (or "node" for inter-node RPC) must be among the certificate's principals.
    private static void Principal(CertsDirFile file, string user, CheckOptions options, Severity severity, List<Finding> findings)
    {
        var map = options.Map;
        var principals = map.Principals(file.Leaf!);
        var name = file.Name.FileName;
        // --node-cert-distinguished-name / --root-cert-distinguished-name (v24.1+): the subject must be that DN.
        var (dn, flag) = user switch
        {
            NodeUser => (options.NodeDn, "--node-cert-distinguished-name"),
            "root" => (options.RootDn, "--root-cert-distinguished-name"),
            _ => (null, ""),
        };
        if (dn != null)
        {
            var subject = file.Leaf!.SubjectAttributes;
            if (DistinguishedName.Matches(subject, dn))
                findings.Add(new(Severity.Note, name, $"authenticates as {user}: its subject matches {flag}={dn}", ""));
            else
                findings.Add(new(severity, name, $"subject {string.Join(",", subject)} is not {flag}={dn}: authentication as {user} is refused",
                    $"re-issue it with that subject, or start cockroach with {flag} set to its subject"));
            return;
        }
        var quoted = PrincipalMap.Quote(principals);
        if (principals.Contains(user))
        {
            findings.Add(new(Severity.Note, name, $"authenticates as {string.Join(", ", principals.Where(p => p.Length > 0).Distinct())} (principals {quoted})", ""));
            return;
        }
        var message = user == NodeUser
            ? $"principals {quoted} do not include \"node\": other nodes refuse its RPCs (up to v24.1 the node does not start: " +
              $"client/server node certificate has principals {quoted}, expected \"node\")"
            : $"client certificate has principals {quoted}, expected \"{user}\": `cockroach sql --user={user}` is refused " +
              $"(certificate authentication failed for user \"{user}\")";
        var fix = user == NodeUser
            ? "add client.node.crt with CN=node (configs/client-node.cnf), or start with --cert-principal-map=<one of them>:node" +
              (principals.Count > 1 ? $" (e.g. {principals[^1]}:node, as the guide does)" : "")
            : $"set commonName = {user} in client.cnf and re-issue it, or name the file client.<user>.crt after the user it logs in as" +
              (map.Count == 0 ? ", or map a principal with --cert-principal-map" : "");
        findings.Add(new(severity, name, message, fix));
    }

    // cockroach cert create-client --tenant-scope: URI:crdb://tenant/<id>/user/<user> SANs limit the certificate to those tenants.
    private static void TenantScopes(CertsDirFile file, List<Finding> findings)
    {
        var scopes = file.Leaf!.Uris.Select(u => System.Text.RegularExpressions.Regex.Match(u, @"^crdb://tenant(-name)?/([^/]+)/user/([^/]+)$"))
            .Where(m => m.Success).ToList();
        if (scopes.Count == 0) return;
        var tenants = string.Join(", ", scopes.Select(m => (m.Groups[1].Success ? "tenant name " : "tenant ") + m.Groups[2].Value));
        findings.Add(new(Severity.Note, file.Name.FileName, $"scoped to {tenants}: other tenants refuse it", ""));
        foreach (var m in scopes.Where(m => m.Groups[3].Value != file.Name.Name))
            findings.Add(new(Severity.Warning, file.Name.FileName,
                $"tenant scope {m.Value} is for user \"{m.Groups[3].Value}\", not \"{file.Name.Name}\": that tenant refuses it for {file.Name.Name}",
                $"re-issue it: cnfsigner cockroach create-client {file.Name.Name} --tenant-scope {m.Groups[2].Value} --overwrite"));
    }

    private static string Renew(CertFileName name) => name.Usage switch
    {
        CertUsage.Node => "renew: cnfsigner cockroach create-node --overwrite --certs-dir DIR --ca-key KEY (the kept host names), or create-node HOST... --overwrite",
        CertUsage.Client => $"renew: cnfsigner cockroach create-client {name.Name} --overwrite --certs-dir DIR --ca-key KEY",
        _ => "renew it: issue a new one from the same request's names and replace the pair",
    };

    private static string Reissue(CertFileName name) => name.Usage switch
    {
        CertUsage.Node => "re-issue it with -extensions signing_node_req (extendedKeyUsage = serverAuth,clientAuth), or signing_node_server_req plus a client.node.crt",
        CertUsage.UI => "re-issue it with -extensions signing_ui_req (extendedKeyUsage = serverAuth)",
        _ => "re-issue it with -extensions signing_client_req (extendedKeyUsage = clientAuth)",
    };
}

/// <summary>
/// go crypto/tls X509KeyPair(): the first PEM block whose type is "PRIVATE KEY" or ends in " PRIVATE KEY",
/// unencrypted PKCS#1, PKCS#8 or SEC1, holding the certificate's key.
/// </summary>
internal static class KeyPair
{
    public static void Check(CertsDirFile file, List<Finding> findings)
    {
        if (file.KeyBytes == null) return;
        if (Problem(file.KeyBytes, file.Leaf!) is { } message)
            findings.Add(new(Severity.Error, file.Name.KeyFileName, message,
                message.Contains("match", StringComparison.Ordinal)
                    ? $"put the key that {file.Name.FileName} was issued for here (or re-issue the certificate from this key)"
                    : "write the key as unencrypted PEM (cnfsigner genrsa -out FILE 2048, without -passout)"));
    }

    private static string? Problem(byte[] data, GoCertificateView cert)
    {
        var skipped = new List<string>();
        foreach (var block in PemBlock.ReadAll(data))
        {
            if (block.Label != "PRIVATE KEY" && !block.Label.EndsWith(" PRIVATE KEY", StringComparison.Ordinal))
            {
                skipped.Add(block.Label);
                continue;
            }
            if (block.Label == "ENCRYPTED PRIVATE KEY" || block.Header("Proc-Type") != null) return "tls: failed to parse private key (it is encrypted)";
            PrivateKey key;
            try
            {
                key = KeyReader.ParsePrivateKey(block.Contents, null, "key");
            }
            catch (CnfSignerException)
            {
                return "tls: failed to parse private key";
            }
            return KeyChecks.KeyMatches(key, cert.Cert.CertificateStructure.SubjectPublicKeyInfo)
                ? null
                : "tls: private key does not match public key";
        }
        return skipped.Count switch
        {
            0 => "tls: failed to find any PEM data in key input",
            1 when skipped[0] == "CERTIFICATE" => "tls: found a certificate rather than a key in the PEM for the private key",
            _ => $"tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [{string.Join(" ", skipped)}]",
        };
    }
}
