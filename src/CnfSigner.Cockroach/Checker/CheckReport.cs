namespace CnfSigner.Cockroach.Checker;

public enum Severity
{
    Error,
    Warning,
    Note,
}

/// <summary>One problem: which file, what CockroachDB or Go will say or do, and how to fix it.</summary>
public sealed record Finding(Severity Severity, string File, string Message, string Fix);

/// <summary>One row of `cockroach cert list`: Usage | Certificate File | Key File | Expires | Notes | Error.</summary>
public sealed record ReportRow(string Usage, string CertificateFile, string KeyFile, string Expires, string Notes, string Error);

/// <summary>What the checker inputs besides the directory: the addresses peers dial, the principal map, the environment.</summary>
/// <param name="Hosts">host names and IP addresses clients and other nodes use to reach the node</param>
/// <param name="SkipPermissionValue">the value of COCKROACH_SKIP_KEY_PERMISSION_CHECK, null when unset</param>
/// <param name="ProcessGid">the group id cockroach will run with (os.Getgid())</param>
/// <param name="ClientCaFile">the nodes' client CA when checking a client's directory of a split-CA cluster</param>
public sealed record CheckOptions(IReadOnlyList<string> Hosts, PrincipalMap Map, DateTime Now, string? SkipPermissionValue,
    uint? ProcessGid, string? ClientCaFile = null, int? WarnDays = null, string? NodeDn = null, string? RootDn = null);

public sealed record CheckReport(string Directory, IReadOnlyList<ReportRow> Rows, IReadOnlyList<Finding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);
    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);
}
