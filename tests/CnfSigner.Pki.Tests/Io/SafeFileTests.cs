using CnfSigner.Pki.Io;

namespace CnfSigner.Pki.Tests.Io;

public class SafeFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestData.NewTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Test]
    public void A_secret_file_is_0600()
    {
        SafeFile.Write(PathOf("k.pem"), [1, 2, 3], secret: true);
        File.GetUnixFileMode(PathOf("k.pem")).ShouldBe(OwnerOnly);
        File.ReadAllBytes(PathOf("k.pem")).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Test]
    public void An_existing_secret_file_becomes_0600()
    {
        File.WriteAllText(PathOf("k.pem"), "old");
        File.SetUnixFileMode(PathOf("k.pem"), OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        SafeFile.Write(PathOf("k.pem"), [1], secret: true);
        File.GetUnixFileMode(PathOf("k.pem")).ShouldBe(OwnerOnly);
    }

    [Test]
    public void A_plain_file_gets_the_umask_mode()
    {
        File.WriteAllText(PathOf("reference"), "");
        SafeFile.Write(PathOf("c.pem"), [1], secret: false);
        File.GetUnixFileMode(PathOf("c.pem")).ShouldBe(File.GetUnixFileMode(PathOf("reference")));
    }

    [Test]
    public void An_existing_plain_file_keeps_its_mode()
    {
        File.WriteAllText(PathOf("c.pem"), "old contents that are longer");
        File.SetUnixFileMode(PathOf("c.pem"), OwnerOnly | UnixFileMode.GroupRead);
        SafeFile.Write(PathOf("c.pem"), [7], secret: false);
        File.GetUnixFileMode(PathOf("c.pem")).ShouldBe(OwnerOnly | UnixFileMode.GroupRead);
        File.ReadAllBytes(PathOf("c.pem")).ShouldBe(new byte[] { 7 });
    }

    [Test]
    public void Writing_through_a_symbolic_link_keeps_the_link()
    {
        File.WriteAllText(PathOf("real"), "old");
        File.CreateSymbolicLink(PathOf("link"), PathOf("real"));
        SafeFile.Write(PathOf("link"), [9], secret: false);
        new FileInfo(PathOf("link")).LinkTarget.ShouldNotBeNull();
        File.ReadAllBytes(PathOf("real")).ShouldBe(new byte[] { 9 });
    }

    [Test]
    public void A_device_is_written_directly_and_not_replaced()
    {
        SafeFile.Write("/dev/null", [1, 2], secret: true);
        File.Exists("/dev/null").ShouldBeTrue();
        new FileInfo("/dev/null").Length.ShouldBe(0);
    }

    [TestCase(true, "Can't open \"{0}\" for writing, No such file or directory")]
    [TestCase(false, "Can't open \"{0}\" for writing, No such file or directory")]
    public void A_missing_directory_fails_with_OpenSSLs_words_and_leaves_nothing(bool secret, string expected)
    {
        var path = PathOf("missing/k.pem");
        var e = Should.Throw<CnfSignerException>(() => SafeFile.Write(path, [1], secret));
        e.Message.ShouldBe(string.Format(expected, path));
        e.PrefixWithCommand.ShouldBe(secret); // bio_open_owner() names the app, bio_open_default() does not
        Directory.GetFileSystemEntries(_dir).ShouldBeEmpty();
    }

    [Test]
    public void A_directory_target_is_refused() =>
        Should.Throw<CnfSignerException>(() => SafeFile.Write(_dir, [1], true)).Message
            .ShouldBe($"Can't open \"{_dir}\" for writing, Is a directory");

    [Test]
    public void Checking_writability_leaves_nothing_behind()
    {
        SafeFile.CheckWritable(PathOf("k.pem"), secret: true);
        Directory.GetFileSystemEntries(_dir).ShouldBeEmpty();
        Should.Throw<CnfSignerException>(() => SafeFile.CheckWritable(PathOf("no/k.pem"), true)).Message
            .ShouldBe($"Can't open \"{PathOf("no/k.pem")}\" for writing, No such file or directory");
    }

    [Test]
    public void A_successful_write_leaves_no_temporary_file()
    {
        SafeFile.Write(PathOf("a"), [1], secret: true);
        SafeFile.Write(PathOf("a"), [2], secret: true);
        Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).ShouldBe(["a"]);
    }

    [TestCase(null, "Can't open \"{0}\" for reading, No such file or directory")]
    [TestCase("certificate", "Could not open file or uri for loading certificate from {0}\nNo such file or directory")]
    public void Reading_a_missing_file_uses_OpenSSLs_words(string? what, string expected)
    {
        var path = PathOf("nonexistent");
        Should.Throw<CnfSignerException>(() => SafeFile.ReadAllBytes(path, what)).Message.ShouldBe(string.Format(expected, path));
    }
}

public class SafeFileFifoTests
{
    [Test, CancelAfter(20000)]
    public void A_FIFO_is_written_directly_to_its_reader()
    {
        var dir = TestData.NewTempDirectory();
        try
        {
            var fifo = Path.Combine(dir, "fifo");
            var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]);
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0) Assert.Ignore("mkfifo failed");
            var reader = Task.Run(() => File.ReadAllBytes(fifo));
            SafeFile.CheckWritable(fifo, secret: true);
            SafeFile.Write(fifo, [4, 5, 6], secret: true);
            reader.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue();
            reader.Result.ShouldBe(new byte[] { 4, 5, 6 });
            Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).ShouldBe(["fifo"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
