using CnfSigner.Config;

namespace CnfSigner.Config.Tests;

/// <summary>
/// One row per rule of OpenSSL's config reader (section A of the behaviour notes); the golden tests check the
/// same rules against dumps made by the real library.
/// </summary>
public class RuleTests
{
    private static readonly Dictionary<string, string> Env = new() { ["CNF_TEST_VAR"] = "from-env", ["CNF_EMPTY"] = "" };

    private static CnfDocument Read(string text) => CnfLoader.Parse(text, "t.cnf", Env.GetValueOrDefault);

    private static string? Value(string text, string section, string name) =>
        Read(text).GetSection(section)?.SingleOrDefault(kv => kv.Key == name).Value;

    // A.1 lines, sections, name = value
    [TestCase("a = 1", "default", "a", "1", TestName = "Keys before any header go to section default")]
    [TestCase("a = 1\r\nb = 2\r\n", "default", "b", "2", TestName = "CRLF line ends are stripped")]
    [TestCase("\uFEFFa = 1\n", "default", "a", "1", TestName = "A UTF-8 BOM on the first line is skipped")]
    [TestCase("a = 1", "default", "a", "1", TestName = "A last line without newline is read")]
    [TestCase("   \t a = 1", "default", "a", "1", TestName = "Leading whitespace is skipped")]
    [TestCase("[s]\n[default]\na = 1", "default", "a", "1", TestName = "An explicit default header goes back to default")]
    [TestCase("[  sec1  ]\na = 1", "sec1", "a", "1", TestName = "Header name is trimmed")]
    [TestCase("[ s p ace ]\na = 1", "s p ace", "a", "1", TestName = "Header keeps inner whitespace")]
    [TestCase("[s2] trailing junk\na = 1", "s2", "a", "1", TestName = "Anything after the closing bracket is ignored")]
    [TestCase("[]\na = 1", "", "a", "1", TestName = "Empty brackets name the empty section")]
    [TestCase("[a!%&*+,-./;?@^|~]\nk = 1", "a!%&*+,-./;?@^|~", "k", "1", TestName = "Header allows OpenSSL's punctuation")]
    [TestCase("[a\\]b]\nk = 1", "a]b", "k", "1", TestName = "Header escapes are decoded")]
    [TestCase("k!%&*+,-./;?@^|~ = 1", "default", "k!%&*+,-./;?@^|~", "1", TestName = "Key allows OpenSSL's punctuation")]
    [TestCase("k\\z = v", "default", "k\\z", "v", TestName = "An escaped key character keeps its backslash")]
    [TestCase("[s]\nother::k = v", "other", "k", "v", TestName = "sect::name stores into another section")]
    [TestCase("=novalue", "default", "", "novalue", TestName = "An empty key is accepted")]
    [TestCase("  spaced   =   value with   inner   spaces   ", "default", "spaced", "value with   inner   spaces", TestName = "Value is trimmed and keeps inner spaces")]
    [TestCase("t\t=\tv\tw\t", "default", "t", "v\tw", TestName = "Tabs count as whitespace")]
    [TestCase("q7 =   ", "default", "q7", "", TestName = "An empty value is empty")]
    // A.2 comments
    [TestCase("b = x#y", "default", "b", "x", TestName = "Hash starts a comment anywhere")]
    [TestCase("c = value # trailing comment", "default", "c", "value", TestName = "Trailing comment is removed")]
    [TestCase("q6 = #all comment", "default", "q6", "", TestName = "A value of only a comment is empty")]
    [TestCase("h = esc\\#hash", "default", "h", "esc#hash", TestName = "Escaped hash is not a comment")]
    [TestCase("a = x ; y", "default", "a", "x ; y", TestName = "Semicolon is not a comment")]
    [TestCase(";b = 2", "default", ";b", "2", TestName = "Semicolon starts a key")]
    // A.3 quoting and escapes
    [TestCase("d = \"quoted # not comment\"", "default", "d", "quoted # not comment", TestName = "Double quotes protect a hash")]
    [TestCase("e = 'single # quoted'", "default", "e", "single # quoted", TestName = "Single quotes behave like double quotes")]
    [TestCase("f = `back # quoted`", "default", "f", "back # quoted", TestName = "Backquotes are quotes too")]
    [TestCase("f = \"dq with 'sq' inside\" tail", "default", "f", "dq with 'sq' inside tail", TestName = "Quoted and unquoted parts concatenate")]
    [TestCase("q4 = \"a\"\"b\"", "default", "q4", "ab", TestName = "Doubled quote is two strings not an escape")]
    [TestCase("q3 = \"unterminated", "default", "q3", "unterminated", TestName = "A missing closing quote is not an error")]
    [TestCase("c = \"  padded  \"", "default", "c", "  padded  ", TestName = "Whitespace inside quotes is kept")]
    [TestCase("q1 = \"a\\\"b\" x", "default", "q1", "a\"b x", TestName = "Inside quotes backslash X gives X")]
    [TestCase("n = \"n\\n\"", "default", "n", "nn", TestName = "Inside quotes backslash n is the letter n")]
    [TestCase("g = a\\nb\\tc\\rd\\be", "default", "g", "a\nb\tc\rd\be", TestName = "Outside quotes backslash n t r b are control characters")]
    [TestCase("h = \\$d \\\\ \\\" \\' \\x", "default", "h", "$d \\ \" ' x", TestName = "Any other escaped character is itself")]
    [TestCase("e = \\  lead", "default", "e", "  lead", TestName = "An escaped space keeps leading whitespace")]
    [TestCase("a = x\\ ", "default", "a", "x", TestName = "An escaped trailing space is trimmed before unescaping")]
    [TestCase("name = Jürgen", "default", "name", "Jürgen", TestName = "Non-ASCII bytes in values are kept")]
    // A.4 continuation
    [TestCase("i = line1 \\\n  line2", "default", "i", "line1   line2", TestName = "Continuation keeps the next line's whitespace")]
    [TestCase("a = x\\\\\nb = 1", "default", "a", "x\\", TestName = "Two trailing backslashes are not a continuation")]
    [TestCase("a = x \\\\\\\nb = 1", "default", "a", "x \\", TestName = "Three trailing backslashes are not a continuation")]
    [TestCase("a = x\\", "default", "a", "x", TestName = "A trailing backslash at end of file is dropped")]
    [TestCase("a\\\nb\\\nc = 1", "default", "abc", "1", TestName = "Continuation works inside key names")]
    [TestCase("a = x\0yz\nb = 2", "default", "a", "xb = 2", TestName = "A NUL byte loses the rest of its read so the line goes on")]
    // A.5 variables
    [TestCase("b = 1\na = $b.x $b-x $b/x $b:x $b x", "default", "a", "1.x 1-x 1/x 1:x 1 x", TestName = "Variable name ends at the first non-name character")]
    [TestCase("b = 1\na = ${b}_x $(b)", "default", "a", "1_x 1", TestName = "Braces and parentheses delimit a variable")]
    [TestCase("x = dx\n[t]\ne = $x", "t", "e", "dx", TestName = "Variable falls back to section default")]
    [TestCase("x = dx\n[t]\na = ${nosuch::x}", "t", "a", "dx", TestName = "Section variable falls back to section default")]
    [TestCase("[s]\nv = 1\n[t]\na = $s::v ${s::v}", "t", "a", "1 1", TestName = "Variable from another section")]
    [TestCase("a = $ENV::CNF_TEST_VAR ${ENV::CNF_TEST_VAR}", "default", "a", "from-env from-env", TestName = "ENV variable reads the environment")]
    [TestCase("a = [$ENV::CNF_EMPTY]", "default", "a", "[]", TestName = "An empty environment variable expands to empty")]
    [TestCase("NOSUCH_ZZ = d\nb = $ENV::NOSUCH_ZZ", "default", "b", "d", TestName = "ENV variable falls back to section default")]
    [TestCase("[ENV]\nCNF_TEST_VAR = file\n[t]\na = $ENV::CNF_TEST_VAR", "t", "a", "file", TestName = "A section named ENV wins over the environment")]
    [TestCase("b = 1\na = '$b' \"$b\" \\$b", "default", "a", "$b $b $b", TestName = "No expansion inside quotes or after a backslash")]
    [TestCase("[t]\nl = \\$b\n[u]\na = $t::l", "u", "a", "$b", TestName = "An expansion is not scanned again")]
    [TestCase("=e\na = cost $ 5", "default", "a", "cost e 5", TestName = "A dollar before a non-name character looks up the empty name")]
    // A.7 pragmas
    [TestCase(".pragma dollarid:on\na$b = 2", "default", "a$b", "2", TestName = "dollarid allows dollar in keys")]
    [TestCase("b = 1\n.pragma dollarid:on\nc = $b and ${b} and foo$bar", "default", "c", "$b and 1 and foo$bar", TestName = "dollarid keeps bare dollar names literal")]
    [TestCase("b = 1\n.pragma = dollarid : TRUE\n.pragma dollarid:Off\nc = $b", "default", "c", "1", TestName = "dollarid values are case-insensitive booleans")]
    [TestCase(".pragma unknown:1\na = 1", "default", "a", "1", TestName = "An unknown pragma is ignored")]
    // A.8 duplicates
    [TestCase("a = 1\na = 2", "default", "a", "2", TestName = "A repeated name keeps the last value")]
    public void Rule(string text, string section, string name, string expected) =>
        Value(text, section, name).ShouldBe(expected);

    [TestCase("# c\nok = 1\na b = 1 # c\n", "Error on line 3 of config file \"t.cnf\"\nmissing equal sign: HERE-->b = 1 ", TestName = "Missing equal sign names the rest of the line")]
    [TestCase("a:b=1", "Error on line 1 of config file \"t.cnf\"\nmissing equal sign: HERE-->:b=1", TestName = "A colon is not a key character")]
    [TestCase("é=1", "Error on line 1 of config file \"t.cnf\"\nmissing equal sign: HERE-->é=1", TestName = "A non-ASCII key character is an error")]
    [TestCase("q8", "Error on line 1 of config file \"t.cnf\"\nmissing equal sign: HERE-->", TestName = "A line without equal sign is an error")]
    [TestCase(".include", "Error on line 1 of config file \"t.cnf\"\nmissing equal sign: HERE-->", TestName = "A bare include lacks its equal sign")]
    [TestCase("a = 1\n\n[ s", "Error on line 3 of config file \"t.cnf\"\nmissing close square bracket", TestName = "An unclosed header is an error")]
    [TestCase("[ $sec ]", "Error on line 1 of config file \"t.cnf\"\nmissing close square bracket", TestName = "No expansion in headers")]
    [TestCase("[a#b]", "Error on line 1 of config file \"t.cnf\"\nmissing close square bracket", TestName = "A comment inside a header cuts it")]
    [TestCase("x = $undefined", "Error on line 1 of config file \"t.cnf\"\nvariable has no value", TestName = "An undefined variable is an error")]
    [TestCase("a = $b\nb = 1", "Error on line 1 of config file \"t.cnf\"\nvariable has no value", TestName = "A variable must be defined above its use")]
    [TestCase("b = 1\na = $b_x", "Error on line 2 of config file \"t.cnf\"\nvariable has no value", TestName = "Underscore is part of a variable name")]
    [TestCase("b = 1\na = $B", "Error on line 2 of config file \"t.cnf\"\nvariable has no value", TestName = "Variable names are case-sensitive")]
    [TestCase("a = $ENV::CNF_UNSET", "Error on line 1 of config file \"t.cnf\"\nvariable has no value", TestName = "An unset ENV variable without fallback is an error")]
    [TestCase("b = 1\na = ${b", "Error on line 2 of config file \"t.cnf\"\nno close brace", TestName = "An unterminated brace is an error")]
    [TestCase("b = 1\nb.x = 2\na = ${b.x}", "Error on line 3 of config file \"t.cnf\"\nno close brace", TestName = "A dot inside braces is no close brace")]
    [TestCase("b = 1\na = ${ b }", "Error on line 2 of config file \"t.cnf\"\nno close brace", TestName = "Spaces inside braces are no close brace")]
    [TestCase("a = $undefined ${b", "Error on line 1 of config file \"t.cnf\"\nvariable has no value", TestName = "Errors are raised left to right")]
    [TestCase("a = 1 \\\n 2 \\\n 3\nb \\\n c = 1", "Error on line 5 of config file \"t.cnf\"\nmissing equal sign: HERE-->c = 1", TestName = "Error lines count physical lines")]
    [TestCase(".pragma dollarid:maybe", "Error on line 1 of config file \"t.cnf\"\ninvalid pragma", TestName = "A bad pragma boolean is an error")]
    [TestCase(".pragma nocolon", "Error on line 1 of config file \"t.cnf\"\ninvalid pragma", TestName = "A pragma without colon is an error")]
    [TestCase(".pragma =", "Error on line 1 of config file \"t.cnf\"\ninvalid pragma", TestName = "An empty pragma is an error")]
    [TestCase(".pragmafoo = x", "Error on line 1 of config file \"t.cnf\"\ninvalid pragma", TestName = "A key starting with .pragma is a pragma")]
    [TestCase(".pragma abspath:on\n.include rel.cnf", "Error on line 2 of config file \"t.cnf\"\nrelative path", TestName = "abspath rejects a relative include")]
    public void Error(string text, string expected)
    {
        var e = Should.Throw<CnfSignerException>(() => Read(text));
        e.Message.ShouldBe(expected);
        e.PrefixWithCommand.ShouldBeTrue();
        e.ExitCode.ShouldBe(1);
    }

    [Test]
    public void Expansion_longer_than_64k_is_an_error()
    {
        var text = "a = " + new string('x', 1000) + "\nb = " + string.Concat(Enumerable.Repeat("$a", 66));
        Should.Throw<CnfSignerException>(() => Read(text)).Message
            .ShouldBe("Error on line 2 of config file \"t.cnf\"\nvariable expansion too long");
        Read(text.Replace(string.Concat(Enumerable.Repeat("$a", 66)), string.Concat(Enumerable.Repeat("$a", 65))))
            .GetString(null, "b")!.Length.ShouldBe(65000);
    }

    [Test]
    public void Section_names_that_are_not_UTF8_do_not_break_loading()
    {
        var dir = Directory.CreateTempSubdirectory("cnfsigner-bytes-").FullName;
        try
        {
            var path = Path.Combine(dir, "b.cnf");
            File.WriteAllBytes(path, [.. "[\\"u8, 0xFF, .. "]\na = 1\n[\\"u8, 0xFE, .. "]\nb = 2\n"u8]);
            var doc = CnfLoader.Load(path, _ => null);
            doc.SectionNames.ShouldBe(["default", "\uFFFD"]);
            doc.GetString("\uFFFD", "a").ShouldBe("1");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_repeated_name_moves_to_its_last_position() =>
        Read("a = 1\nb = x\na = 2").GetSection("default")!.Select(kv => $"{kv.Key}={kv.Value}").ShouldBe(["b=x", "a=2"]);

    [Test]
    public void Duplicate_sections_merge_in_order() =>
        Read("[s]\na = 1\n[t]\n[s]\nb = 2").GetSection("s")!.Select(kv => kv.Key).ShouldBe(["a", "b"]);

    [Test]
    public void Section_names_are_default_first_then_first_appearance() =>
        Read("[b]\n[a]\nc::k = 1\n[b]\n[S]\n[s]").SectionNames.ShouldBe(["default", "b", "a", "c", "S", "s"]);

    [Test]
    public void Default_section_exists_even_when_empty()
    {
        var doc = Read("[s]\na = 1");
        doc.HasSection("default").ShouldBeTrue();
        doc.GetSection("default").ShouldBeEmpty();
        doc.GetSection("nosuch").ShouldBeNull();
        doc.SourcePath.ShouldBeNull();
    }

    [TestCase("s", "a", "in s", TestName = "GetString looks in the section first")]
    [TestCase("s", "d", "in default", TestName = "GetString falls back to default")]
    [TestCase(null, "a", "top", TestName = "GetString with no section reads default only")]
    [TestCase("nosuch", "d", "in default", TestName = "GetString falls back to default for an absent section")]
    [TestCase("ENV", "CNF_TEST_VAR", "from-env", TestName = "GetString of section ENV reads the environment")]
    [TestCase("s", "none", null, TestName = "GetString gives null when nothing matches")]
    public void Lookup(string? section, string name, string? expected) =>
        Read("a = top\nd = in default\n[s]\na = in s").GetString(section, name).ShouldBe(expected);
}
