namespace CnfSigner.Config;

/// <summary>A load failure in OpenSSL's words; the reader adds the line number and the file name.</summary>
internal sealed class CnfSyntaxException(string reason) : Exception(reason);

/// <summary>
/// crypto/conf/conf_def.c str_copy(): quotes, escapes and variables, expanded once, left to right, against what
/// has been stored so far. The result is not scanned again.
/// </summary>
internal static class ValueExpander
{
    // conf_def.c MAX_CONF_VALUE_LENGTH
    private const int MaxValueLength = 65536;

    public static string Expand(CnfGrammar grammar, ConfStore store, string? section, string raw)
    {
        var pieces = grammar.PiecesOf(raw);
        var result = new System.Text.StringBuilder(raw.Length);
        // str_copy() sizes its buffer as strlen(from) + 1 and, per variable, grows it by the value's length
        // minus the reference's length; the limit applies to that running size, not to the final text.
        long size = raw.Length + 1;
        foreach (var piece in pieces)
        {
            switch (piece)
            {
                case LiteralPiece literal:
                    result.Append(literal.Text);
                    break;
                case VariablePiece variable:
                    var value = Resolve(store, section, variable);
                    size += value.Length - variable.RawLength;
                    if (size > MaxValueLength) throw new CnfSyntaxException("variable expansion too long");
                    result.Append(value);
                    break;
            }
        }
        return result.ToString();
    }

    private static string Resolve(ConfStore store, string? section, VariablePiece variable)
    {
        if (!variable.Closed) throw new CnfSyntaxException("no close brace");
        return store.Get(variable.Section ?? section, variable.Name)
               ?? throw new CnfSyntaxException("variable has no value");
    }
}
