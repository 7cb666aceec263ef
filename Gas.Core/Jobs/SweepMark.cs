namespace Gas.Core.Jobs;

/// <summary>
/// Why the archive sweep may have to look at a completed job, kept on the job (<c>sweep_mark</c>, <c>sweep_time</c>) only while
/// it may: so the sweep reads the jobs that are due, never every job. The job store sets it on each archive-state change; the
/// sweep clears it once a look finds nothing to do until the owner's plan changes; a plan change marks the owner's jobs again.
/// </summary>
public enum SweepMark
{
    /// <summary>Results hot; its time is the completion: due once a Free owner's window has closed.</summary>
    Hot,

    /// <summary>Results in cold storage; due when the owner is Premium (a restore to start).</summary>
    Archived,

    /// <summary>Coming back; its time is the restore request: due when the follow-up is overdue.</summary>
    Restoring,
}

/// <summary>Sweep marks as stored, and the mark a job's state gives it.</summary>
public static class SweepMarks
{
    public static string ToStoredName(this SweepMark mark) => mark switch
    {
        SweepMark.Hot => "hot",
        SweepMark.Archived => "archived",
        SweepMark.Restoring => "restoring",
        _ => throw new ArgumentOutOfRangeException(nameof(mark)),
    };

    /// <summary>The mark and its time for a job in this state; null for a job the sweep never handles (not completed).</summary>
    public static (SweepMark Mark, long Time)? Of(AnnotationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != JobStatus.Completed)
        {
            return null;
        }

        return job.ArchiveState switch
        {
            ArchiveState.Hot => (SweepMark.Hot, job.CompleteTime ?? 0),
            ArchiveState.Archived => (SweepMark.Archived, job.CompleteTime ?? 0),
            _ => (SweepMark.Restoring, job.RestoreRequestedTime ?? 0),
        };
    }
}
