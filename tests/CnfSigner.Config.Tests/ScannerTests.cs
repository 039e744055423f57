using Sprache;

namespace CnfSigner.Config.Tests;

/// <summary>
/// The hand-written scanners of <see cref="CnfGrammar"/> (clear_comments(), the key line, str_copy()'s pieces)
/// against the Sprache parsers they replaced (kept here as the reference, unchanged), on random lines.
/// </summary>
public class ScannerTests
{
    private static readonly string[] Tokens =
    [
        "a", "b", "Z9", " ", "\t", "=", "$", "$a", "${a}", "$(b", "$(b)", "${", "$$", "::", ":", "[", "]", "#", "\\", "\\\\",
        "\"", "'", "`", "\\n", "\\r", "\\b", "\\t", "\\#", "\\\"", "\r", "é", ";", "{", "}", "(", ")", "/", ".", "-", "_",
        "!", "%", "~", "@",
    ];

    [TestCase(false)]
    [TestCase(true)]
    public void The_scanners_give_what_the_Sprache_parsers_gave(bool dollarId)
    {
        var grammar = dollarId ? CnfGrammar.DollarId : CnfGrammar.Default;
        var reference = new Reference(dollarId);
        var random = new Random(dollarId ? 7 : 3);
        for (var n = 0; n < 20000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => Tokens[random.Next(Tokens.Length)]));
            CnfGrammar.ClearComments(text).ShouldBe(Reference.CommentFree.Parse(text), text);
            grammar.SplitKeyLine(text).ShouldBe(reference.KeyLine.Parse(text), text);
            Merge(grammar.PiecesOf(text)).ShouldBe(Merge(reference.Pieces.Parse(text)), text);
        }
    }

    // The scanner joins runs of text into one literal piece; the parsers gave one piece per character.
    private static List<ValuePiece> Merge(IEnumerable<ValuePiece> pieces)
    {
        var merged = new List<ValuePiece>();
        foreach (var piece in pieces)
        {
            if (piece is LiteralPiece { Text: "" }) continue;
            if (piece is LiteralPiece next && merged.Count > 0 && merged[^1] is LiteralPiece last)
                merged[^1] = new LiteralPiece(last.Text + next.Text);
            else merged.Add(piece);
        }
        return merged;
    }

    /// <summary>The Sprache parsers as CnfGrammar had them.</summary>
    private sealed class Reference
    {
        public Reference(bool dollarId)
        {
            var keyChar = Parse.Char(c => IsAlnumPunct(c) || (dollarId && c == '$'), "key character");
            var keyToken = EscapeSpan.Or(keyChar.Once().Text()).Many().Select(string.Concat);
            KeyLine =
                from first in keyToken
                from second in Parse.String("::").Then(_ => keyToken).Optional()
                from gap in Blanks
                from rest in Rest
                select second.IsDefined ? new KeyLine(first, second.Get(), gap, rest) : new KeyLine(null, first, gap, rest);
            Pieces = QuotedPiece
                .Or(EscapedPiece)
                .Or(VariableParser(dollarId))
                .Or(Parse.AnyChar.Select(c => (ValuePiece)new LiteralPiece(c.ToString())))
                .Many()
                .End();
        }

        public Parser<KeyLine> KeyLine { get; }
        public Parser<IEnumerable<ValuePiece>> Pieces { get; }

        private static Parser<ValuePiece> VariableParser(bool dollarId)
        {
            var variableName = Parse.Char(c => IsAlnum(c) || (dollarId && c == '$'), "variable name character").Many().Text();
            var openBrace = Parse.Chars('{', '(').Optional();
            if (dollarId) openBrace = openBrace.Where(o => o.IsDefined);
            return
                from dollar in Parse.Char('$')
                from open in openBrace
                from first in variableName
                from second in Parse.String("::").Then(_ => variableName).Optional()
                from close in open.IsDefined ? Parse.Char(open.Get() == '{' ? '}' : ')').Optional() : Nothing
                select Variable(open, first, second, close);
        }

        private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
        private static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
        private static bool IsAlnumPunct(char c) => IsAlnum(c) || "!%&*+,-./;?@^|~".Contains(c);
        private static bool IsQuote(char c) => c is '"' or '\'' or '`';

        private static readonly Parser<string> Blanks = Parse.Char(IsBlank, "blank").Many().Text();
        private static readonly Parser<IOption<char>> Nothing = Parse.Char(_ => false, "nothing").Optional();
        private static readonly Parser<string> Rest = Parse.AnyChar.Many().Text();

        private static readonly Parser<string> EscapeSpan =
            from backslash in Parse.Char('\\')
            from next in Parse.AnyChar.Optional()
            select next.IsDefined ? "\\" + next.Get() : "\\";

        private static readonly Parser<string> QuotedSpan =
            from open in Parse.Char(IsQuote, "quote")
            from body in EscapeSpan.Or(Parse.Char(c => c != open, "quoted character").Once().Text()).Many()
            from close in Parse.Char(open).Optional()
            select open + string.Concat(body) + (close.IsDefined ? open.ToString() : "");

        public static readonly Parser<string> CommentFree =
            QuotedSpan.Or(EscapeSpan).Or(Parse.CharExcept('#').Once().Text()).Many().Select(string.Concat);

        private static readonly Parser<ValuePiece> QuotedPiece =
            from open in Parse.Char(IsQuote, "quote")
            from body in Parse.Char('\\').Then(_ => Parse.AnyChar.Once().Text().Optional().Select(o => o.GetOrElse("")))
                .Or(Parse.Char(c => c != open, "quoted character").Once().Text())
                .Many()
            from close in Parse.Char(open).Optional()
            select (ValuePiece)new LiteralPiece(string.Concat(body));

        private static readonly Parser<ValuePiece> EscapedPiece =
            from backslash in Parse.Char('\\')
            from next in Parse.AnyChar.Optional()
            select (ValuePiece)new LiteralPiece(next.IsDefined ? Unescape(next.Get()) : "");

        private static string Unescape(char c) => c switch
        {
            'r' => "\r",
            'n' => "\n",
            'b' => "\b",
            't' => "\t",
            _ => c.ToString(),
        };

        private static ValuePiece Variable(IOption<char> open, string first, IOption<string> second, IOption<char> close)
        {
            var (section, name) = second.IsDefined ? (first, second.Get()) : ((string?)null, first);
            var length = 1 + (open.IsDefined ? 1 : 0) + (section == null ? 0 : section.Length + 2) + name.Length
                         + (close.IsDefined ? 1 : 0);
            return new VariablePiece(section, name, length, Closed: !open.IsDefined || close.IsDefined);
        }
    }
}
