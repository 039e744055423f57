using System.Globalization;

namespace CnfSigner.Pki.Issuance;

/// <summary>
/// The time rules of every certificate, CRL and index row: whole seconds, UTCTime for 1950-2049 and GeneralizedTime
/// otherwise (RFC 5280 4.1.2.5), and the time strings of index.txt and of -startdate/-enddate.
/// </summary>
public static partial class Timestamps
{
    /// <summary>ASN1_TIME keeps whole seconds: the fraction is dropped.</summary>
    public static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>OpenSSL's ASN1_TIME_set: UTCTime for 1950–2049, GeneralizedTime otherwise; seconds precision.</summary>
    public static Org.BouncyCastle.Asn1.X509.Time ToAsn1Time(DateTime utc)
    {
        utc = WholeSeconds(utc);
        return utc.Year is >= 1950 and < 2050
            ? new(new Org.BouncyCastle.Asn1.DerUtcTime(utc, 2049))
            : new(new Org.BouncyCastle.Asn1.DerGeneralizedTime(utc));
    }

    /// <summary>
    /// apps/ca.c check_time_format = ASN1_TIME_set_string: a UTCTime (YYMMDDHHMM[SS]) or GeneralizedTime
    /// (YYYYMMDDHH[MM[SS[.f+]]]) ending in Z or an offset ±HHMM.
    /// </summary>
    public static bool IsValidIndexTime(string text) => AsnTime().IsMatch(text);

    /// <summary><see cref="IsValidIndexTime(string)"/> on the Latin-1 bytes of an index row.</summary>
    public static bool IsValidIndexTime(ReadOnlySpan<byte> latin1)
    {
        // The form OpenSSL writes (YYMMDDHHMMSSZ) without the regular expression: it is checked on every row.
        if (latin1.Length == 13 && latin1[12] == 'Z' && latin1[..12].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0) return true;
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

    /// <summary>ASN1_TIME as stored: UTCTime text before 2050, GeneralizedTime text from 2050, whole seconds.</summary>
    public static string Format(DateTime utc) => FormatWhole(WholeSeconds(utc));

    private static string FormatWhole(DateTime utc) =>
        utc.Year is >= 1950 and < 2050
            ? utc.ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ASN1_TIME_print (rfc_822): "Nov  5 12:53:00 2027 GMT", the day space-padded.</summary>
    public static string Print(DateTime utc) =>
        utc.ToString("MMM", CultureInfo.InvariantCulture) + " " + utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
        + utc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " GMT";

    /// <summary>
    /// <paramref name="now"/> plus <paramref name="days"/>, as X509_time_adj_ex() computes a certificate's end date.
    /// No ASN1_TIME holds a date past the year 9999: OpenSSL then exits 1 without a message; we say why.
    /// </summary>
    public static DateTime AddDays(DateTime now, long days)
    {
        if (days > (DateTime.MaxValue - now).TotalDays - 1 || days < -(now - DateTime.MinValue).TotalDays + 1)
            throw new CnfSignerException($"certificate end date out of range: {days} days from now is past the year 9999");
        return now.AddDays(days);
    }

    /// <summary>ASN1_TIME_set_string_X509 for -startdate/-enddate: YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ.</summary>
    public static DateTime? ParseOption(string text) => TryParse(text, out var t) ? t : null;

    /// <summary>
    /// crypto/asn1/a_time.c ossl_asn1_time_to_tm() in its lenient form, as ASN1_UTCTIME_set_string and
    /// ASN1_GENERALIZEDTIME_set_string use it: YYMMDDHHMM[SS] (UTCTime) or YYYYMMDDHHMM[SS[.f+]] (GeneralizedTime),
    /// then Z or an offset ±HHMM; every field in range, the day within its month.
    /// </summary>
    public static bool IsAsn1Time(string text, bool generalized) => ToUtc(text, generalized) != null;

    /// <summary>ASN1_TIME_set_string(): a lenient UTCTime, else a lenient GeneralizedTime; offsets applied.</summary>
    public static bool TryParseAsn1(string text, out DateTime utc)
    {
        utc = ToUtc(text, false) ?? ToUtc(text, true) ?? default;
        return utc != default;
    }

    private static DateTime? ToUtc(string text, bool generalized)
    {
        var m = (generalized ? LenientGeneralized() : LenientUtc()).Match(text);
        if (!m.Success) return null;
        int Field(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var year = generalized ? Field("y") : (Field("y") >= 50 ? 1900 : 2000) + Field("y");
        if (year < 1 || Field("mo") is < 1 or > 12 || Field("d") < 1 || Field("d") > DateTime.DaysInMonth(year, Field("mo")))
            return null;
        if (Field("h") > 23 || Field("mi") > 59 || Field("s") > 59 || Field("oh") > 12 || Field("om") > 59) return null;
        var local = new DateTime(year, Field("mo"), Field("d"), Field("h"), Field("mi"), Field("s"), DateTimeKind.Utc);
        var offset = new TimeSpan(Field("oh"), Field("om"), 0);
        try
        {
            return m.Groups["sign"].Value == "-" ? local + offset : local - offset;
        }
        catch (ArgumentOutOfRangeException)
        {
            return local; // an offset past year 1 or 9999: the instant is outside every CA's range anyway
        }
    }

    /// <summary>An ASN1_TIME's own text (its DER contents), as apps/ca.c copies a notAfter into the index.</summary>
    public static string Text(Org.BouncyCastle.Asn1.X509.Time time)
    {
        var der = time.ToAsn1Object().GetDerEncoded();
        return System.Text.Encoding.ASCII.GetString(der, 2, der[1]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^(?<y>\d{2})(?<mo>\d{2})(?<d>\d{2})(?<h>\d{2})(?<mi>\d{2})(?<s>\d{2})?(?:Z|(?<sign>[+-])(?<oh>\d{2})(?<om>\d{2}))$")]
    private static partial System.Text.RegularExpressions.Regex LenientUtc();

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})(?<h>\d{2})(?<mi>\d{2})(?:(?<s>\d{2})(?:\.\d+)?)?(?:Z|(?<sign>[+-])(?<oh>\d{2})(?<om>\d{2}))$")]
    private static partial System.Text.RegularExpressions.Regex LenientGeneralized();
}
