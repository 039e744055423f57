using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Tools;

namespace CnfSigner.Cli.Commands;

/// <summary>openssl crl2pkcs7 (apps/crl2pkcs7.c): a CRL and certificates wrapped in a PKCS#7 SignedData without signers.</summary>
public static class Crl2pkcs7Command
{
    private const string App = "crl2pkcs7";

    private static readonly OptionTable Table = new(App, "[options]", UnknownOptions.Error,
        OptionSpec.Section("General options:"),
        new OptionSpec("help", OptionKind.Flag, "Display this summary"),
        OptionSpec.Section("Input options:"),
        new OptionSpec("in", OptionKind.InFile, "Input file"),
        new OptionSpec("inform", OptionKind.PemDer, "Input format - DER or PEM"),
        new OptionSpec("nocrl", OptionKind.Flag, "No crl to load, just certs from '-certfile'"),
        new OptionSpec("certfile", OptionKind.InFile, "File of chain of certs to a trusted CA; can be repeated"),
        OptionSpec.Section("Output options:"),
        new OptionSpec("out", OptionKind.OutFile, "Output file"),
        new OptionSpec("outform", OptionKind.PemDer, "Output format - DER or PEM"),
        OptionSpec.Group(CommonOptions.ProviderRows));

    public static int Run(string[] args, Terminal terminal)
    {
        var options = Table.Parse(args);
        if (options.Positionals.Count > 0) throw new CnfSignerException($"{App}: Use -help for summary.");
        CommonOptions.CheckEngineAndProviders(App, options, terminal.Err);

        byte[]? crl = null;
        if (!options.Has("nocrl"))
        {
            var data = BinaryInput.Read(options.Value("in"), terminal);
            crl = DegeneratePkcs7.ReadCrl(data, IsDer(options.Value("inform")));
        }
        var certFiles = options.Values("certfile").ToList();
        List<byte[]>? certificates = certFiles.Count == 0 ? null : [.. certFiles.SelectMany(DegeneratePkcs7.ReadCertificates)];

        var der = DegeneratePkcs7.Build(crl, certificates);
        var output = IsDer(options.Value("outform")) ? der : Encoding.ASCII.GetBytes(PemBlock.Encode("PKCS7", der));
        if (options.Value("out") is { } path) SafeFile.Write(path, output, secret: false);
        else terminal.WriteBytes(output);
        return 0;
    }

    private static bool IsDer(string? format) => format != null && OptionTable.ParseFormat(format) == "DER";
}
