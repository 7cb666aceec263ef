using Gas.Core.Jobs;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// The word a job's status badge shows: a completed job's results may be archived (Free window passed) or on their way
/// back, and the badge says so rather than COMPLETED. Used by the job page's badge and inline by the list's rows.
/// </summary>
public static class StatusBadge
{
    /// <summary>The word shown, and the badge's CSS class.</summary>
    public static (string Shown, string CssClass) For(JobStatus status, ArchiveState archive) =>
        (status, archive) switch
        {
            (JobStatus.Completed, ArchiveState.Archived) => ("ARCHIVED", "status status-archived"),
            (JobStatus.Completed, ArchiveState.Restoring) => ("RESTORING", "status status-restoring"),
            (JobStatus.Pending, _) => ("PENDING", "status status-pending"),
            (JobStatus.Running, _) => ("RUNNING", "status status-running"),
            (JobStatus.Completed, _) => ("COMPLETED", "status status-completed"),
            _ => ("FAILED", "status status-failed"),
        };
}
