using CnfSigner.Config;

namespace CnfSigner.Config.Tests;

/// <summary>Bad input fails only with CnfSignerException, never with anything else.</summary>
public class FuzzTests
{
    private static readonly string[] Tokens =
    [
        "a", "b", " ", "\t", "=", "$", "$a", "${a}", "$(b", "::", "[", "]", "#", "\\", "\"", "'", "`", "\\n", "\n",
        "\r\n", "\0", ".include ", ".pragma ", "dollarid:on", "abspath:on", "includedir:", "é", "\uFEFF", ";", ":",
        "{", "}", "(", ")", "/", ".",
    ];

    [Test]
    public void Random_text_either_loads_or_fails_with_a_CnfSignerException()
    {
        var random = new Random(12345);
        for (var n = 0; n < 3000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Tokens[random.Next(Tokens.Length)]));
            try
            {
                CnfLoader.Parse(text, "fuzz.cnf", _ => null);
            }
            catch (CnfSignerException e)
            {
                e.Message.ShouldStartWith("Error on line ");
            }
        }
    }
}
