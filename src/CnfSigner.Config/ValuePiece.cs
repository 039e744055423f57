namespace CnfSigner.Config;

/// <summary>One left-to-right piece of a value, as crypto/conf/conf_def.c str_copy() sees it.</summary>
internal abstract record ValuePiece;

/// <summary>Text copied as it is: unquoted characters, quoted text, an escaped character.</summary>
internal sealed record LiteralPiece(string Text) : ValuePiece;

/// <summary>
/// A variable reference: <c>$name</c>, <c>${name}</c>, <c>$(name)</c>, optionally with <c>section::</c>.
/// <paramref name="RawLength"/> is the length of the reference text (str_copy()'s "e - from"), which counts
/// against the 64k expansion limit. <paramref name="Closed"/> is false for <c>${name</c> without its brace.
/// </summary>
internal sealed record VariablePiece(string? Section, string Name, int RawLength, bool Closed) : ValuePiece;
