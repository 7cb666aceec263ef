using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Jobs;

/// <summary>Whether a finished job's results can be downloaded by its owner now.</summary>
public enum ResultsAccess
{
    NotReady,
    Downloadable,
    UpgradeRequired,
    BeingRestored,
}

/// <summary>Applies the Free download window and the archive state to a job.</summary>
public sealed class ResultsAvailability(TimeProvider time, IOptions<RetentionOptions> retention)
{
    /// <summary>
    /// Until when a Free user may download the job's results, and how long that is from now; null for Premium users and
    /// for jobs whose results are not downloadable now.
    /// </summary>
    public (DateTimeOffset Closes, TimeSpan Left)? DownloadWindow(AnnotationJob job, bool isPremium)
    {
        if (isPremium || For(job, isPremium) != ResultsAccess.Downloadable || FreeWindow.Of(retention.Value).ClosesAt(job) is not { } closes)
        {
            return null;
        }

        return (closes, closes - time.GetUtcNow());
    }

    public ResultsAccess For(AnnotationJob job, bool isPremium)
    {
        if (job.Status != JobStatus.Completed || job.CompleteTime is null)
        {
            return ResultsAccess.NotReady;
        }

        return job.ArchiveState switch
        {
            ArchiveState.Restoring => ResultsAccess.BeingRestored,
            ArchiveState.Archived => isPremium ? ResultsAccess.BeingRestored : ResultsAccess.UpgradeRequired,
            _ when !isPremium && FreeWindow.Of(retention.Value).HasClosed(job, time.GetUtcNow()) => ResultsAccess.UpgradeRequired,
            _ => ResultsAccess.Downloadable,
        };
    }
}
