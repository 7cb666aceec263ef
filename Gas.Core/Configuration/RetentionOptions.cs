using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Retention</c>: the Free tier's limits (the 2020 specification's values).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Gas:Retention";

    /// <summary>How long a Free user's results stay downloadable after completion.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FreeDownloadWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest input a Free user may upload (150 KB).</summary>
    [Range(1, long.MaxValue)]
    public long FreeMaxInputBytes { get; set; } = 150 * 1024;

    /// <summary>Largest input anyone may upload.</summary>
    [Range(1, long.MaxValue)]
    public long PremiumMaxInputBytes { get; set; } = 5L * 1024 * 1024 * 1024;
}
