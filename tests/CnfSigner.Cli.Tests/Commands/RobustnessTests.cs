using CnfSigner.Pki.Io;
using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>Damaged input must end in a user-facing error (CnfSignerException) or a normal dump, never a crash.</summary>
public class RobustnessTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata");

    [TestCase("x509", "x509/certs/allext.pem", "CERTIFICATE", "-text")]
    [TestCase("x509", "x509/certs/utf8.pem", "CERTIFICATE", "-text")]
    [TestCase("x509", "x509/certs/ecp256.pem", "CERTIFICATE", "-purpose")]
    [TestCase("crl", "crl/crls/reasons.pem", "X509 CRL", "-text")]
    public void Mutated_der_never_crashes(string command, string file, string label, string print)
    {
        var der = PemBlock.Find(File.ReadAllText(Path.Combine(Folder, file), Encoding.Latin1), label)!;
        var random = new Random(1234);
        var path = Path.Combine(Path.GetTempPath(), $"cnfsigner-fuzz-{Guid.NewGuid():N}.der");
        try
        {
            for (var round = 0; round < 300; round++)
            {
                var copy = (byte[])der.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                if (round % 10 == 0) copy = copy[..random.Next(copy.Length)];
                File.WriteAllBytes(path, copy);
                string[] args = command == "x509"
                    ? ["x509", "-in", path, "-noout", print, "-subject", "-issuer", "-ext", "subjectAltName,authorityKeyIdentifier", "-email", "-hash", "-modulus"]
                    : ["crl", "-in", path, "-noout", print, "-issuer", "-crlnumber", "-hash"];
                Should.NotThrow(() => CliRunner.Run(Path.GetTempPath(), "", args),
                    $"round {round}: {Convert.ToHexString(copy)}");
            }
        }
        finally { File.Delete(path); }
    }
}
