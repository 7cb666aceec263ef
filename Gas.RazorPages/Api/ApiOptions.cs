using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Api;

/// <summary>Section <c>Gas:Api</c>: how many requests one personal access token may make per window.</summary>
public sealed class ApiOptions
{
    public const string Section = "Gas:Api";

    /// <summary>Requests one token may make in each <see cref="Window"/>; the next gets 429 with <c>Retry-After</c>.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 120;

    /// <summary>The rate limit's fixed window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
