using System.Globalization;

namespace Gas.Core.Text;

/// <summary>Sizes and durations as people read them ("150 KB", "5 minutes"), so every page and email words a setting alike.</summary>
public static class Humanize
{
    private static readonly string[] Units = ["bytes", "KB", "MB", "GB", "TB"];

    /// <summary>Binary units as the limits are configured (150 KB = 153,600 bytes); one decimal when the value is not whole.</summary>
    public static string Bytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes < 1024)
        {
            return bytes == 1 ? "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var rounded = Math.Round(value, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{(rounded % 1 == 0 ? rounded.ToString("0", CultureInfo.InvariantCulture) : rounded.ToString("0.0", CultureInfo.InvariantCulture))} {Units[unit]}");
    }

    /// <summary>"5 minutes", "1 hour 30 minutes", "2 days": the largest part and the next one when it is not zero.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return "less than a second";
        }

        (long Count, string Unit)[] parts =
            [(duration.Days, "day"), (duration.Hours, "hour"), (duration.Minutes, "minute"), (duration.Seconds, "second")];
        var first = Array.FindIndex(parts, p => p.Count > 0);
        var words = Part(parts[first]);
        return first + 1 < parts.Length && parts[first + 1].Count > 0 ? words + " " + Part(parts[first + 1]) : words;
    }

    private static string Part((long Count, string Unit) part) =>
        string.Create(CultureInfo.InvariantCulture, $"{part.Count} {part.Unit}{(part.Count == 1 ? "" : "s")}");

    /// <summary>A short time left, as a countdown shows it: "in 4 min", "in 45 s", "in 2 h 5 min".</summary>
    public static string TimeLeft(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "closed";
        }

        var seconds = (long)Math.Ceiling(left.TotalSeconds);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"in {seconds} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"in {(seconds + 59) / 60} min"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"in {seconds / 3600} h {seconds % 3600 / 60} min"),
            _ => string.Create(CultureInfo.InvariantCulture, $"in {seconds / 86400} d {seconds % 86400 / 3600} h"),
        };
    }
}
