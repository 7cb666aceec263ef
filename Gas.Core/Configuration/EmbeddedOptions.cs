using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Embedded</c>: where the embedded adapters keep their data.</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Gas:Embedded";

    [Required] public string DataDirectory { get; set; } = ".data";

    /// <summary>HMAC key for signed object URLs; generated into the data directory when absent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long the simulated cold store takes per tier.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan ExpeditedRestoreDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan StandardRestoreDelay { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan BulkRestoreDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Simulates AWS refusing Expedited retrievals (GlacierExpeditedRetrievalNotAvailable).</summary>
    public bool RefuseExpeditedRestores { get; set; }
}
