using System.Diagnostics.Tracing;
using System.Globalization;

namespace Gas.Annotator.Cli;

/// <summary>
/// Adds up what the GC promotes out of gen0 and gen1, from the runtime's own GC events, for <c>index bench</c>: the number
/// that showed the index keeping young objects alive (its labels as strings) where the pause totals only hinted at it.
/// </summary>
internal sealed class GcPromotions : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private long _fromGen0;
    private long _fromGen1;

    /// <summary>Bytes promoted out of gen0 and out of gen1 since the last call.</summary>
    public (long FromGen0, long FromGen1) Take() => (Interlocked.Exchange(ref _fromGen0, 0), Interlocked.Exchange(ref _fromGen1, 0));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData is { EventName: "GCHeapStats_V2", Payload: { } payload, PayloadNames: { } names })
        {
            Interlocked.Add(ref _fromGen0, Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize0")], CultureInfo.InvariantCulture));
            Interlocked.Add(ref _fromGen1, Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize1")], CultureInfo.InvariantCulture));
        }
    }
}
