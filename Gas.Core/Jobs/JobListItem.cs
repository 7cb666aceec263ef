namespace Gas.Core.Jobs;

/// <summary>
/// What a list of jobs shows of each: the name, the times, the variant count and the status. The stores read these columns
/// only (not the notes, keys and leases a full <see cref="AnnotationJob"/> carries).
/// </summary>
public sealed record JobListItem
{
    public required string JobId { get; init; }
    public string? JobName { get; init; }
    public required string InputFileName { get; init; }
    public required long SubmitTime { get; init; }
    public JobStatus Status { get; init; } = JobStatus.Pending;
    public long? CompleteTime { get; init; }
    public long? VariantCount { get; init; }
    public ArchiveState ArchiveState { get; init; } = ArchiveState.Hot;

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed;

    /// <summary>The list item for a job read in full.</summary>
    public static JobListItem Of(AnnotationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobListItem
        {
            JobId = job.JobId,
            JobName = job.JobName,
            InputFileName = job.InputFileName,
            SubmitTime = job.SubmitTime,
            Status = job.Status,
            CompleteTime = job.CompleteTime,
            VariantCount = job.VariantCount,
            ArchiveState = job.ArchiveState,
        };
    }
}

/// <summary>A page of a user's jobs as a list shows them, newest first, with the token for the next page.</summary>
public sealed record JobListPage(IReadOnlyList<JobListItem> Items, string? NextPageToken);
