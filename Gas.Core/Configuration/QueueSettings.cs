using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>How one queue behaves: visibility timeout, delivery delay, redrive to a dead-letter queue.</summary>
public sealed class QueueSettings
{
    [Range(0, 43200)] public int VisibilityTimeoutSeconds { get; set; } = 60;
    [Range(0, 900)] public int DelaySeconds { get; set; }
    /// <summary>Deliveries before a message moves to <see cref="DeadLetterQueue"/>; 0 = never.</summary>
    [Range(0, 1000)] public int MaxReceiveCount { get; set; } = 3;
    public string? DeadLetterQueue { get; set; }
}
