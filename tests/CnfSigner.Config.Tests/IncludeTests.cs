using CnfSigner.Config;

namespace CnfSigner.Config.Tests;

/// <summary>.include and file loading, in a scratch directory that is also the current directory.</summary>
[NonParallelizable] // relative includes resolve from the current directory, as in OpenSSL
public class IncludeTests
{
    private string _dir = "";
    private string _savedCwd = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("cnfsigner-include-").FullName;
        _savedCwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _dir;
    }

    [TearDown]
    public void TearDown()
    {
        Environment.CurrentDirectory = _savedCwd;
        Directory.Delete(_dir, recursive: true);
    }

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_dir, path))!);
        File.WriteAllText(Path.Combine(_dir, path), text);
    }

    private static string Pairs(CnfDocument doc) => string.Join(" ", doc.SectionNames.SelectMany(s =>
        doc.GetSection(s)!.Select(kv => $"{s}::{kv.Key}={kv.Value}")));

    private static CnfDocument Load(string path, string? includeEnv = null) =>
        CnfLoader.Load(path, name => name == "OPENSSL_CONF_INCLUDE" ? includeEnv : null);

    [TestCase(".include inc/one.cnf", TestName = "Include with a space")]
    [TestCase(".include = inc/one.cnf", TestName = "Include with an equal sign")]
    [TestCase(".include=inc/one.cnf", TestName = "Include with an equal sign and no spaces")]
    [TestCase(".include \"inc/one.cnf\" # comment", TestName = "Include with quotes and a comment")]
    [TestCase("d = inc\n.include $d/one.cnf", TestName = "Include path expands variables")]
    public void Include_forms(string line)
    {
        Write("inc/one.cnf", "v = 1\n");
        Write("main.cnf", line + "\n");
        Load("main.cnf").GetString(null, "v").ShouldBe("1");
    }

    [Test]
    public void Included_file_is_pasted_inline_and_its_header_stays_in_effect()
    {
        Write("inc/one.cnf", "incv = fromfile\n[incsec]\nz=1\n");
        Write("main.cnf", "[main]\n.include inc/one.cnf\nafter = 1\n");
        Pairs(Load("main.cnf")).ShouldBe("main::incv=fromfile incsec::z=1 incsec::after=1");
    }

    [Test]
    public void Relative_include_resolves_from_the_current_directory_not_the_file()
    {
        Write("sub/main.cnf", ".include one.cnf\n");
        Write("sub/one.cnf", "v = sub\n");
        Write("one.cnf", "v = cwd\n");
        Load("sub/main.cnf").GetString(null, "v").ShouldBe("cwd");
    }

    [Test]
    public void Missing_include_is_ignored() =>
        Pairs(Load(WriteMain(".include nosuch.cnf\n.include /nonexistent/x.cnf\n.includeinc/x.cnf\na = 1\n")))
            .ShouldBe("default::a=1");

    [Test]
    public void OPENSSL_CONF_INCLUDE_prefixes_relative_includes_and_beats_includedir()
    {
        Write("envdir/p.cnf", "v = env\n");
        Write("pragmadir/p.cnf", "v = pragma\n");
        var main = WriteMain(".pragma includedir:pragmadir\n.include p.cnf\n");
        Load(main).GetString(null, "v").ShouldBe("pragma");
        Load(main, includeEnv: "envdir").GetString(null, "v").ShouldBe("env");
    }

    [Test]
    public void Directory_include_reads_cnf_and_conf_files_in_ordinal_name_order()
    {
        Write("d/b.cnf", "k = b\n");
        Write("d/D.CNF", "k = D\n");
        Write("d/a.conf", "k = a\n");
        Write("d/c.txt", "k = txt\n");
        Write("d/.cnf", "k = dotcnf\n");
        Load(WriteMain(".include d\n")).GetString(null, "k").ShouldBe("b");
        Load(WriteMain(".include d/\nlast = 1\n")).GetSection("default")!.Select(kv => kv.Key).ShouldBe(["k", "last"]);
    }

    [Test]
    public void A_file_include_inside_a_directory_file_lets_the_rest_of_the_directory_go_first()
    {
        // conf_def.c: at end of the included file the next directory file is read before its includer resumes.
        Write("d/a.cnf", "[a]\n.include x.cnf\nrest = a\n");
        Write("d/b.cnf", "[b]\n");
        Write("x.cnf", "x = 1\n");
        Pairs(Load(WriteMain(".include d\n"))).ShouldBe("a::x=1 b::rest=a");
    }

    [Test]
    public void A_directory_include_from_a_directory_file_is_ignored()
    {
        Write("d/a.cnf", ".include e\nk = a\n");
        Write("e/z.cnf", "z = 1\n");
        Pairs(Load(WriteMain(".include d\n"))).ShouldBe("default::k=a");
    }

    [Test]
    public void Self_include_terminates_where_OpenSSL_runs_out_of_file_descriptors()
    {
        Write("self.cnf", "me = 1\n.include self.cnf\nafter = 2\nbad\n");
        // 1021 nested files (1024 descriptors less stdin, stdout, stderr), two lines each, then "after", "bad".
        Should.Throw<CnfSignerException>(() => Load("self.cnf")).Message
            .ShouldStartWith($"Error on line {2 * 1021 + 2} of config file \"self.cnf\"");
    }

    [Test]
    public void Line_numbers_are_cumulative_across_includes_and_name_the_top_file()
    {
        Write("inc/bad.cnf", "x = 1\ny = 2\nz = 3\nbad line\n");
        Should.Throw<CnfSignerException>(() => Load(WriteMain("a = 1\n.include inc/bad.cnf\nb = 2\n"))).Message
            .ShouldBe("Error on line 6 of config file \"main.cnf\"\nmissing equal sign: HERE-->line");
    }

    [Test]
    public void A_BOM_is_skipped_only_at_the_start_of_the_top_file()
    {
        File.WriteAllBytes(Path.Combine(_dir, "inc.cnf"), [0xEF, 0xBB, 0xBF, (byte)'b', (byte)'=', (byte)'1']);
        File.WriteAllBytes(Path.Combine(_dir, "main.cnf"), [0xEF, 0xBB, 0xBF, .. "a=1\n.include inc.cnf\n"u8]);
        Should.Throw<CnfSignerException>(() => Load("main.cnf")).Message
            .ShouldBe("Error on line 3 of config file \"main.cnf\"\nmissing equal sign: HERE-->\uFEFFb=1");
    }

    [Test]
    public void Missing_top_level_file_uses_OpenSSLs_words()
    {
        var e = Should.Throw<CnfSignerException>(() => Load("nonexist.cnf"));
        e.Message.ShouldBe("Can't open \"nonexist.cnf\" for reading, No such file or directory");
        e.ExitCode.ShouldBe(1);
        e.PrefixWithCommand.ShouldBeFalse();
    }

    [Test]
    public void Load_records_the_path_as_given() =>
        Load(WriteMain("a = 1\n")).SourcePath.ShouldBe("main.cnf");

    private string WriteMain(string text)
    {
        Write("main.cnf", text);
        return "main.cnf";
    }
}
