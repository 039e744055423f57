using System.Globalization;

namespace CnfSigner.Pki.Ca;

/// <summary>The time strings of index.txt and of -startdate/-enddate: YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ.</summary>
public static partial class Timestamps
{
    /// <summary>
    /// apps/ca.c check_time_format = ASN1_TIME_set_string: a UTCTime (YYMMDDHHMM[SS]) or GeneralizedTime
    /// (YYYYMMDDHH[MM[SS[.f+]]]) ending in Z or an offset ±HHMM.
    /// </summary>
    public static bool IsValidIndexTime(string text) => AsnTime().IsMatch(text);

    /// <summary><see cref="IsValidIndexTime(string)"/> on the Latin-1 bytes of an index row.</summary>
    public static bool IsValidIndexTime(ReadOnlySpan<byte> latin1)
    {
        Span<char> chars = latin1.Length <= 64 ? stackalloc char[latin1.Length] : new char[latin1.Length];
        for (var i = 0; i < latin1.Length; i++) chars[i] = (char)latin1[i];
        return AsnTime().IsMatch(chars);
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^\d{10}(?:\d{2}(?:\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{4})$")]
    private static partial System.Text.RegularExpressions.Regex AsnTime();

    public static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        var format = text.Length switch { 13 => "yyMMddHHmmss'Z'", 15 => "yyyyMMddHHmmss'Z'", _ => null };
        if (format == null || !DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
            return false;
        if (text.Length == 13)
        {
            // RFC 5280 UTCTime: YY >= 50 is 19YY, else 20YY (not .NET's culture window).
            var yy = int.Parse(text[..2], CultureInfo.InvariantCulture);
            utc = new DateTime(yy >= 50 ? 1900 + yy : 2000 + yy, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc);
        }
        return true;
    }

    /// <summary>ASN1_TIME as stored: UTCTime text before 2050, GeneralizedTime text from 2050.</summary>
    public static string Format(DateTime utc) =>
        utc.Year is >= 1950 and < 2050
            ? utc.ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ASN1_TIME_print (rfc_822): "Nov  5 12:53:00 2027 GMT", the day space-padded.</summary>
    public static string Print(DateTime utc) =>
        utc.ToString("MMM", CultureInfo.InvariantCulture) + " " + utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
        + utc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " GMT";

    /// <summary>ASN1_TIME_set_string_X509 for -startdate/-enddate: YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ.</summary>
    public static DateTime? ParseOption(string text) => TryParse(text, out var t) ? t : null;
}
