using System.Text;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Verify;

/// <summary>What the verify command line names: the trust anchors, untrusted certificates, CRLs and the files to check.</summary>
public sealed record VerifyCommandLine(VerifyOptions Options, NameFormat Names)
{
    public string? CaFile { get; init; }
    public bool NoCaFile { get; init; }
    public string? CaPath { get; init; }
    public bool NoCaPath { get; init; }
    public string? CaStore { get; init; }
    public bool NoCaStore { get; init; }
    /// <summary>-untrusted, -trusted, -CRLfile: each may be given more than once, every file counts.</summary>
    public IReadOnlyList<string> Untrusted { get; init; } = [];
    public IReadOnlyList<string> Trusted { get; init; } = [];
    public IReadOnlyList<string> CrlFiles { get; init; } = [];
    /// <summary>-vfyopt n:v, applied to each certificate before it is checked (apps/verify.c check()).</summary>
    public IReadOnlyList<string> VerifyParameters { get; init; } = [];
    public bool ShowChain { get; init; }
    /// <summary>The certificates to check; none: standard input.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>apps/verify.c after its options: load the stores, then check() each certificate.</summary>
public static class VerifyRun
{
    /// <returns>true when every certificate verified</returns>
    public static bool Run(VerifyCommandLine line, DateTimeOffset now, TextReader input, Action<string> stdout, TextWriter err)
    {
        // apps/verify.c: each -untrusted, -trusted and -CRLfile is loaded as the options are read, in their order
        var untrusted = line.Untrusted.SelectMany(f => Load(f, "untrusted certificates", crls: false).Certificates).ToList();
        TrustStore? store = null;
        if (line.Trusted.Count > 0)
        {
            store = new TrustStore();
            foreach (var file in line.Trusted) store.Add(Load(file, "trusted certificates", crls: false));
        }
        var crls = line.CrlFiles.SelectMany(f => Load(f, "other CRLs", crls: true).Crls).ToList();
        // -trusted implies -no-CAfile, -no-CApath and -no-CAstore
        store ??= TrustSetup.Build(line.CaFile, line.NoCaFile, line.CaPath, line.NoCaPath, line.CaStore, line.NoCaStore)
            is var (built, failure) && built != null ? built : throw new CnfSignerException(failure!.Message);

        var verifier = new ChainVerifier(store, untrusted, crls, line.Options);
        if (line.Files.Count == 0) return Check(verifier, null, line, now, input, stdout, err);
        var ok = true;
        foreach (var file in line.Files) ok &= Check(verifier, file, line, now, input, stdout, err);
        return ok;
    }

    private static PkiObjects Load(string path, string description, bool crls)
    {
        var (objects, failure) = CertificateFiles.LoadAll(path, description, crls);
        return objects ?? throw new CnfSignerException(failure!.Message);
    }

    // apps/verify.c check(): one certificate; errors were printed by the callback as they happened
    private static bool Check(ChainVerifier verifier, string? file, VerifyCommandLine line, DateTimeOffset now,
        TextReader input, Action<string> stdout, TextWriter err)
    {
        var (certificate, failure) = file == null
            ? CertificateFiles.FromData(Encoding.UTF8.GetBytes(input.ReadToEnd()), "<stdin>", "certificate file")
            : CertificateFiles.LoadCertificate(file, "certificate file");
        if (certificate == null)
        {
            err.WriteLine(failure!.Message);
            return false;
        }
        if (line.VerifyParameters.FirstOrDefault(p => !KnownParameter(p)) is { } bad)
        {
            err.WriteLine($"parameter error \"{bad}\"");
            return false;
        }

        var result = verifier.Verify(certificate, now, distinguishingId: line.VerifyParameters.Count > 0);
        foreach (var error in result.Errors)
        {
            if (error.Certificate != null) err.WriteLine(Name(error.Certificate, line.Names));
            err.WriteLine($"error {error.Code} at {error.Depth} depth lookup: {error.Text}");
            if (error.Detail != null) err.Write(error.Detail);
        }
        if (result.PolicyNotice != null) err.Write(result.PolicyNotice);
        var name = file ?? "stdin";
        if (!result.IsValid)
        {
            err.WriteLine($"error {name}: verification failed");
            return false;
        }
        var output = new StringBuilder($"{name}: OK\n");
        if (line.ShowChain)
        {
            output.Append("Chain:\n");
            for (var depth = 0; depth < result.Chain.Count; depth++)
                output.Append($"depth={depth}: ").Append(Name(result.Chain[depth], line.Names))
                    .Append(depth < result.UntrustedCount ? " (untrusted)\n" : "\n");
        }
        stdout(output.ToString());
        return true;
    }

    private static bool KnownParameter(string parameter) => Signing.VerifyParameters.IsKnown(parameter);

    private static string Name(Org.BouncyCastle.X509.X509Certificate certificate, NameFormat format) =>
        NamePrinter.Print((Asn1Sequence)certificate.SubjectDN.ToAsn1Object(), format);
}
