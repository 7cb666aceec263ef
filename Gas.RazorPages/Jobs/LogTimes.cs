using System.Globalization;
using System.Text.RegularExpressions;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// A job log cut into text and the UTC times the annotator writes ("Started: 2026-12-02 07:26:14Z"), so the page can
/// mark each time with a <c>&lt;time datetime&gt;</c> element that <c>log.js</c> shows in the viewer's time zone.
/// </summary>
public static partial class LogTimes
{
    /// <summary>One piece of the log: text, or a time (<see cref="Utc"/> set) whose text is its UTC form.</summary>
    public sealed record Segment(string Text, DateTimeOffset? Utc);

    public static IReadOnlyList<Segment> Split(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var segments = new List<Segment>();
        var at = 0;
        foreach (Match match in UtcTimePattern().Matches(log))
        {
            if (!DateTimeOffset.TryParseExact(match.Value, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var utc))
            {
                continue;
            }

            segments.Add(new Segment(log[at..match.Index], null));
            segments.Add(new Segment(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC", utc));
            at = match.Index + match.Length;
        }

        segments.Add(new Segment(log[at..], null));
        return segments;
    }

    /// <summary>The datetime attribute's value: ISO 8601 in UTC.</summary>
    public static string Iso(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z")]
    private static partial Regex UtcTimePattern();
}
