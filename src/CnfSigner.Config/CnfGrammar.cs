using Sprache;

namespace CnfSigner.Config;

/// <summary>A key line split as def_load_bio() splits it: [section::]name, the blanks after it, the rest.</summary>
internal sealed record KeyLine(string? Section, string Name, string Gap, string Rest);

/// <summary>
/// The config language as small Sprache parsers over byte strings (see <see cref="ByteText"/>), one per scanner
/// of crypto/conf/conf_def.c. Character classes are CONF_type_default from crypto/conf/conf_def.h.
/// Two instances exist because <c>.pragma dollarid:on</c> changes what a key and a variable name may contain.
/// </summary>
internal sealed class CnfGrammar
{
    private CnfGrammar(bool dollarId)
    {
        _dollarId = dollarId;
        var keyChar = Parse.Char(c => IsAlnumPunct(c) || (dollarId && c == '$'), "key character");
        // eat_alpha_numeric(): key characters and escaped pairs, the backslash kept.
        KeyToken = EscapeSpan.Or(keyChar.Once().Text()).Many().Select(string.Concat);
        SectionHeader = HeaderParser(KeyToken, EscapeSpan.Or(keyChar.Once().Text()).AtLeastOnce().Select(string.Concat));
        KeyLine = KeyLineParser(KeyToken);
        Pieces = QuotedPiece
            .Or(EscapedPiece)
            .Or(VariableParser(dollarId))
            .Or(Parse.AnyChar.Select(c => (ValuePiece)new LiteralPiece(c.ToString())))
            .Many()
            .End();
    }

    /// <summary>def_load_bio() "[": name runs separated by blanks are one name ("[ s p ace ]" is "s p ace").</summary>
    private static Parser<string> HeaderParser(Parser<string> keyToken, Parser<string> keyToken1)
    {
        var headerName =
            from first in keyToken
            from rest in (from ws in Blanks1 from run in keyToken1 select ws + run).Many()
            select first + string.Concat(rest);
        return
            from open in Parse.Char('[')
            from lead in Blanks
            from name in headerName
            from trail in Blanks
            from close in Parse.Char(']')
            select name;
    }

    /// <summary>def_load_bio(): "sect::name" stores into another section.</summary>
    private static Parser<KeyLine> KeyLineParser(Parser<string> keyToken) =>
        from first in keyToken
        from second in Parse.String("::").Then(_ => keyToken).Optional()
        from gap in Blanks
        from rest in Rest
        select second.IsDefined
            ? new KeyLine(first, second.Get(), gap, rest)
            : new KeyLine(null, first, gap, rest);

    /// <summary>
    /// str_copy() "$": a name of [A-Za-z0-9_] (and "$" with dollarid), optionally "section::" first, optionally
    /// in braces or parentheses. With dollarid a bare "$name" is text; only "${" and "$(" expand.
    /// </summary>
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
            from close in open.IsDefined
                ? Parse.Char(open.Get() == '{' ? '}' : ')').Optional()
                : Nothing
            select Variable(open, first, second, close);
    }

    private readonly bool _dollarId;

    // The plain lines and values of most configs (no quote, escape or variable) are split without the parsers,
    // which cost about 10 million instructions on a 60-line config; the result is the same (see the Config tests).
    private static readonly System.Buffers.SearchValues<char> QuoteOrEscape = System.Buffers.SearchValues.Create("\"'`\\");
    private static readonly System.Buffers.SearchValues<char> QuoteEscapeOrDollar = System.Buffers.SearchValues.Create("\"'`\\$");

    /// <summary><see cref="CommentFree"/>, directly when the line has no quote or backslash.</summary>
    public static string StripComment(string line)
    {
        if (line.AsSpan().ContainsAny(QuoteOrEscape)) return CommentFree.Parse(line);
        var hash = line.IndexOf('#');
        return hash < 0 ? line : line[..hash];
    }

    /// <summary><see cref="KeyLine"/>, directly when the key is plain (no escape, no "section::").</summary>
    public KeyLine SplitKeyLine(string text)
    {
        var end = 0;
        while (end < text.Length && (IsAlnumPunct(text[end]) || (_dollarId && text[end] == '$'))) end++;
        if (end < text.Length && text[end] is '\\' or ':') return KeyLine.Parse(text);
        var rest = end;
        while (rest < text.Length && IsBlank(text[rest])) rest++;
        return new KeyLine(null, text[..end], text[end..rest], text[rest..]);
    }

    /// <summary><see cref="Pieces"/>, directly when the value has no quote, escape or "$".</summary>
    public IEnumerable<ValuePiece> SplitValue(string raw) =>
        raw.AsSpan().ContainsAny(QuoteEscapeOrDollar) ? Pieces.Parse(raw) : [new LiteralPiece(raw)];

    /// <summary>eat_alpha_numeric(): possibly empty.</summary>
    public Parser<string> KeyToken { get; }

    /// <summary>A line (comments cleared, leading blanks eaten) that starts with "[" must match this.</summary>
    public Parser<string> SectionHeader { get; }

    public Parser<KeyLine> KeyLine { get; }

    /// <summary>str_copy(): the pieces of a value, left to right.</summary>
    public Parser<IEnumerable<ValuePiece>> Pieces { get; }

    // crypto/conf/conf_def.h CONF_type_default: CONF_WS is tab, LF, CR and space.
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
    private static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    private static bool IsAlnumPunct(char c) => IsAlnum(c) || "!%&*+,-./;?@^|~".Contains(c);
    // CONF_QUOTE: double quote, single quote and backquote all quote.
    private static bool IsQuote(char c) => c is '"' or '\'' or '`';

    private static readonly Parser<string> Blanks = Parse.Char(IsBlank, "blank").Many().Text();
    private static readonly Parser<string> Blanks1 = Parse.Char(IsBlank, "blank").AtLeastOnce().Text();
    /// <summary>Always an empty option, without consuming anything.</summary>
    private static readonly Parser<IOption<char>> Nothing = Parse.Char(_ => false, "nothing").Optional();

    private static readonly Parser<string> Rest = Parse.AnyChar.Many().Text();

    /// <summary>scan_esc(): a backslash and the character after it, if any, kept as they are.</summary>
    private static readonly Parser<string> EscapeSpan =
        from backslash in Parse.Char('\\')
        from next in Parse.AnyChar.Optional()
        select next.IsDefined ? "\\" + next.Get() : "\\";

    /// <summary>scan_quote(): a quoted span as it is; the closing quote may be missing.</summary>
    private static readonly Parser<string> QuotedSpan =
        from open in Parse.Char(IsQuote, "quote")
        from body in EscapeSpan.Or(Parse.Char(c => c != open, "quoted character").Once().Text()).Many()
        from close in Parse.Char(open).Optional()
        select open + string.Concat(body) + (close.IsDefined ? open.ToString() : "");

    /// <summary>clear_comments(): the line up to the first '#' that is not quoted or escaped.</summary>
    public static readonly Parser<string> CommentFree =
        QuotedSpan.Or(EscapeSpan).Or(Parse.CharExcept('#').Once().Text()).Many().Select(string.Concat);

    /// <summary>str_copy() quotes: "\X" gives X (no control characters), a trailing lone backslash is dropped.</summary>
    private static readonly Parser<ValuePiece> QuotedPiece =
        from open in Parse.Char(IsQuote, "quote")
        from body in Parse.Char('\\').Then(_ => Parse.AnyChar.Once().Text().Optional().Select(o => o.GetOrElse("")))
            .Or(Parse.Char(c => c != open, "quoted character").Once().Text())
            .Many()
        from close in Parse.Char(open).Optional()
        select (ValuePiece)new LiteralPiece(string.Concat(body));

    /// <summary>str_copy() outside quotes: \r \n \b \t are control characters, any other \X gives X.</summary>
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

    // Last: static fields initialize in text order, and the constructors use the shared parsers above.
    public static readonly CnfGrammar Default = new(dollarId: false);
    public static readonly CnfGrammar DollarId = new(dollarId: true);
}
