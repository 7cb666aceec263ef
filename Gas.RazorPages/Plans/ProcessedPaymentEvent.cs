using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Plans;

/// <summary>A payment provider's event GAS has applied, kept so a redelivered or replayed copy changes nothing.</summary>
public sealed class ProcessedPaymentEvent
{
    /// <summary>The provider's event id (Stripe's <c>evt_…</c>).</summary>
    [Key, MaxLength(255)]
    public required string EventId { get; init; }

    [MaxLength(100)]
    public required string Type { get; init; }

    /// <summary>When it was applied, UTC epoch seconds.</summary>
    public long ProcessedTime { get; init; }
}
