using CnfSigner.Cli.Tests.Ca;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.X509;

namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// x509 without -req: an existing certificate signed anew (-signkey/-key, or -CA after the self-signed check), with
/// -subj, -force_pubkey, -clrext, -ext, -extfile, -preserve_dates and -sigopt. Each case runs openssl (live, or its
/// recording under testdata/openssl-golden) and cnfsigner on copies of the same directory, cnfsigner's clock set to
/// the notBefore openssl wrote; PKCS#1 v1.5 and zero-salt PSS signatures are deterministic, so the certificates must
/// be byte-identical. Inputs: the seed CA and testdata/x509-resign (made by its make.sh).
/// </summary>
[TestFixture]
public class X509ResignTests : WithCaFixture
{
    protected override void AfterCaCreated()
    {
        foreach (var file in Directory.GetFiles(CliRunner.TestData("x509-resign")))
            File.Copy(file, _ca.Dir.File(Path.GetFileName(file)));
    }

    [TestCase("signkey_self_signs_anew", "-in", "self.crt", "-signkey", "leaf.key")]
    [TestCase("signkey_other_key_takes_its_public_half", "-in", "issued.crt", "-signkey", "ca.key", "-days", "7")]
    [TestCase("signkey_keeps_a_v1_certificate_v1", "-in", "v1.crt", "-signkey", "leaf.key")]
    [TestCase("extfile_makes_a_v1_certificate_v3", "-in", "v1.crt", "-signkey", "leaf.key", "-extfile", "ext.cnf")]
    [TestCase("extfile_replaces_extensions_of_its_types", "-in", "self.crt", "-signkey", "leaf.key", "-extfile", "ext.cnf", "-extensions", "other")]
    [TestCase("extfile_none_key_identifiers_drop_them", "-in", "self.crt", "-signkey", "leaf.key", "-extfile", "ext.cnf", "-extensions", "nokeyid")]
    [TestCase("clrext_drops_every_extension", "-in", "issued.crt", "-signkey", "leaf.key", "-clrext")]
    [TestCase("ext_keeps_the_named_ones", "-in", "issued.crt", "-signkey", "leaf.key", "-ext", "keyUsage,authorityKeyIdentifier")]
    [TestCase("subj_and_set_serial", "-in", "self.crt", "-signkey", "leaf.key", "-subj", "/O=Cockroach/CN=renamed", "-set_serial", "0x2A")]
    [TestCase("force_pubkey_with_signkey", "-in", "self.crt", "-signkey", "leaf.key", "-force_pubkey", "other.pub")]
    [TestCase("preserve_dates_keeps_the_validity", "-in", "issued.crt", "-signkey", "leaf.key", "-preserve_dates")]
    [TestCase("ca_signs_a_self_signed_certificate", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "5")]
    [TestCase("ca_with_extfile_and_clrext", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "6", "-clrext", "-extfile", "ext.cnf")]
    [TestCase("ca_with_sha384", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "7", "-sha384", "-days", "3")]
    [TestCase("pss_zero_salt", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:0")]
    [TestCase("pss_mgf1_sha1_sha512", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "8", "-sha512",
        "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:0", "-sigopt", "rsa_mgf1_md:sha1")]
    [TestCase("pss_then_pkcs1_is_pkcs1", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_padding_mode:pkcs1")]
    // The warnings of apps/x509.c for options that do nothing here.
    [TestCase("ignored_options_warn", "-in", "self.crt", "-signkey", "leaf.key", "-CAkey", "ca.key", "-extensions", "other", "-copy_extensions", "copy")]
    [TestCase("clrext_overrides_ext", "-in", "self.crt", "-signkey", "leaf.key", "-clrext", "-ext", "subjectAltName")]
    public void Resigns_like_openssl(string name, params string[] args) => SignedSideBySide.Check(_ca, args);

    /// <summary>
    /// Nothing to sign with: apps/x509.c still applies -subj, -force_pubkey, -clrext and the -extfile section to the
    /// certificate in memory, so the printing options show them, while the certificate written (and its fingerprint)
    /// is the one read; and it warns about options that do nothing. Output file, stdout, stderr and exit code as openssl's.
    /// </summary>
    [TestCase("subj", "-in", "self.crt", "-subj", "/O=Other/CN=shown", "-subject", "-text")]
    [TestCase("force_pubkey", "-in", "self.crt", "-force_pubkey", "other.pub", "-pubkey", "-modulus", "-fingerprint")]
    [TestCase("clrext", "-in", "issued.crt", "-clrext", "-text")]
    [TestCase("clrext_and_ext", "-in", "issued.crt", "-clrext", "-ext", "subjectAltName")]
    [TestCase("extfile", "-in", "issued.crt", "-extfile", "ext.cnf", "-extensions", "other", "-text")]
    [TestCase("missing_section", "-in", "issued.crt", "-extfile", "ext.cnf", "-extensions", "nope", "-text")]
    [TestCase("ignored_options", "-in", "issued.crt", "-CAkey", "ca.key", "-extensions", "other", "-copy_extensions", "copy", "-subject")]
    public void Display_shows_the_changes_and_writes_the_certificate_read(string name, params string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        string[] full = ["x509", .. args, "-out", "out.crt"];
        var real = RecordedOpenSsl.Exec(theirs, full);
        var mine = CliRunner.Run(ours.Path, "", full);
        (mine.ExitCode, mine.Stdout, mine.Stderr).ShouldBe((real.ExitCode, real.Stdout, real.Stderr));
        if (real.ExitCode == 0) File.ReadAllBytes(ours.File("out.crt")).ShouldBe(File.ReadAllBytes(theirs.File("out.crt")));
        else File.Exists(ours.File("out.crt")).ShouldBeFalse();
    }

    /// <summary>A random salt: the bytes differ, but openssl verifies the signature and prints the same parameters.</summary>
    [Category("Interop")]
    [TestCase("rsa_pss_saltlen:digest", "Salt Length: 0x20")]
    [TestCase("rsa_pss_saltlen:max", "Salt Length: 0xDE")]
    [TestCase("rsa_pss_saltlen:auto", "Salt Length: 0xDE")]
    public void Pss_signatures_verify_with_openssl(string salt, string printed)
    {
        OpenSsl.RequireForItsHalf();
        using var dir = _ca.Copy();
        string[] args = ["x509", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "9",
            "-sigopt", "rsa_padding_mode:pss", "-sigopt", salt];
        CliRunner.Run(dir.Path, "", [.. args, "-out", "mine.crt"]).ExitCode.ShouldBe(0);
        OpenSsl.Exec(dir.Path, [.. args, "-out", "theirs.crt"]).ExitCode.ShouldBe(0);
        OpenSsl.Exec(dir.Path, "verify", "-CAfile", "ca.crt", "mine.crt").ExitCode.ShouldBe(0);
        var text = OpenSsl.Exec(dir.Path, "x509", "-in", "mine.crt", "-noout", "-text").Stdout;
        text.ShouldContain(printed);
        Signature(text).ShouldBe(Signature(OpenSsl.Exec(dir.Path, "x509", "-in", "theirs.crt", "-noout", "-text").Stdout));
    }

    private static string Signature(string text) =>
        string.Join("\n", text.Split('\n').SkipWhile(l => !l.Contains("Signature Algorithm")).Take(5));

    /// <summary>
    /// Failures: the same exit code and first error line as openssl (cnfsigner's library errors are short, README
    /// Differences), and no output file and no serial file change, where openssl opens -out first and leaves it empty.
    /// </summary>
    [TestCase("issued_is_not_self_signed", "-in", "issued.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "1")]
    [TestCase("subj_breaks_the_self_signature", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "1", "-subj", "/CN=x")]
    [TestCase("force_pubkey_breaks_the_self_signature", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "1", "-force_pubkey", "other.pub")]
    [TestCase("ca_key_mismatch", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "leaf.key", "-set_serial", "1")]
    [TestCase("key_and_ca", "-in", "self.crt", "-CA", "ca.crt", "-signkey", "leaf.key")]
    [TestCase("missing_serial_file", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAserial", "no.srl")]
    [TestCase("force_pubkey_of_a_private_key_file", "-in", "self.crt", "-signkey", "leaf.key", "-force_pubkey", "leaf.key")]
    [TestCase("preserve_dates_with_days", "-in", "self.crt", "-signkey", "leaf.key", "-preserve_dates", "-days", "3")]
    [TestCase("sigopt_unknown_name", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "bogus:1")]
    [TestCase("sigopt_without_colon", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "nocolon")]
    [TestCase("sigopt_digest", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "digest:sha1")]
    [TestCase("sigopt_saltlen_before_pss", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_pss_saltlen:5")]
    [TestCase("sigopt_mgf1_before_pss", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_mgf1_md:sha1")]
    [TestCase("sigopt_unknown_mgf1_digest", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_mgf1_md:bogus")]
    [TestCase("sigopt_salt_too_long", "-in", "self.crt", "-signkey", "leaf.key", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:1000")]
    public void Fails_like_openssl_and_writes_nothing(string name, params string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        File.WriteAllText(ours.File("ca.srl"), "41\n");
        File.WriteAllText(theirs.File("ca.srl"), "41\n");
        string[] full = ["x509", .. args, "-out", "out.crt"];
        var real = RecordedOpenSsl.Exec(theirs, full);
        var mine = CliRunner.Run(ours.Path, "", full);
        mine.ExitCode.ShouldBe(real.ExitCode);
        mine.ExitCode.ShouldBe(1);
        // OpenSSL's own lines (the self-signed check's report) match whole; its library stack is shortened (README).
        var first = real.Stderr.Split('\n')[0];
        if (!first.Contains(":error:")) mine.Stderr.Split('\n')[0].ShouldBe(first);
        foreach (var line in real.Stderr.Split('\n').Where(l => !l.Contains(":error:"))) mine.Stderr.ShouldContain(line);
        var reasons = real.Stderr.Split('\n').Where(l => l.Contains(":error:")).Select(l => l.Split(':')[5]).ToList();
        // A failure OpenSSL reports by its stack alone is reported by one of its reasons.
        if (!first.Contains(":error:")) return;
        reasons.ShouldContain(r => mine.Stderr.Contains(r), mine.Stderr);
        File.Exists(ours.File("out.crt")).ShouldBeFalse();
        File.ReadAllText(ours.File("ca.srl")).ShouldBe("41\n");
    }

    /// <summary>
    /// Deliberate differences (README): OpenSSL 3.0.19 signs with PKCS#1 v1.5 when rsa_padding_mode is not a mode it
    /// knows, and with a 0-byte salt when rsa_pss_saltlen is not a number; cnfsigner refuses both.
    /// </summary>
    [TestCase("rsa_padding_mode:PSS")]
    [TestCase("rsa_padding_mode:bogus")]
    [TestCase("rsa_padding_mode:6")]
    [TestCase("rsa_padding_mode:pss", "rsa_pss_saltlen:abc")]
    [TestCase("rsa_padding_mode:pss", "rsa_pss_saltlen:-4")]
    public void Unknown_padding_or_salt_is_refused(params string[] options)
    {
        using var dir = _ca.Copy();
        var mine = CliRunner.Run(dir.Path, "", ["x509", "-in", "self.crt", "-signkey", "leaf.key",
            .. options.SelectMany(o => new[] { "-sigopt", o }), "-out", "out.crt"]);
        mine.ExitCode.ShouldBe(1);
        mine.Stderr.ShouldStartWith($"parameter error \"{options[^1]}\"\n");
        File.Exists(dir.File("out.crt")).ShouldBeFalse();
    }

    [Test]
    public void CA_serial_file_moves_only_when_the_certificate_is_made()
    {
        using var dir = _ca.Copy();
        File.WriteAllText(dir.File("ca.srl"), "41\n");
        CliRunner.Run(dir.Path, "", "x509", "-in", "self.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-out", "a.crt").ExitCode.ShouldBe(0);
        File.ReadAllText(dir.File("ca.srl")).ShouldBe("42\n");
        new X509Certificate(PemBlock.ReadAll(File.ReadAllBytes(dir.File("a.crt"))).Single().Contents).SerialNumber.IntValue.ShouldBe(0x42);
        CliRunner.Run(dir.Path, "", "x509", "-in", "issued.crt", "-CA", "ca.crt", "-CAkey", "ca.key", "-out", "b.crt").ExitCode.ShouldBe(1);
        File.ReadAllText(dir.File("ca.srl")).ShouldBe("42\n");
        File.Exists(dir.File("b.crt")).ShouldBeFalse();
    }

    /// <summary>
    /// -vfyopt (x509 -req, req -verify): OpenSSL 3.0 knows only an SM2 distinguishing ID there, which fails any other
    /// key's signature; any other option is a parameter error. Exit code and OpenSSL's own lines as openssl's, except
    /// that a failed req -verify exits 1 (README Differences).
    /// </summary>
    [TestCase("x509_distid", "x509", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-vfyopt", "distid:abc", "-out", "out.crt")]
    [TestCase("x509_hexdistid", "x509", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-vfyopt", "hexdistid:0a0b", "-out", "out.crt")]
    [TestCase("x509_padding", "x509", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-vfyopt", "rsa_padding_mode:pss", "-out", "out.crt")]
    [TestCase("x509_no_colon", "x509", "-req", "-in", "node.csr", "-signkey", "leaf.key", "-vfyopt", "bogus", "-out", "out.crt")]
    [TestCase("req_padding", "req", "-in", "node.csr", "-verify", "-noout", "-vfyopt", "rsa_padding_mode:pss")]
    [TestCase("req_distid", "req", "-in", "node.csr", "-verify", "-noout", "-vfyopt", "distid:abc")]
    [TestCase("x509_display_ignores_it", "x509", "-in", "self.crt", "-noout", "-subject", "-vfyopt", "bogus")]
    public void Vfyopt_is_openssls(string name, params string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        var real = RecordedOpenSsl.Exec(theirs, args);
        var mine = CliRunner.Run(ours.Path, "", args);
        mine.ExitCode.ShouldBe(name == "req_distid" ? 1 : real.ExitCode);
        foreach (var line in real.Stderr.Split('\n').Where(l => !l.Contains(":error:"))) mine.Stderr.ShouldContain(line);
        mine.Stdout.ShouldBe(real.Stdout);
        File.Exists(ours.File("out.crt")).ShouldBe(File.Exists(theirs.File("out.crt")) && new FileInfo(theirs.File("out.crt")).Length > 0);
    }
}

/// <summary>req and ca take -sigopt too: zero-salt PSS signatures are byte-identical to openssl's.</summary>
[TestFixture]
public class SigoptTests : WithCaFixture
{
    [Test]
    public void Req_sigopt_signs_like_openssl()
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        string[] full = ["req", "-new", "-config", "ca.cnf", "-key", "leaf.key", "-subj", "/O=Cockroach/CN=pss", "-sha384",
            "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:0", "-sigopt", "rsa_mgf1_md:sha256", "-out", "out.csr"];
        RecordedOpenSsl.Exec(theirs, full).ExitCode.ShouldBe(0);
        var mine = CliRunner.Run(ours.Path, "", full);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        File.ReadAllBytes(ours.File("out.csr")).ShouldBe(File.ReadAllBytes(theirs.File("out.csr")));
    }

    [TestCase("certificate", "-policy", "signing_policy", "-extensions", "signing_node_req", "-outdir", "certs/", "-in", "node.csr",
        "-batch", "-startdate", "20260101000000Z", "-enddate", "20300101000000Z", "-out", "out.pem")]
    [TestCase("crl", "-gencrl", "-crl_lastupdate", "20260101000000Z", "-crl_nextupdate", "20260201000000Z", "-out", "out.pem")]
    public void Ca_sigopt_signs_like_openssl(string what, params string[] args)
    {
        using var ours = _ca.Copy();
        using var theirs = _ca.Copy();
        string[] full = ["ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.crt", .. args,
            "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:0", "-sigopt", "rsa_mgf1_md:sha1"];
        RecordedOpenSsl.Exec(theirs, full).ExitCode.ShouldBe(0);
        var mine = CliRunner.Run(ours.Path, "", full);
        mine.ExitCode.ShouldBe(0, mine.Stderr);
        File.ReadAllText(ours.File("out.pem")).ShouldBe(File.ReadAllText(theirs.File("out.pem")));
    }
}
