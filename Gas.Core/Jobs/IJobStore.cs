namespace Gas.Core.Jobs;

/// <summary>The key-value store of annotation jobs; every state change is a conditional update.</summary>
public interface IJobStore
{
    /// <summary>Stores a new job; throws <see cref="JobAlreadyExistsException"/> when the id is taken.</summary>
    Task CreateAsync(AnnotationJob job, CancellationToken ct = default);

    Task<AnnotationJob?> GetAsync(string jobId, CancellationToken ct = default);

    /// <summary>A user's jobs, newest submit time first, through the user index (never a scan).</summary>
    Task<JobPage> ListByUserAsync(string userId, int pageSize, string? pageToken = null, CancellationToken ct = default);

    /// <summary>
    /// A user's jobs whose name or input file name contains <paramref name="text"/> (ignoring case), newest first, in pages
    /// like <see cref="ListByUserAsync"/>. It reads the user's jobs only (on DynamoDB: the user index with a filter).
    /// </summary>
    Task<JobPage> SearchByUserAsync(string userId, string text, int pageSize, string? pageToken = null, CancellationToken ct = default);

    /// <summary>
    /// The same pages as <see cref="ListByUserAsync"/> (or, with <paramref name="text"/>, <see cref="SearchByUserAsync"/>), with
    /// the same tokens, reading only what a list shows of each job.
    /// </summary>
    Task<JobListPage> ListItemsByUserAsync(string userId, string? text, int pageSize, string? pageToken = null, CancellationToken ct = default);

    /// <summary>PENDING → RUNNING, or re-claims a RUNNING job whose lease ran out (its worker died).</summary>
    Task<bool> TryClaimAsync(string jobId, long now, long leaseUntil, CancellationToken ct = default);

    /// <summary>Pushes a RUNNING job's lease forward while its worker is still busy.</summary>
    Task<bool> TryRenewLeaseAsync(string jobId, long leaseUntil, CancellationToken ct = default);

    /// <summary>RUNNING → PENDING, so another delivery can retry after a transient fault.</summary>
    Task<bool> TryReleaseAsync(string jobId, CancellationToken ct = default);

    /// <summary>RUNNING → COMPLETED with the output keys, the annotator's notes and variant count, and the complete time.</summary>
    Task<bool> TryCompleteAsync(string jobId, JobOutputs outputs, long completeTime, CancellationToken ct = default);

    /// <summary>PENDING or RUNNING → FAILED with a reason the user can read; an optional log key.</summary>
    Task<bool> TryFailAsync(string jobId, string reason, long completeTime, JobOutputs? outputs = null, CancellationToken ct = default);

    /// <summary>A finished job's result has been published to the results topic.</summary>
    Task<bool> TryMarkResultPublishedAsync(string jobId, CancellationToken ct = default);

    /// <summary>
    /// Takes the right to email the owner about the job's outcome <paramref name="status"/> until <paramref name="leaseUntil"/>:
    /// false when the job has another outcome, the owner was already emailed about it, or another notifier holds a live claim
    /// (one that ends at or after <paramref name="now"/>). A notifier that died holding it is followed once its lease runs out.
    /// </summary>
    Task<bool> TryBeginNotifyAsync(string jobId, JobStatus status, long now, long leaseUntil, CancellationToken ct = default);

    /// <summary>The owner has been emailed about the job's outcome <paramref name="status"/>; false if that was already recorded.</summary>
    Task<bool> TryMarkNotifiedAsync(string jobId, JobStatus status, CancellationToken ct = default);

    /// <summary>
    /// Records that an archive copy <paramref name="archiveId"/> of a COMPLETED, hot job is being made, taking over from
    /// <paramref name="supersedes"/> (the pending copy of an archiver that died or lost, which the caller then deletes), or
    /// from none when null. Only the pending copy can be recorded as the job's archive.
    /// </summary>
    Task<bool> TryBeginArchiveAsync(string jobId, string archiveId, string? supersedes, CancellationToken ct = default);

    /// <summary>Forgets the pending archive copy <paramref name="archiveId"/> (the caller deletes it).</summary>
    Task<bool> TryAbandonArchiveAsync(string jobId, string archiveId, CancellationToken ct = default);

    /// <summary>Records a COMPLETED, hot job's pending archive copy <paramref name="archiveId"/> as its archive.</summary>
    Task<bool> TryMarkArchivedAsync(string jobId, string archiveId, CancellationToken ct = default);

    /// <summary>An archived job starts coming back from cold storage at the given tier.</summary>
    Task<bool> TryMarkRestoringAsync(string jobId, string archiveId, string tier, long requestedTime, CancellationToken ct = default);

    /// <summary>A restored job's results are hot again: clears the archive id and restore state.</summary>
    Task<bool> TryMarkThawedAsync(string jobId, string archiveId, CancellationToken ct = default);

    /// <summary>
    /// Jobs marked <paramref name="mark"/> with a mark time at or before <paramref name="before"/>, oldest first, in pages, through
    /// an index holding only marked jobs (SQLite: a partial index; DynamoDB: a sparse index): the cost follows the jobs due.
    /// </summary>
    Task<JobPage> ListSweepDueAsync(SweepMark mark, long before, int pageSize, string? pageToken = null, CancellationToken ct = default);

    /// <summary>Takes the job out of the sweep's index while it is still marked <paramref name="mark"/>; false otherwise.</summary>
    Task<bool> TryClearSweepMarkAsync(string jobId, SweepMark mark, CancellationToken ct = default);

    /// <summary>Marks a completed job for the sweep again as its state says (<see cref="SweepMarks.Of"/>); false for any other job.</summary>
    Task<bool> TryMarkForSweepAsync(string jobId, CancellationToken ct = default);
}

/// <summary>Raised when a job id is already taken.</summary>
public sealed class JobAlreadyExistsException(string jobId)
    : InvalidOperationException($"Job {jobId} already exists.")
{
    public string JobId { get; } = jobId;
}
