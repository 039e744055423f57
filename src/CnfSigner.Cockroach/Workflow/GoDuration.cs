using System.Globalization;
using System.Text.RegularExpressions;

namespace CnfSigner.Cockroach.Workflow;

/// <summary>Go's time.ParseDuration / Duration.String, as `cockroach cert --lifetime` takes and prints them (87840h).</summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex Part();

    public static TimeSpan Parse(string text)
    {
        var s = text;
        var sign = 1;
        if (s.StartsWith('+') || s.StartsWith('-')) { sign = s[0] == '-' ? -1 : 1; s = s[1..]; }
        if (s == "0") return TimeSpan.Zero;
        if (s.Length == 0) throw Invalid(text);
        var ticks = 0m;
        while (s.Length > 0)
        {
            var m = Part().Match(s);
            if (!m.Success || m.Groups[1].Value is "" or ".") throw Invalid(text);
            var n = decimal.Parse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += n * m.Groups[2].Value switch
            {
                "ns" => 0.01m, "us" or "µs" or "μs" => 10m, "ms" => TimeSpan.TicksPerMillisecond, "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute, _ => TimeSpan.TicksPerHour,
            };
            if (ticks > long.MaxValue) throw Invalid(text);
            s = s[m.Length..];
        }
        return TimeSpan.FromTicks(sign * (long)ticks);
    }

    /// <summary>Duration.String() for whole seconds: 43920h0m0s.</summary>
    public static string Format(TimeSpan d) =>
        d == TimeSpan.Zero ? "0s" : $"{(d < TimeSpan.Zero ? "-" : "")}{(long)Math.Abs(d.TotalHours)}h{Math.Abs(d.Minutes)}m{Math.Abs(d.Seconds)}s";

    private static CnfSignerException Invalid(string text) => new($"cockroach: invalid argument \"{text}\" for \"--lifetime\" flag: time: invalid duration \"{text}\"");
}
