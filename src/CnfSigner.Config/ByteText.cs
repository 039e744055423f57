using System.Text;

namespace CnfSigner.Config;

/// <summary>
/// OpenSSL's reader works on bytes, and its limits and line chunks count bytes. The reader therefore keeps text as
/// "byte strings": one char per byte (Latin-1), so lengths are byte lengths and non-ASCII bytes never match a
/// key or name character (crypto/conf/conf_def.c is_keytype(): "key &gt; 127" is never a key type).
/// Only the finished document, paths and environment lookups are converted to and from real (UTF-8) text.
/// </summary>
internal static class ByteText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string FromBytes(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    public static string FromText(string text) => Encoding.Latin1.GetString(Utf8.GetBytes(text));

    public static string ToText(string byteString) => Utf8.GetString(Encoding.Latin1.GetBytes(byteString));
}
