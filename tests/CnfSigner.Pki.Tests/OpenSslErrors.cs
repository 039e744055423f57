using System.Text.RegularExpressions;

namespace CnfSigner.Pki.Tests;

/// <summary>
/// Turns OpenSSL's stderr into the form CnfSigner prints: a libcrypto error line
/// "tid:error:code:library:function:reason:file:line:data" becomes "reason: data" (or "reason").
/// </summary>
public static partial class OpenSslErrors
{
    [GeneratedRegex(@"^[0-9A-F]+:error:[0-9A-F]{8}:[^:]*:[^:]*:(?<reason>[^:]*):[^:]*:\d+:(?<data>.*)$")]
    private static partial Regex ErrorLine();

    public static string Normalize(string stderr) => string.Join("\n",
        stderr.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(line =>
        {
            var m = ErrorLine().Match(line);
            if (!m.Success) return line;
            var data = m.Groups["data"].Value;
            return data.Length == 0 ? m.Groups["reason"].Value : $"{m.Groups["reason"].Value}: {data}";
        }));
}
