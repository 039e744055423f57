using Sprache;

namespace CnfSigner.Config.Tests;

/// <summary>
/// The run-at-a-time Sprache parsers of <see cref="CnfGrammar"/> (clear_comments(), the key line, the section
/// header, str_copy()'s pieces) on random lines against two references kept here unchanged: the one-character
/// Sprache parsers CnfGrammar first had, and the hand-written scanners that replaced them for speed.
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
    public void The_parsers_give_what_the_one_character_parsers_and_the_scanners_gave(bool dollarId)
    {
        var grammar = dollarId ? CnfGrammar.DollarId : CnfGrammar.Default;
        var reference = new Reference(dollarId);
        var scanners = new Scanners(dollarId);
        var random = new Random(dollarId ? 7 : 3);
        for (var n = 0; n < 20000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => Tokens[random.Next(Tokens.Length)]));
            var commentFree = CnfGrammar.ClearComments(text);
            commentFree.ShouldBe(Reference.CommentFree.Parse(text), text);
            commentFree.ShouldBe(Scanners.ClearComments(text), text);
            var keyLine = grammar.SplitKeyLine(text);
            keyLine.ShouldBe(reference.KeyLine.Parse(text), text);
            keyLine.ShouldBe(scanners.SplitKeyLine(text), text);
            var pieces = grammar.PiecesOf(text);
            pieces.ShouldBe(Merge(reference.Pieces.Parse(text)), text);
            pieces.ShouldBe(scanners.PiecesOf(text), text);
            var header = "[" + text;
            var parsed = grammar.SectionHeader.TryParse(header);
            var expected = reference.SectionHeader.TryParse(header);
            parsed.WasSuccessful.ShouldBe(expected.WasSuccessful, header);
            if (expected.WasSuccessful) parsed.Value.ShouldBe(expected.Value, header);
            grammar.KeyToken.Parse(text).ShouldBe(reference.KeyToken.Parse(text), text);
        }
    }

    [TestCase("[ a b c", 1, 8)]
    [TestCase("[a\nb c", 2, 4)]
    [TestCase("[a\n\nb c", 3, 4)]
    public void A_failure_reports_the_line_and_column_as_Sprache_counts_them(string text, int line, int column)
    {
        var failure = CnfGrammar.Default.SectionHeader.TryParse(text);
        failure.WasSuccessful.ShouldBeFalse();
        var sprache = new Reference(false).SectionHeader.TryParse(text);
        (failure.Remainder.Position, failure.Remainder.Line, failure.Remainder.Column)
            .ShouldBe((sprache.Remainder.Position, sprache.Remainder.Line, sprache.Remainder.Column));
        (failure.Remainder.Line, failure.Remainder.Column).ShouldBe((line, column));
    }

    // The parsers and the scanners join runs of text into one literal piece; the old parsers gave one piece per character.
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
            KeyToken = keyToken;
            var keyToken1 = EscapeSpan.Or(keyChar.Once().Text()).AtLeastOnce().Select(string.Concat);
            var headerName =
                from first in keyToken
                from rest in (from ws in Blanks1 from run in keyToken1 select ws + run).Many()
                select first + string.Concat(rest);
            SectionHeader =
                from open in Parse.Char('[')
                from lead in Blanks
                from name in headerName
                from trail in Blanks
                from close in Parse.Char(']')
                select name;
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

        public Parser<string> KeyToken { get; }
        public Parser<KeyLine> KeyLine { get; }
        public Parser<string> SectionHeader { get; }
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

        internal static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
        internal static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
        internal static bool IsAlnumPunct(char c) => IsAlnum(c) || "!%&*+,-./;?@^|~".Contains(c);
        internal static bool IsQuote(char c) => c is '"' or '\'' or '`';

        private static readonly Parser<string> Blanks = Parse.Char(IsBlank, "blank").Many().Text();
        private static readonly Parser<string> Blanks1 = Parse.Char(IsBlank, "blank").AtLeastOnce().Text();
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

        internal static string Unescape(char c) => c switch
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

    /// <summary>The hand-written scanners as CnfGrammar had them (commit c35997f), the same character classes.</summary>
    private sealed class Scanners(bool dollarId)
    {
        private readonly bool _dollarId = dollarId;

        /// <summary>clear_comments(): the line up to the first '#' that is not quoted (scan_quote()) or escaped.</summary>
        public static string ClearComments(string line)
        {
            var i = 0;
            while (i < line.Length)
            {
                var c = line[i];
                if (c == '#') break;
                i++;
                if (c == '\\') { if (i < line.Length) i++; }
                else if (Reference.IsQuote(c))
                {
                    // the closing quote may be missing; an escaped pair inside is skipped whole
                    while (i < line.Length && line[i] != c) i += line[i] == '\\' && i + 1 < line.Length ? 2 : 1;
                    if (i < line.Length) i++;
                }
            }
            return line[..i];
        }

        /// <summary>
        /// def_load_bio(): a key line as [section::]name (eat_alpha_numeric(): key characters and escaped pairs, the
        /// backslash kept, possibly empty), the blanks after it and the rest of the line.
        /// </summary>
        public KeyLine SplitKeyLine(string text)
        {
            var i = 0;
            var first = KeyRun(text, ref i);
            string? section = null;
            var name = first;
            if (string.CompareOrdinal(text, i, "::", 0, 2) == 0)
            {
                i += 2;
                section = first;
                name = KeyRun(text, ref i);
            }
            var gapStart = i;
            while (i < text.Length && Reference.IsBlank(text[i])) i++;
            return new KeyLine(section, name, text[gapStart..i], text[i..]);
        }

        private string KeyRun(string text, ref int i)
        {
            var start = i;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\\') i = Math.Min(i + 2, text.Length);
                else if (Reference.IsAlnumPunct(c) || (_dollarId && c == '$')) i++;
                else break;
            }
            return text[start..i];
        }

        /// <summary>
        /// str_copy(): the pieces of a value, left to right. Quotes: "\X" gives X (no control characters), a trailing
        /// lone backslash is dropped, the closing quote may be missing. Outside quotes: \r \n \b \t are control
        /// characters, any other \X gives X. "$": a name of [A-Za-z0-9_] (and "$" with dollarid), optionally
        /// "section::" first, optionally in braces or parentheses; with dollarid a bare "$name" is text and only "${"
        /// and "$(" expand. Runs of plain text come as one piece.
        /// </summary>
        public List<ValuePiece> PiecesOf(string raw)
        {
            var pieces = new List<ValuePiece>();
            var text = new System.Text.StringBuilder();
            var i = 0;
            while (i < raw.Length)
            {
                var c = raw[i];
                if (Reference.IsQuote(c))
                {
                    i++;
                    while (i < raw.Length && raw[i] != c)
                    {
                        if (raw[i] == '\\') { if (i + 1 < raw.Length) text.Append(raw[i + 1]); i += 2; }
                        else text.Append(raw[i++]);
                    }
                    if (i < raw.Length) i++;
                }
                else if (c == '\\')
                {
                    if (i + 1 < raw.Length) text.Append(Reference.Unescape(raw[i + 1]));
                    i += 2;
                }
                else if (c == '$' && (!_dollarId || (i + 1 < raw.Length && raw[i + 1] is '{' or '(')))
                {
                    if (text.Length > 0) { pieces.Add(new LiteralPiece(text.ToString())); text.Clear(); }
                    pieces.Add(Variable(raw, ref i));
                }
                else text.Append(raw[i++]);
            }
            if (text.Length > 0) pieces.Add(new LiteralPiece(text.ToString()));
            return pieces;
        }

        private VariablePiece Variable(string raw, ref int i)
        {
            var start = i++;
            var open = i < raw.Length && raw[i] is '{' or '(' ? raw[i++] : '\0';
            string? section = null;
            var name = VariableName(raw, ref i);
            if (string.CompareOrdinal(raw, i, "::", 0, 2) == 0)
            {
                i += 2;
                section = name;
                name = VariableName(raw, ref i);
            }
            var closed = open == '\0';
            if (!closed && i < raw.Length && raw[i] == (open == '{' ? '}' : ')'))
            {
                i++;
                closed = true;
            }
            return new VariablePiece(section, name, i - start, closed);
        }

        private string VariableName(string raw, ref int i)
        {
            var start = i;
            while (i < raw.Length && (Reference.IsAlnum(raw[i]) || (_dollarId && raw[i] == '$'))) i++;
            return raw[start..i];
        }
    }
}
