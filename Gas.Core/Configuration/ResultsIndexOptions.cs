using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Results</c>: the web tier's local copies of results indexes (downloaded from the results store).</summary>
public sealed class ResultsIndexOptions
{
    public const string Section = "Gas:Results";

    /// <summary>Where the copies go; a folder of its own under the system temp folder when empty.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The copies' total size before the least recently used are deleted.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long CacheMaxBytes { get; set; } = 2L << 30;
}
