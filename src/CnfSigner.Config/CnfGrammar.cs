using System.Buffers;
using Sprache;

namespace CnfSigner.Config;

/// <summary>A key line split as def_load_bio() splits it: [section::]name, the blanks after it, the rest.</summary>
internal sealed record KeyLine(string? Section, string Name, string Gap, string Rest);

/// <summary>
/// The config language over byte strings (see <see cref="ByteText"/>) as Sprache parsers, one per scanner of
/// crypto/conf/conf_def.c: <see cref="CommentFree"/> is clear_comments() (with scan_quote() and scan_esc()),
/// <see cref="KeyLine"/> and <see cref="SectionHeader"/> are def_load_bio()'s use of eat_alpha_numeric() and
/// eat_ws(), <see cref="Pieces"/> is str_copy(). Character classes are CONF_type_default from
/// crypto/conf/conf_def.h. The per-character work is done by the primitives in <see cref="Scan"/>, which take a
/// whole run of characters (or an escaped pair) in one step over a <see cref="ScanInput"/>: parsers built from
/// Sprache's one-character parsers took 45 million instructions, over 10 ms, for OpenSSL's 390-line default
/// openssl.cnf, which `req` reads on every run. Two instances exist because <c>.pragma dollarid:on</c> changes
/// what a key and a variable name may contain.
/// </summary>
internal sealed class CnfGrammar
{
    private CnfGrammar(bool dollarId)
    {
        var keyChars = SearchValues.Create(AlnumPunct + (dollarId ? "$" : ""));
        var nameChars = SearchValues.Create(Alnum + (dollarId ? "$" : ""));

        // eat_alpha_numeric(): key characters and escaped pairs, the backslash kept.
        var keyRun = Scan.Run(keyChars, "key character", atLeastOne: false);
        KeyToken = Scan.OnScanInput(Scan.Runs(keyRun, Scan.EscapedPair));
        var keyToken1 = Scan.Run(keyChars, "key character").Or(Scan.EscapedPair).Then(_ => KeyToken).Covered();

        // def_load_bio(): "sect::name" stores into another section.
        var otherName = Scan.Literal("::").Then(_ => KeyToken).Optional();
        KeyLine = Scan.OnScanInput(KeyToken.Then(first => otherName.Then(second => Blanks.Then(gap => Scan.Rest.Then(rest =>
            Parse.Return(second.IsDefined ? new KeyLine(first, second.Get(), gap, rest) : new KeyLine(null, first, gap, rest)))))));

        // def_load_bio() "[": name runs separated by blanks are one name ("[ s p ace ]" is "s p ace").
        var moreNames = Blanks1.Then(_ => keyToken1).Many();
        var headerName = KeyToken.Then(_ => moreNames).Covered();
        SectionHeader = Scan.OnScanInput(
            from open in Scan.Char('[')
            from lead in Blanks
            from name in headerName
            from trail in Blanks
            from close in Scan.Char(']')
            select name);

        // After the character that starts it: a variable, quoted text or an escaped character.
        var variable = VariableAfterDollar(nameChars, dollarId);
        // With dollarid a "$" that is not "${" or "$(" is text.
        if (dollarId) variable = variable.Or(Parse.Return((ValuePiece)new LiteralPiece("$")));
        var special = new Dictionary<char, Parser<ValuePiece>>(QuotedText) { ['$'] = variable, ['\\'] = EscapedText };
        var pieces = PlainPiece.Or(Scan.Char(SearchValues.Create("$\\" + Quotes), "special character").Then(c => special[c]));
        Pieces = Scan.OnScanInput(pieces.Many().End().Select(Joined));
    }

    /// <summary>eat_alpha_numeric(): possibly empty.</summary>
    public Parser<string> KeyToken { get; }

    /// <summary>
    /// def_load_bio(): a key line as [section::]name (eat_alpha_numeric(): key characters and escaped pairs, the
    /// backslash kept, possibly empty), the blanks after it and the rest of the line.
    /// </summary>
    public Parser<KeyLine> KeyLine { get; }

    /// <summary>A line (comments cleared, leading blanks eaten) that starts with "[" must match this.</summary>
    public Parser<string> SectionHeader { get; }

    /// <summary>
    /// str_copy(): the pieces of a value, left to right. Quotes: "\X" gives X (no control characters), a trailing
    /// lone backslash is dropped, the closing quote may be missing. Outside quotes: \r \n \b \t are control
    /// characters, any other \X gives X. "$": a name of [A-Za-z0-9_] (and "$" with dollarid), optionally
    /// "section::" first, optionally in braces or parentheses; with dollarid a bare "$name" is text and only "${"
    /// and "$(" expand. Adjacent text comes as one piece, empty text as none.
    /// </summary>
    public Parser<List<ValuePiece>> Pieces { get; }

    public static string ClearComments(string line) => Scan.Whole(CommentFree, line);

    public KeyLine SplitKeyLine(string text) => Scan.Whole(KeyLine, text);

    public List<ValuePiece> PiecesOf(string raw) => Scan.Whole(Pieces, raw);

    // crypto/conf/conf_def.h CONF_type_default: CONF_WS is tab, LF, CR and space; CONF_ALNUM is [A-Za-z0-9_];
    // CONF_PUNCT adds the characters below to a key.
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
    private const string AlnumPunct = Alnum + "!%&*+,-./;?@^|~";

    private static readonly SearchValues<char> BlankChars = SearchValues.Create(" \t\n\r");
    private static readonly Parser<string> Blanks = Scan.Run(BlankChars, "blank", atLeastOne: false);
    private static readonly Parser<string> Blanks1 = Scan.Run(BlankChars, "blank");

    // CONF_QUOTE: double quote, single quote and backquote all quote.
    private const string Quotes = "\"'`";

    /// <summary>The parsers for what follows each opening quote.</summary>
    private static Dictionary<char, Parser<T>> PerQuote<T>(Func<char, Parser<T>> make) =>
        Quotes.ToDictionary(quote => quote, make);

    /// <summary>Quoted text up to the closing quote or a backslash.</summary>
    private static Parser<string> QuotedRun(char quote, bool atLeastOne) =>
        Scan.RunExcept(SearchValues.Create(quote + "\\"), "quoted text", atLeastOne);

    private static readonly SearchValues<char> QuotesAndBackslash = SearchValues.Create(Quotes + "\\");

    /// <summary>
    /// What clear_comments() skips after a quote (scan_quote(): to the closing quote, which may be missing, escaped
    /// pairs skipped whole) or a backslash (scan_esc(): the next character, if any).
    /// </summary>
    private static readonly Dictionary<char, Parser<string>> Skipped = new(PerQuote(quote =>
        Scan.Runs(QuotedRun(quote, atLeastOne: false), Scan.EscapedPair)
            .Then(_ => Scan.Char(quote).Optional()).Covered()))
    {
        ['\\'] = Parse.AnyChar.Optional().Return(""),
    };

    /// <summary>clear_comments(): the line up to the first '#' that is not quoted (scan_quote()) or escaped.</summary>
    public static readonly Parser<string> CommentFree = Scan.OnScanInput(
        Scan.Runs(Scan.RunExcept(SearchValues.Create("#\\" + Quotes), "text", atLeastOne: false),
            Scan.Char(QuotesAndBackslash, "quote or backslash").Then(c => Skipped[c])));

    private static readonly Parser<ValuePiece> PlainPiece =
        Scan.RunExcept(SearchValues.Create("$\\" + Quotes), "text").Select(text => (ValuePiece)new LiteralPiece(text));

    /// <summary>str_copy() after a quote: "\X" gives X (no control characters), a trailing lone backslash is dropped.</summary>
    private static readonly Dictionary<char, Parser<ValuePiece>> QuotedText = PerQuote(quote =>
        QuotedRun(quote, atLeastOne: true)
            .Or(Scan.EscapedPair.Select(pair => pair[1..]))
            .Many()
            .Then(body => Scan.Char(quote).Optional().Return((ValuePiece)new LiteralPiece(string.Concat(body)))));

    /// <summary>str_copy() after a backslash: \r \n \b \t are control characters, any other \X gives X.</summary>
    private static readonly Parser<ValuePiece> EscapedText =
        Parse.AnyChar.Optional().Select(next => (ValuePiece)new LiteralPiece(next.IsDefined ? Unescape(next.Get()) : ""));

    /// <summary>str_copy() after "$".</summary>
    private static Parser<ValuePiece> VariableAfterDollar(SearchValues<char> nameChars, bool dollarId)
    {
        var name = Scan.Run(nameChars, "variable name character", atLeastOne: false);
        var open = Scan.Char('{').Or(Scan.Char('(')).Optional();
        if (dollarId) open = open.Where(o => o.IsDefined);
        var closeBrace = Scan.Char('}').Optional();
        var closeParen = Scan.Char(')').Optional();
        var notOpened = Parse.Return(None<char>.Value);
        var otherName = Scan.Literal("::").Then(_ => name).Optional();
        return
            from opened in open
            from first in name
            from second in otherName
            from close in opened.IsDefined ? opened.Get() == '{' ? closeBrace : closeParen : notOpened
            select Variable(opened, first, second, close);
    }

    private static ValuePiece Variable(IOption<char> open, string first, IOption<string> second, IOption<char> close)
    {
        var (section, name) = second.IsDefined ? (first, second.Get()) : ((string?)null, first);
        var length = 1 + (open.IsDefined ? 1 : 0) + (section == null ? 0 : section.Length + 2) + name.Length
                     + (close.IsDefined ? 1 : 0);
        return new VariablePiece(section, name, length, Closed: !open.IsDefined || close.IsDefined);
    }

    private static string Unescape(char c) => c switch
    {
        'r' => "\r",
        'n' => "\n",
        'b' => "\b",
        't' => "\t",
        _ => c.ToString(),
    };

    /// <summary>Adjacent text pieces joined, empty ones dropped.</summary>
    private static List<ValuePiece> Joined(IEnumerable<ValuePiece> pieces)
    {
        var joined = new List<ValuePiece>();
        LiteralPiece? text = null;
        System.Text.StringBuilder? more = null;
        foreach (var piece in pieces)
        {
            if (piece is LiteralPiece literal)
            {
                if (literal.Text.Length == 0) continue;
                if (text == null) text = literal;
                else (more ??= new System.Text.StringBuilder(text.Text)).Append(literal.Text);
                continue;
            }
            Flush();
            joined.Add(piece);
        }
        Flush();
        return joined;

        void Flush()
        {
            if (more != null) joined.Add(new LiteralPiece(more.ToString()));
            else if (text != null) joined.Add(text);
            text = null;
            more = null;
        }
    }

    /// <summary>An absent option (Sprache's own is internal).</summary>
    private sealed class None<T> : IOption<T>
    {
        public static readonly IOption<T> Value = new None<T>();
        public bool IsEmpty => true;
        public bool IsDefined => false;
        public T GetOrDefault() => default!;
        public T Get() => throw new InvalidOperationException("Cannot get value from None.");
    }

    // Last: static fields initialize in text order, and the constructors use the shared parsers above.
    public static readonly CnfGrammar Default = new(dollarId: false);
    public static readonly CnfGrammar DollarId = new(dollarId: true);
}

/// <summary>
/// Sprache primitives that consume a whole run of characters in one step and give one result, so a parser built
/// from them makes one result per token rather than one per character.
/// </summary>
internal static class Scan
{
    /// <summary>The longest run of characters in <paramref name="chars"/>; empty only if allowed.</summary>
    public static Parser<string> Run(SearchValues<char> chars, string description, bool atLeastOne = true) =>
        Run(chars, inSet: true, description, atLeastOne);

    /// <summary>The longest run of characters not in <paramref name="stops"/>; empty only if allowed.</summary>
    public static Parser<string> RunExcept(SearchValues<char> stops, string description, bool atLeastOne = true) =>
        Run(stops, inSet: false, description, atLeastOne);

    private static Parser<string> Run(SearchValues<char> chars, bool inSet, string description, bool atLeastOne)
    {
        var expected = new[] { description };
        return i =>
        {
            var rest = i.Source.AsSpan(i.Position);
            var length = inSet ? rest.IndexOfAnyExcept(chars) : rest.IndexOfAny(chars);
            if (length < 0) length = rest.Length;
            return length == 0 && atLeastOne
                ? Result.Failure<string>(i, "unexpected character", expected)
                : Result.Success(Text(i, length), Skip(i, length));
        };
    }

    /// <summary>scan_esc(): a backslash and the character after it, if any, kept as they are.</summary>
    public static readonly Parser<string> EscapedPair = i =>
    {
        if (i.AtEnd || i.Current != '\\') return Result.Failure<string>(i, "unexpected character", Backslash);
        var length = i.Position + 1 < i.Source.Length ? 2 : 1;
        return Result.Success(Text(i, length), Skip(i, length));
    };

    private static readonly string[] Backslash = ["backslash"];

    /// <summary>
    /// Runs (possibly empty) with something else between them: (run | other)* as run (other run)*, which tries
    /// only <paramref name="other"/> where a run ends. The text covered.
    /// </summary>
    public static Parser<string> Runs<T>(Parser<string> run, Parser<T> other)
    {
        var more = other.Then(_ => run).Many();
        return run.Then(_ => more).Covered();
    }

    public static Parser<char> Char(SearchValues<char> chars, string description)
    {
        var expected = new[] { description };
        return i => !i.AtEnd && chars.Contains(i.Current)
            ? Result.Success(i.Current, Skip(i, 1))
            : Result.Failure<char>(i, "unexpected character", expected);
    }

    /// <summary>Everything left, possibly nothing.</summary>
    public static readonly Parser<string> Rest = i => Result.Success(Text(i, i.Source.Length - i.Position), Skip(i, i.Source.Length - i.Position));

    public static Parser<char> Char(char c)
    {
        var expected = new[] { c.ToString() };
        return i => !i.AtEnd && i.Current == c
            ? Result.Success(c, Skip(i, 1))
            : Result.Failure<char>(i, "unexpected character", expected);
    }

    public static Parser<string> Literal(string text)
    {
        var expected = new[] { text };
        return i => i.Source.AsSpan(i.Position).StartsWith(text, StringComparison.Ordinal)
            ? Result.Success(text, Skip(i, text.Length))
            : Result.Failure<string>(i, "unexpected character", expected);
    }

    /// <summary>The source text that <paramref name="parser"/> consumed.</summary>
    public static Parser<string> Covered<T>(this Parser<T> parser) => i =>
    {
        var result = parser(i);
        return result.WasSuccessful
            ? Result.Success(Text(i, result.Remainder.Position - i.Position), result.Remainder)
            : Result.Failure<string>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>Runs <paramref name="parser"/> over a <see cref="ScanInput"/>, whatever input it is given.</summary>
    public static Parser<T> OnScanInput<T>(Parser<T> parser) =>
        i => parser(i as ScanInput ?? new ScanInput(i.Source, i.Position));

    /// <summary>The value of a parser that consumes any text whole (it has no failure for well-formed strings).</summary>
    public static T Whole<T>(Parser<T> parser, string text)
    {
        var result = parser(new ScanInput(text, 0));
        return result.WasSuccessful ? result.Value : throw new ParseException(result.ToString());
    }

    /// <summary>The text from the input's position on; the source itself when that is all of it.</summary>
    private static string Text(IInput input, int length) =>
        length == input.Source.Length ? input.Source : input.Source.Substring(input.Position, length);

    private static IInput Skip(IInput input, int count)
    {
        if (input is ScanInput scan) return scan.At(scan.Position + count);
        for (var n = 0; n < count; n++) input = input.Advance();
        return input;
    }
}

/// <summary>
/// An input that moves any distance in one step (Sprache's own Input moves one character at a time, and makes a
/// memo dictionary at every position). Line and column are counted only when asked for (error messages).
/// </summary>
internal sealed class ScanInput(string source, int position) : IInput
{
    private IDictionary<object, object>? _memos;

    public string Source => source;
    public int Position => position;
    public bool AtEnd => position == source.Length;
    public char Current => source[position];
    public int Line => 1 + source.AsSpan(0, position).Count('\n');
    public int Column => position - source.AsSpan(0, position).LastIndexOf('\n');
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("The input is already at the end of the source.")
        : new ScanInput(source, position + 1);

    public ScanInput At(int to) => to == position ? this : new ScanInput(source, to);

    public bool Equals(IInput? other) =>
        other != null && other.Position == position && (ReferenceEquals(other.Source, source) || other.Source == source);

    public override bool Equals(object? obj) => Equals(obj as IInput);
    public override int GetHashCode() => HashCode.Combine(source, position);
    public override string ToString() => $"Line {Line}, Column {Column}";
}
