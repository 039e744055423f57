using CnfSigner.Config;
using Sprache;

namespace CnfSigner.Config.Tests;

/// <summary>
/// The reader splits plain lines and values without the Sprache parsers (a start-up cost); on every line, plain or
/// not, the direct split must give what the parsers give.
/// </summary>
public class FastPathTests
{
    private static readonly string[] Tokens =
    [
        "a", "b", "Z9", "_", " ", "\t", "\r", "=", "$", "$a", "${a}", "$(b", "::", ":", "[", "]", "#", "\\", "\"", "'", "`",
        "\\n", ".", "/", "-", ",", "!", "é", "{", "}", "(", ")", "default_ca", "= ", "dir",
    ];

    private static IEnumerable<string> Lines()
    {
        var random = new Random(16);
        for (var n = 0; n < 20_000; n++)
            yield return string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Tokens[random.Next(Tokens.Length)]));
        foreach (var file in Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "configs"), "*.cnf"))
            foreach (var line in File.ReadAllLines(file)) yield return line;
    }

    [Test]
    public void Direct_splits_equal_the_parsers()
    {
        var plain = 0;
        foreach (var line in Lines())
        {
            CnfGrammar.StripComment(line).ShouldBe(CnfGrammar.CommentFree.Parse(line), line);
            foreach (var grammar in new[] { CnfGrammar.Default, CnfGrammar.DollarId })
            {
                grammar.SplitKeyLine(line).ShouldBe(grammar.KeyLine.Parse(line), line);
                var direct = grammar.SplitValue(line).ToList();
                var parsed = grammar.Pieces.TryParse(line);
                if (!parsed.WasSuccessful) continue;
                if (direct is [LiteralPiece { Text: var text }] && !parsed.Value.OfType<VariablePiece>().Any())
                {
                    plain++;
                    text.ShouldBe(string.Concat(parsed.Value.Cast<LiteralPiece>().Select(p => p.Text)), line);
                }
                else direct.ShouldBe(parsed.Value.ToList(), line);
            }
        }
        plain.ShouldBeGreaterThan(1000); // the direct path was taken
    }
}
