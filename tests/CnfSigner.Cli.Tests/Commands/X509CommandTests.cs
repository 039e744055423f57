using System.Text;

namespace CnfSigner.Cli.Tests.Commands;

public class X509CommandTests
{
    private static string Cert(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "x509", "certs", name + ".pem");

    private static (string Out, string Err, int Rc) Run(DateTimeOffset now, params string[] args)
    {
        var r = CliRunner.Run(AppContext.BaseDirectory, "", new FixedClock(now), ["x509", .. args]);
        return (Encoding.Latin1.GetString(r.StdoutBytes), r.Stderr, r.ExitCode);
    }

    private static DateTimeOffset NotAfter(string name)
    {
        var line = Run(DateTimeOffset.UnixEpoch, "-in", Cert(name), "-noout", "-enddate").Out.Trim()["notAfter=".Length..];
        return DateTimeOffset.ParseExact(line.Replace("  ", " "), "MMM d HH:mm:ss yyyy 'GMT'",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
    }

    [TestCase(-1, "Certificate will not expire\n", 0)]
    [TestCase(0, "Certificate will not expire\n", 0)]
    [TestCase(1, "Certificate will expire\n", 1)]
    public void Checkend_compares_notAfter_with_now_plus_offset(int secondsPastEnd, string expected, int rc)
    {
        var notAfter = NotAfter("node");
        var result = Run(notAfter.AddSeconds(secondsPastEnd - 100), "-in", Cert("node"), "-checkend", "100");
        result.Out.ShouldBe(expected);
        result.Rc.ShouldBe(rc);
    }

    [Test]
    public void Checkend_without_noout_prints_no_certificate() =>
        Run(NotAfter("node").AddDays(-1), "-in", Cert("node"), "-checkend", "0").Out.ShouldBe("Certificate will not expire\n");

    [Test]
    public void Missing_input_uses_openssls_words()
    {
        var result = Run(DateTimeOffset.UnixEpoch, "-in", "nonexist.crt", "-noout");
        result.Rc.ShouldBe(1);
        result.Err.ShouldStartWith("Could not open file or uri for loading certificate from nonexist.crt\n");
        result.Err.ShouldEndWith("Unable to load certificate\n");
    }

    [Test]
    public void Text_before_the_pem_is_skipped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnfsigner-x509-{Guid.NewGuid():N}.crt");
        File.WriteAllText(path, "Certificate:\n    Data: anything\n" + File.ReadAllText(Cert("node")));
        try { Run(DateTimeOffset.UnixEpoch, "-in", path, "-noout", "-subject").Out.ShouldBe("subject=O = Cockroach\n"); }
        finally { File.Delete(path); }
    }

    [Test]
    public void Out_file_gets_the_prints_and_the_certificate_and_stdout_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnfsigner-x509-{Guid.NewGuid():N}.pem");
        try
        {
            var result = Run(DateTimeOffset.UnixEpoch, "-in", Cert("node"), "-subject", "-out", path);
            result.Out.ShouldBeEmpty();
            var pem = File.ReadAllText(Cert("node"));
            File.ReadAllText(path).ShouldBe("subject=O = Cockroach\n" + pem[pem.IndexOf("-----BEGIN", StringComparison.Ordinal)..]);
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void Unwritable_out_file_is_reported_and_nothing_is_left()
    {
        var result = Run(DateTimeOffset.UnixEpoch, "-in", Cert("node"), "-out", "/nonexistent-dir/x.pem");
        result.Rc.ShouldBe(1);
        result.Err.ShouldStartWith("Can't open \"/nonexistent-dir/x.pem\" for writing, No such file or directory\n"); // as openssl x509: no "x509:" prefix
    }

    [Test]
    public void Help_is_openssls_text()
    {
        // OpenSSL's -help less the options cnfsigner refuses (README, Differences).
        var expected = HelpRows.Without(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "x509-help.txt")),
            "new");
        var result = Run(DateTimeOffset.UnixEpoch, "-help");
        result.Rc.ShouldBe(0);
        result.Err.ShouldBe(expected);
    }
}

public class CrlCommandTests
{
    [Test]
    public void Help_is_openssls_text()
    {
        var r = CliRunner.Run(AppContext.BaseDirectory, "", "crl", "-help");
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldBe(HelpRows.Without(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "crl-help.txt")),
            "key", "gendelta"));
    }

    [Test]
    public void Fields_go_to_stdout_and_the_crl_to_the_out_file()
    {
        var crl = Path.Combine(AppContext.BaseDirectory, "testdata", "crl", "crls", "numbered.pem");
        var path = Path.Combine(Path.GetTempPath(), $"cnfsigner-crl-{Guid.NewGuid():N}.pem");
        try
        {
            var r = CliRunner.Run(AppContext.BaseDirectory, "", "crl", "-in", crl, "-crlnumber", "-out", path);
            r.ExitCode.ShouldBe(0);
            System.Text.Encoding.ASCII.GetString(r.StdoutBytes).ShouldBe("crlNumber=0x1000\n");
            File.ReadAllText(path).ShouldBe(File.ReadAllText(crl));
        }
        finally { File.Delete(path); }
    }
}

/// <summary>OpenSSL's -help text without the rows of the named options.</summary>
public static class HelpRows
{
    public static string Without(string help, params string[] options) =>
        string.Join('\n', help.Split('\n').Where(line => !options.Any(o => line.StartsWith($" -{o} ", StringComparison.Ordinal))));
}
