using System.Globalization;
using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>crypto/asn1/a_time.c ASN1_TIME_print() in its RFC 822 form: "Nov 25 12:53:00 2027 GMT".</summary>
public static class AsnTime
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Formats a UTCTime (tag 23) or GeneralizedTime (tag 24) value; null when OpenSSL says "Bad time value".</summary>
    public static string? Print(int tag, ReadOnlySpan<byte> content) => Format(tag, content, iso: false);

    private static string? Format(int tag, ReadOnlySpan<byte> content, bool iso)
    {
        var s = System.Text.Encoding.ASCII.GetString(content);
        var generalized = tag == 24;
        var yearDigits = generalized ? 4 : 2;
        if (s.Length < yearDigits + 8 || !s[..(yearDigits + 8)].All(char.IsAsciiDigit)) return null;
        var year = int.Parse(s[..yearDigits], CultureInfo.InvariantCulture);
        if (!generalized) year += year < 50 ? 2000 : 1900;
        var p = yearDigits;
        int Two() { var v = int.Parse(s.AsSpan(p, 2), CultureInfo.InvariantCulture); p += 2; return v; }
        var (month, day, hour, minute) = (Two(), Two(), Two(), Two());
        var second = 0;
        if (p + 2 <= s.Length && char.IsAsciiDigit(s[p]) && char.IsAsciiDigit(s[p + 1])) second = Two();
        var fraction = "";
        if (generalized && p < s.Length && s[p] == '.')
        {
            var start = p++;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
            fraction = s[start..p];
        }
        if (month is < 1 or > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
        var gmt = s.EndsWith('Z');
        // ossl_asn1_time_to_tm(): a "+hhmm"/"-hhmm" offset (not strict) is folded into the time, which then
        // prints as GMT.
        if (p + 5 == s.Length && s[p] is '+' or '-' && s[(p + 1)..].All(char.IsAsciiDigit))
        {
            int offsetHours = int.Parse(s.AsSpan(p + 1, 2), CultureInfo.InvariantCulture), offsetMinutes = int.Parse(s.AsSpan(p + 3, 2), CultureInfo.InvariantCulture);
            if (offsetHours > 12 || offsetMinutes > 59 || day > DateTime.DaysInMonth(year, month)) return null;
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (s[p] == '+' ? 1 : -1);
            var utc = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc) - offset;
            (year, month, day, hour, minute, second) = (utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, second == 60 ? 60 : utc.Second);
            gmt = true;
        }
        // ASN1_TIME_print_ex(): ASN1_DTFLGS_ISO8601 or the default RFC 822 form.
        if (iso) return $"{year,4}-{month:00}-{day:00} {hour:00}:{minute:00}:{second:00}{fraction}{(gmt ? "Z" : "")}";
        return $"{Months[month - 1]} {day,2} {hour:00}:{minute:00}:{second:00}{fraction} {year}{(gmt ? " GMT" : "")}";
    }

    internal static string PrintIso(Der time) => Format(time.Tag, time.Bytes, iso: true) ?? "Bad time value";

    internal static string Print(Der time) => Print(time.Tag, time.Bytes) ?? "Bad time value";
}
