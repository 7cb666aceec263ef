using Gas.Core.Configuration;

namespace Gas.Core.Jobs;

/// <summary>
/// The one rule for how long a Free user may download a job's results: from the job's completion for
/// <see cref="RetentionOptions.FreeDownloadWindow"/>. The pages, the archiver, the sweep and the archive queue's delay all ask here.
/// </summary>
public sealed class FreeWindow(TimeSpan length)
{
    /// <summary>SQS refuses a delivery delay longer than 15 minutes.</summary>
    private const int MaxQueueDelaySeconds = 900;

    public static FreeWindow Of(RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return new FreeWindow(retention.FreeDownloadWindow);
    }

    public TimeSpan Length => length;

    /// <summary>When the job's results stop being downloadable for a Free user; null while the job has not completed.</summary>
    public DateTimeOffset? ClosesAt(AnnotationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.CompleteTime is long completed ? DateTimeOffset.FromUnixTimeSeconds(completed) + length : null;
    }

    /// <summary>True once the window of a completed job has closed.</summary>
    public bool HasClosed(AnnotationJob job, DateTimeOffset now) => ClosesAt(job) is { } closes && now >= closes;

    /// <summary>
    /// How long the archive queue holds a job's completion message, which is published as the window opens:
    /// the whole window, or SQS's 15-minute cap when the window is longer (the archiver then defers the message until it closes).
    /// </summary>
    public int ArchiveQueueDelaySeconds => (int)Math.Min(MaxQueueDelaySeconds, length.TotalSeconds);
}
