namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// x509 -badsig: apps/x509.c flips the low bit of the signature's last byte (corrupt_signature()) before it prints or
/// writes the certificate, whether read or just signed. openssl 3.0.19's runs are recorded in testdata/openssl-golden.
/// </summary>
[NonParallelizable] // CliRunner changes the current directory
public class X509BadSigTests
{
    private static string Cert => Path.Combine(AppContext.BaseDirectory, "testdata", "x509", "certs", "node.pem");

    [TestCase("pem_out", "-badsig", "-out", "out.pem")]
    [TestCase("der_out", "-badsig", "-outform", "DER", "-out", "out.der")]
    [TestCase("fingerprints", "-badsig", "-noout", "-fingerprint", "-sha256", "-fingerprint")]
    [TestCase("sha1_fingerprint", "-noout", "-fingerprint", "-badsig")]
    [TestCase("text", "-badsig", "-noout", "-text")]
    public void A_read_certificate_is_corrupted_like_openssl(string name, params string[] options)
    {
        using var theirs = new TempDir();
        using var ours = new TempDir();
        File.Copy(Cert, theirs.File("in.pem"));
        File.Copy(Cert, ours.File("in.pem"));
        string[] args = ["x509", "-in", "in.pem", .. options];
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);

        (mine.ExitCode, mine.Stdout, mine.Stderr).ShouldBe((real.ExitCode, real.Stdout, real.Stderr));
        foreach (var file in new[] { "out.pem", "out.der" }.Where(f => File.Exists(theirs.File(f))))
            File.ReadAllBytes(ours.File(file)).ShouldBe(File.ReadAllBytes(theirs.File(file)));
        if (options.Contains("-out")) File.ReadAllBytes(ours.File(options[^1])).ShouldNotBe(Reencoded(ours, options[^1]));
    }

    /// <summary>The same certificate without -badsig, for the test that the output was changed at all.</summary>
    private static byte[] Reencoded(TempDir dir, string file)
    {
        string[] args = ["x509", "-in", "in.pem", "-out", "plain." + file, .. file.EndsWith(".der") ? new[] { "-outform", "DER" } : []];
        CliRunner.Run(dir.Path, "", args).ExitCode.ShouldBe(0);
        return File.ReadAllBytes(dir.File("plain." + file));
    }

    [Test, Category("Interop")]
    public void A_signed_certificate_fails_its_signature_and_verifies_with_the_bit_flipped_back()
    {
        using var dir = new TempDir();
        CliRunner.Run(dir.Path, "", "genrsa", "-out", "k.pem", "2048").ExitCode.ShouldBe(0);
        CliRunner.Run(dir.Path, "", "req", "-new", "-key", "k.pem", "-subj", "/CN=badsig", "-out", "r.csr").ExitCode.ShouldBe(0);
        string[] sign = ["x509", "-req", "-in", "r.csr", "-signkey", "k.pem", "-set_serial", "5", "-days", "1", "-badsig"];
        CliRunner.Run(dir.Path, "", [.. sign, "-out", "ours.pem"]).ExitCode.ShouldBe(0);
        OpenSsl.RequireForItsHalf();
        OpenSsl.Exec(dir.Path, [.. sign, "-out", "theirs.pem"]).ExitCode.ShouldBe(0);
        foreach (var who in new[] { "ours", "theirs" })
        {
            var bad = OpenSsl.Exec(dir.Path, "verify", "-check_ss_sig", "-CAfile", who + ".pem", who + ".pem");
            bad.ExitCode.ShouldBe(2, who);
            bad.Stderr.ShouldContain("certificate signature failure", customMessage: who);
            OpenSsl.Exec(dir.Path, "x509", "-in", who + ".pem", "-badsig", "-out", who + ".fixed.pem").ExitCode.ShouldBe(0);
            OpenSsl.Exec(dir.Path, "verify", "-check_ss_sig", "-CAfile", who + ".fixed.pem", who + ".fixed.pem").ExitCode.ShouldBe(0, who);
        }
    }
}
