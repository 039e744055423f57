using CnfSigner.Pki.Io;
using System.Diagnostics;
using System.Text;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;

namespace CnfSigner.Pki.Tests.Text;

/// <summary>
/// Interop with the real openssl on this machine (skipped where it is absent): random subjects with characters
/// that need escaping, printed by both in every -nameopt form and in the text dump's default and compat forms.
/// </summary>
[TestFixture, Category("Interop")] // openssl prints the same dumps
public class LiveOpenSslTests
{
    private const string Alphabet = "aZ09 ,+\"\\<>;=#/.-_*()'é日ß\t!?@";
    private static readonly string[] Forms =
        ["oneline", "RFC2253", "multiline", "compat", "utf8", "sep_comma_plus,esc_2254", "oneline,-esc_msb,show_type", "dn_rev,lname,align"];

    private string _dir = "";

    [OneTimeSetUp]
    public void Key()
    {
        if (!HasOpenSsl()) Assert.Ignore("openssl is not on PATH");
        _dir = Directory.CreateTempSubdirectory("cnfsigner-live-").FullName;
        OpenSsl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", Path.Combine(_dir, "k.pem"));
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }

    public static IEnumerable<int> Seeds => Enumerable.Range(1, 25);

    [TestCaseSource(nameof(Seeds))]
    public void Random_subjects_print_as_openssl_prints_them(int seed)
    {
        var random = new Random(seed);
        var subject = new StringBuilder();
        string[] types = ["CN", "O", "OU", "L", "ST", "DC", "UID", "emailAddress"];
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var type = types[random.Next(types.Length)];
            subject.Append(i % 3 == 0 && subject.Length > 0 ? '+' : '/').Append(type).Append('=');
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var c = Alphabet[random.Next(Alphabet.Length)];
                // DC and emailAddress are IA5String: ASCII only.
                if (type is "DC" or "emailAddress" && c > 0x7F) c = '~';
                if (c is '\\' or '/' or '+') subject.Append('\\');
                subject.Append(c);
            }
        }
        var cert = Path.Combine(_dir, $"c{seed}.pem");
        OpenSsl("req", "-new", "-x509", "-key", Path.Combine(_dir, "k.pem"), "-utf8", "-subj", subject.ToString(),
            "-days", "1", "-out", cert, "-config", "/dev/null", "-multivalue-rdn");
        var der = PemBlock.Find(File.ReadAllText(cert, Encoding.Latin1), "CERTIFICATE")!;
        var subjectDer = CertificateFields.Parse(der).Subject;
        foreach (var form in Forms)
        {
            var flags = NameOptions.Apply(NameFormat.Compat, form)!.Value;
            NamePrinter.PrintLine("subject=", subjectDer, flags)
                .ShouldBe(OpenSsl("x509", "-in", cert, "-noout", "-subject", "-nameopt", form), $"{subject} -nameopt {form}");
        }
        TextDump.Certificate(der).ShouldBe(OpenSsl("x509", "-in", cert, "-noout", "-text"));
        TextDump.Certificate(der, TextDumpOptions.Ca).ShouldBe(OpenSsl("x509", "-in", cert, "-noout", "-text", "-nameopt", "compat"));
    }

    private static bool HasOpenSsl()
    {
        try { OpenSsl("version"); return true; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static string OpenSsl(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.Latin1 };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)}: {error}");
        return output;
    }
}
