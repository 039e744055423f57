using CnfSigner.Pki.Io;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Cli.Tests.Sigalg;

/// <summary>
/// testdata/sigalg (made by its make.sh with openssl): an EC P-256 CA and an Ed25519 CA, requests from RSA, EC,
/// Ed25519, Ed448 and RSA-PSS keys, and what openssl issued from them. Each test runs in a fresh copy.
/// </summary>
internal static class SigalgFixture
{
    public static readonly string[] Cas = ["ec", "ed25519"];
    public static readonly string[] Leaves = ["rsa", "ec", "ed25519"];

    public static TempDir Copy()
    {
        var dir = new TempDir();
        foreach (var file in Directory.GetFiles(CliRunner.TestData("sigalg")))
            File.Copy(file, dir.File(Path.GetFileName(file)));
        return dir;
    }

    public static byte[] Golden(string name) => File.ReadAllBytes(CliRunner.TestData("sigalg", name));

    /// <summary>
    /// The command that made golden "{command}.{ca}.{leaf}" (make.sh), writing <paramref name="output"/>; the ca
    /// database starts empty and its serial file is set to the serial openssl used for that leaf.
    /// </summary>
    public static string[] Issue(TempDir dir, string command, string ca, string leaf, string output)
    {
        string[] signer = command == "ca" ? ["-keyfile", $"ca-{ca}.key", "-cert", $"ca-{ca}.crt"] : ["-CA", $"ca-{ca}.crt", "-CAkey", $"ca-{ca}.key"];
        switch (command)
        {
            case "x509":
                return ["x509", "-req", "-in", $"leaf-{leaf}.csr", .. signer, "-set_serial", "2", "-days", "30",
                    "-extfile", "leaf.ext", "-extensions", "leaf", "-out", output];
            case "req":
                return ["req", "-in", $"leaf-{leaf}.csr", "-x509", .. signer, "-set_serial", "3", "-days", "30",
                    "-config", "ca.cnf", "-extensions", "leaf", "-out", output];
            default:
                File.WriteAllText(dir.File("index.txt"), "");
                File.WriteAllText(dir.File("serial"), (0x10 + Array.IndexOf(Leaves, leaf)).ToString("X2") + "\n");
                File.WriteAllText(dir.File("crlnumber"), "01\n");
                return ["ca", "-config", "ca.cnf", "-batch", .. signer, "-startdate", "20260101000000Z",
                    "-enddate", "20270101000000Z", "-in", $"leaf-{leaf}.csr", "-out", output];
        }
    }

    public static string GoldenName(string command, string ca, string leaf) => command == "ca" ? $"ca.{ca}.{leaf}.pem" : $"{command}.{ca}.{leaf}.crt";

    /// <summary>The clock openssl had when it made the golden: its notBefore (ca's is given with -startdate).</summary>
    public static FixedClock ClockOf(byte[] certificatePem) =>
        new(new DateTimeOffset(Certificate(certificatePem).StartDate.ToDateTime(), TimeSpan.Zero));

    public static X509CertificateStructure Certificate(byte[] pem) =>
        X509CertificateStructure.GetInstance(PemBlock.ReadAll(pem).Single(b => b.Label == "CERTIFICATE").Contents);

    public static byte[] Tbs(byte[] certificatePem) => Certificate(certificatePem).TbsCertificate.GetDerEncoded();

    public static byte[] RequestInfo(byte[] requestPem) =>
        CertificationRequest.GetInstance(Asn1Object.FromByteArray(PemBlock.ReadAll(requestPem).Single().Contents))
            .GetCertificationRequestInfo().GetDerEncoded();

    public static byte[] CrlTbs(byte[] crlPem) =>
        CertificateList.GetInstance(PemBlock.ReadAll(crlPem).Single().Contents).TbsCertList.GetDerEncoded();

    /// <summary>The text before the PEM block, up to the signature (ca writes the dump, then the certificate).</summary>
    public static string TextBeforeSignature(byte[] caOutput)
    {
        var text = System.Text.Encoding.Latin1.GetString(caOutput);
        return text[..text.LastIndexOf("    Signature Value:", StringComparison.Ordinal)];
    }
}
