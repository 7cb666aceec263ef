using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas</c>: which adapter family runs and which roles this process plays.</summary>
public sealed class GasOptions
{
    public const string Section = "Gas";

    /// <summary><c>embedded</c> (default: no cloud) or <c>aws</c>.</summary>
    [Required, RegularExpression("^(embedded|aws)$", ErrorMessage = "Gas:Provider must be 'embedded' or 'aws'.")]
    public string Provider { get; set; } = "embedded";

    /// <summary>Comma-separated roles: <c>web</c>, <c>util</c>, <c>annotator</c>.</summary>
    [Required, RegularExpression(@"^\s*(web|util|annotator)(\s*,\s*(web|util|annotator))*\s*$",
        ErrorMessage = "Gas:Roles is a comma-separated list of web, util, annotator.")]
    public string Roles { get; set; } = "web,util,annotator";

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);

    public bool IsAws => string.Equals(Provider, "aws", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every key any GAS process reads directly under <c>Gas</c>: its own settings and each options section.</summary>
    public static readonly IReadOnlyList<string> KnownKeys =
    [
        nameof(Provider), nameof(Roles),
        "Storage", "Messaging", "Retention", "Email", "Embedded", "Aws", "Annotator", "Admin", "Util", "Engine", "Results",
    ];
}

/// <summary>Section <c>Gas:Storage</c>: bucket names.</summary>
public sealed class StorageOptions
{
    public const string Section = "Gas:Storage";

    [Required] public string InputsBucket { get; set; } = "gas-inputs";
    [Required] public string ResultsBucket { get; set; } = "gas-results";
    [Required] public string ArchiveBucket { get; set; } = "gas-archive";
}

/// <summary>Section <c>Gas:Messaging</c>: topic and queue names, and how each queue behaves.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Gas:Messaging";

    [Required] public string JobRequestsTopic { get; set; } = "gas-job-requests";
    [Required] public string JobResultsTopic { get; set; } = "gas-job-results";
    [Required] public string RestoreTopic { get; set; } = "gas-restore-requests";
    [Required] public string JobRequestsQueue { get; set; } = "gas-job-requests";
    [Required] public string ResultsNotifyQueue { get; set; } = "gas-results-notify";
    [Required] public string ResultsArchiveQueue { get; set; } = "gas-results-archive";
    [Required] public string RestoreQueue { get; set; } = "gas-restore-requests";

    /// <summary>Per-queue settings for queues this process creates (embedded) or provisions (aws).</summary>
    public Dictionary<string, QueueSettings> Queues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every queue the application uses, with its configured or default settings.</summary>
    public IReadOnlyDictionary<string, QueueSettings> EffectiveQueues(RetentionOptions retention)
    {
        var result = new Dictionary<string, QueueSettings>(StringComparer.Ordinal);
        foreach (var name in new[] { JobRequestsQueue, ResultsNotifyQueue, ResultsArchiveQueue, RestoreQueue })
        {
            var defaults = new QueueSettings
            {
                DeadLetterQueue = name + "-dlq",
                // SQS caps DelaySeconds at 15 minutes; longer windows rely on the archive sweep.
                DelaySeconds = name == ResultsArchiveQueue ? (int)Math.Min(900, retention.FreeDownloadWindow.TotalSeconds) : 0,
            };
            result[name] = Queues.TryGetValue(name, out var configured) ? configured : defaults;
            var dlq = result[name].DeadLetterQueue;
            if (!string.IsNullOrEmpty(dlq))
            {
                result.TryAdd(dlq, new QueueSettings { MaxReceiveCount = 0, DeadLetterQueue = null });
            }
        }

        return result;
    }

    /// <summary>Topic → queues it fans out to.</summary>
    public IReadOnlyDictionary<string, string[]> Subscriptions() => new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [JobRequestsTopic] = [JobRequestsQueue],
        [JobResultsTopic] = [ResultsNotifyQueue, ResultsArchiveQueue],
        [RestoreTopic] = [RestoreQueue],
    };
}

/// <summary>How one queue behaves: visibility timeout, delivery delay, redrive to a dead-letter queue.</summary>
public sealed class QueueSettings
{
    [Range(0, 43200)] public int VisibilityTimeoutSeconds { get; set; } = 60;
    [Range(0, 900)] public int DelaySeconds { get; set; }
    /// <summary>Deliveries before a message moves to <see cref="DeadLetterQueue"/>; 0 = never.</summary>
    [Range(0, 1000)] public int MaxReceiveCount { get; set; } = 3;
    public string? DeadLetterQueue { get; set; }
}

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

/// <summary>Section <c>Gas:Email</c>: sender and, optionally, an SMTP server (SES's SMTP interface in AWS).</summary>
public sealed class EmailOptions
{
    public const string Section = "Gas:Email";

    [Required, EmailAddress] public string From { get; set; } = "noreply@gas.local";
    [Required] public string FromName { get; set; } = "GAS";
    public SmtpSettings? Smtp { get; set; }
}

/// <summary>An SMTP server to send through; absent in embedded mode means the pickup folder.</summary>
public sealed class SmtpSettings
{
    [Required] public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 587;
    /// <summary>STARTTLS when the server offers it (SES requires it); false for a local test server.</summary>
    public bool UseTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>Section <c>Gas:Embedded</c>: where the embedded adapters keep their data.</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Gas:Embedded";

    [Required] public string DataDirectory { get; set; } = ".data";

    /// <summary>HMAC key for signed object URLs; generated into the data directory when absent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long the simulated cold store takes per tier.</summary>
    public TimeSpan ExpeditedRestoreDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan StandardRestoreDelay { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan BulkRestoreDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Simulates AWS refusing Expedited retrievals (GlacierExpeditedRetrievalNotAvailable).</summary>
    public bool RefuseExpeditedRestores { get; set; }
}
