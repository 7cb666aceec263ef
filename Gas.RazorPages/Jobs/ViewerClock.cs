using System.Globalization;

namespace Gas.RazorPages.Jobs;

/// <summary>Shows stored UTC epoch seconds in the viewer's time zone, which the page's script reports in the <c>tz</c> cookie.</summary>
public sealed class ViewerClock(IHttpContextAccessor accessor)
{
    public const string CookieName = "tz";

    private TimeZoneInfo? _zone;

    /// <summary>The viewer's zone, looked up once per request (a list page formats two times per row).</summary>
    public TimeZoneInfo Zone => _zone ??= Find(accessor.HttpContext?.Request.Cookies[CookieName]);

    private static TimeZoneInfo Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>"2026-11-29 14:03:12 CST"-style text in the viewer's zone.</summary>
    public string Format(long epochSeconds)
    {
        var zone = Zone;
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Abbreviation(zone, local);
    }

    /// <summary>"14:05" in the viewer's zone, with the date in front when it is not the same day as <paramref name="now"/> there.</summary>
    public string ShortTime(DateTimeOffset moment, DateTimeOffset now)
    {
        var zone = Zone;
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var format = local.Date == TimeZoneInfo.ConvertTime(now, zone).Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 UTC, for the datetime attribute the script can re-render from.</summary>
    public static string Iso(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Abbreviation(TimeZoneInfo zone, DateTimeOffset local)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{offset.Duration():hh\\:mm} ({zone.Id})");
    }
}
