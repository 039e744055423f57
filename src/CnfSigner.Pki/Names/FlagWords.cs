namespace CnfSigner.Pki.Names;

/// <summary>
/// apps/lib/apps.c set_multi_opts() / set_table_opts(): a comma-separated list of words, each setting its flag
/// ("-word" clears it, "+word" sets it) after clearing the word's mask; names compare case-insensitively.
/// Shared by -nameopt and -certopt.
/// </summary>
public static class FlagWords
{
    /// <returns>the new flags, or null when a word is unknown</returns>
    public static uint? Apply<T>(uint flags, string argument, (string Name, T Flag, uint Mask)[] words) where T : struct, Enum
    {
        foreach (var raw in argument.Split(','))
        {
            var word = raw.Trim();
            var set = true;
            if (word.StartsWith('-')) { set = false; word = word[1..]; }
            else if (word.StartsWith('+')) word = word[1..];
            var row = Array.FindIndex(words, w => string.Equals(w.Name, word, StringComparison.OrdinalIgnoreCase));
            if (row < 0) return null;
            var flag = Convert.ToUInt32(words[row].Flag, System.Globalization.CultureInfo.InvariantCulture);
            flags &= ~words[row].Mask;
            flags = set ? flags | flag : flags & ~flag;
        }
        return flags;
    }
}
