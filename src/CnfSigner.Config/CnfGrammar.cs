using Sprache;

namespace CnfSigner.Config;

/// <summary>A key line split as def_load_bio() splits it: [section::]name, the blanks after it, the rest.</summary>
internal sealed record KeyLine(string? Section, string Name, string Gap, string Rest);

/// <summary>
/// The config language over byte strings (see <see cref="ByteText"/>), one scanner per scanner of
/// crypto/conf/conf_def.c. Character classes are CONF_type_default from crypto/conf/conf_def.h. Every line and
/// value goes through <see cref="ClearComments"/>, <see cref="SplitKeyLine"/> and <see cref="PiecesOf"/>: those
/// are hand-written loops (as Sprache parsers they took 45 million instructions, over 10 ms, for OpenSSL's
/// 390-line default openssl.cnf, which `req` reads on every run); the rarer section header stays a Sprache parser.
/// Two instances exist because <c>.pragma dollarid:on</c> changes what a key and a variable name may contain.
/// </summary>
internal sealed class CnfGrammar
{
    private readonly bool _dollarId;

    private CnfGrammar(bool dollarId)
    {
        _dollarId = dollarId;
        var keyChar = Parse.Char(c => IsAlnumPunct(c) || (dollarId && c == '$'), "key character");
        // eat_alpha_numeric(): key characters and escaped pairs, the backslash kept.
        KeyToken = EscapeSpan.Or(keyChar.Once().Text()).Many().Select(string.Concat);
        SectionHeader = HeaderParser(KeyToken, EscapeSpan.Or(keyChar.Once().Text()).AtLeastOnce().Select(string.Concat));
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
            else if (IsQuote(c))
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
        while (i < text.Length && IsBlank(text[i])) i++;
        return new KeyLine(section, name, text[gapStart..i], text[i..]);
    }

    private string KeyRun(string text, ref int i)
    {
        var start = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\') i = Math.Min(i + 2, text.Length);
            else if (IsAlnumPunct(c) || (_dollarId && c == '$')) i++;
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
            if (IsQuote(c))
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
                if (i + 1 < raw.Length) text.Append(Unescape(raw[i + 1]));
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
        while (i < raw.Length && (IsAlnum(raw[i]) || (_dollarId && raw[i] == '$'))) i++;
        return raw[start..i];
    }

    /// <summary>eat_alpha_numeric(): possibly empty.</summary>
    public Parser<string> KeyToken { get; }

    /// <summary>A line (comments cleared, leading blanks eaten) that starts with "[" must match this.</summary>
    public Parser<string> SectionHeader { get; }

    // crypto/conf/conf_def.h CONF_type_default: CONF_WS is tab, LF, CR and space.
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
    private static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    private static bool IsAlnumPunct(char c) => IsAlnum(c) || "!%&*+,-./;?@^|~".Contains(c);
    // CONF_QUOTE: double quote, single quote and backquote all quote.
    private static bool IsQuote(char c) => c is '"' or '\'' or '`';

    private static readonly Parser<string> Blanks = Parse.Char(IsBlank, "blank").Many().Text();
    private static readonly Parser<string> Blanks1 = Parse.Char(IsBlank, "blank").AtLeastOnce().Text();
    /// <summary>scan_esc(): a backslash and the character after it, if any, kept as they are.</summary>
    private static readonly Parser<string> EscapeSpan =
        from backslash in Parse.Char('\\')
        from next in Parse.AnyChar.Optional()
        select next.IsDefined ? "\\" + next.Get() : "\\";

    private static string Unescape(char c) => c switch
    {
        'r' => "\r",
        'n' => "\n",
        'b' => "\b",
        't' => "\t",
        _ => c.ToString(),
    };

    // Last: static fields initialize in text order, and the constructors use the shared parsers above.
    public static readonly CnfGrammar Default = new(dollarId: false);
    public static readonly CnfGrammar DollarId = new(dollarId: true);
}
