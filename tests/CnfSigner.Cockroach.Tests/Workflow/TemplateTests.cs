using CnfSigner.Cockroach.Workflow;

namespace CnfSigner.Cockroach.Tests.Workflow;

public class TemplateTests
{
    private static readonly string Configs = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs"));

    [Test]
    public void Every_config_is_built_in_unchanged()
    {
        Templates.Names.ShouldBe(Directory.GetFiles(Configs, "*.cnf").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!);
        foreach (var name in Templates.Names) Templates.Read(name, null).ShouldBe(File.ReadAllText(Path.Combine(Configs, name)), name);
    }

    [Test]
    public void Set_replaces_the_last_setting_and_drops_earlier_ones()
    {
        Templates.Set("[ a ]\nx = 1\n# c\nx = 2\ny = 3\n[ b ]\nx = 9\n", "a", "x", "new")
            .ShouldBe("[ a ]\n# c\nx = new\ny = 3\n[ b ]\nx = 9\n");
    }

    [Test]
    public void Set_adds_after_the_sections_last_setting_or_adds_the_section()
    {
        Templates.Set("[ dn ]\nO = Cockroach\n\n[ ext ]\n", "dn", "CN", "node").ShouldBe("[ dn ]\nO = Cockroach\nCN = node\n\n[ ext ]\n");
        Templates.Set("[ req ]\n", "extensions", "subjectAltName", "DNS:a").ShouldBe("[ req ]\n\n[ extensions ]\nsubjectAltName = DNS:a\n");
        Templates.Set("[ req ]\nk = v\n", "req", "k", null).ShouldBe("[ req ]\n");
    }

    [TestCase("87840h", 87840 * 3600.0)]
    [TestCase("1h30m", 5400.0)]
    [TestCase("1.5h", 5400.0)]
    [TestCase("90s", 90.0)]
    [TestCase("0", 0.0)]
    public void Go_durations(string text, double seconds) => GoDuration.Parse(text).TotalSeconds.ShouldBe(seconds);

    [TestCase("")]
    [TestCase("5y")]
    [TestCase("h")]
    [TestCase("10")]
    public void Bad_go_durations(string text) =>
        Should.Throw<CnfSignerException>(() => GoDuration.Parse(text)).Message.ShouldBe($"cockroach: invalid argument \"{text}\" for \"--lifetime\" flag: time: invalid duration \"{text}\"");

    [Test]
    public void Durations_print_as_go_prints_them() => GoDuration.Format(TimeSpan.FromHours(43920)).ShouldBe("43920h0m0s");
}
