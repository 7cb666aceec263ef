using Gas.Core.Archive;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Queues;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Archive;

/// <summary>What an archive attempt did.</summary>
public enum ArchiveOutcome
{
    Archived,
    AlreadyArchived,
    NotDue,
    PremiumUser,
    NotApplicable,

    /// <summary>Another run is making the copy right now.</summary>
    InProgress,
}

/// <summary>
/// Moves a Free user's results to cold storage once the download window has passed:
/// copy, verify, record the archive id, then delete the hot copy. Every step re-reads the job and the
/// user's plan, and running it twice (or concurrently) leaves one archive and no hot copy.
/// </summary>
public sealed class ResultsArchiver(
    QueueDrain drain,
    IJobStore jobs,
    IObjectStore objects,
    IArchiveStore archive,
    ResultsIndexStore resultsIndex,
    UserDirectory users,
    TimeProvider time,
    IOptions<RetentionOptions> retention,
    IOptions<MessagingOptions> messaging,
    ILogger<ResultsArchiver> logger)
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);
    private static readonly TimeSpan InProgressRecheck = TimeSpan.FromMinutes(1);

    [AutomaticRetry(Attempts = 0)]
    public Task DrainAsync(CancellationToken ct) => drain.DrainAsync(messaging.Value.ResultsArchiveQueue, HandleAsync, ct);

    [AutomaticRetry(Attempts = 0)]
    public Task DrainDeadLettersAsync(CancellationToken ct) => drain.DrainDeadLettersAsync(messaging.Value.ResultsArchiveQueue, HandleOnAsync, ct);

    public Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken ct) =>
        HandleOnAsync(messaging.Value.ResultsArchiveQueue, message, ct);

    /// <summary>Handles a message of <paramref name="queue"/> (the archive queue or its dead-letter queue).</summary>
    private async Task<MessageDisposition> HandleOnAsync(string queue, QueueMessage message, CancellationToken ct)
    {
        var result = MessageJson.Deserialize<JobResult>(message.Body);
        var (outcome, wait) = await ArchiveIfDueAsync(result.JobId, ct);
        if (outcome == ArchiveOutcome.InProgress)
        {
            // Look again in a while: should that other run die, this message finishes the work.
            await drain.DeferAsync(queue, message, InProgressRecheck, ct);
            return MessageDisposition.Later;
        }

        if (outcome != ArchiveOutcome.NotDue)
        {
            return MessageDisposition.Handled;
        }

        // Arrived before the window closed (a window longer than SQS's 15-minute delay): look again when it does.
        await drain.DeferAsync(queue, message, wait < MaxVisibility ? wait : MaxVisibility, ct);
        return MessageDisposition.Later;
    }

    /// <summary>Archives the job's results if they are a Free user's and the window has passed; otherwise says why not.</summary>
    public async Task<(ArchiveOutcome Outcome, TimeSpan Wait)> ArchiveIfDueAsync(string jobId, CancellationToken ct)
    {
        var job = await jobs.GetAsync(jobId, ct);
        if (job is null || job.Status != JobStatus.Completed || job.ResultsBucket is null || string.IsNullOrEmpty(job.ResultKey))
        {
            return (ArchiveOutcome.NotApplicable, TimeSpan.Zero);
        }

        if (job.ArchiveState != ArchiveState.Hot)
        {
            if (job.ArchiveState == ArchiveState.Archived && await objects.HeadAsync(job.ResultsBucket, job.ResultKey, ct) is not null)
            {
                // An earlier run recorded the archive but stopped before deleting the hot copy.
                await resultsIndex.KeepSummaryOnlyAsync(job, ct);
                await objects.DeleteAsync(job.ResultsBucket, job.ResultKey, ct);
            }

            return (ArchiveOutcome.AlreadyArchived, TimeSpan.Zero);
        }

        if (await users.IsPremiumAsync(job.UserId, ct))
        {
            return (ArchiveOutcome.PremiumUser, TimeSpan.Zero);
        }

        var now = time.GetUtcNow();
        if (FreeWindow.Of(retention.Value).ClosesAt(job) is { } due && now < due)
        {
            return (ArchiveOutcome.NotDue, due - now);
        }

        var hot = await objects.HeadAsync(job.ResultsBucket, job.ResultKey, ct);
        if (hot is null)
        {
            logger.LogError("Job {JobId} is COMPLETED but its results {Key} are missing; nothing to archive", job.JobId, job.ResultKey);
            return (ArchiveOutcome.NotApplicable, TimeSpan.Zero);
        }

        // The copy is named and recorded as pending before it is made, taking over from a pending copy an earlier run left
        // (it died, or lost a race): that copy is deleted, so an archiver killed between copying and recording leaves no
        // copy in cold storage that nothing refers to.
        var archiveId = IArchiveStore.NewId();
        if (!await jobs.TryBeginArchiveAsync(job.JobId, archiveId, job.ArchivePendingId, ct))
        {
            return ((await jobs.GetAsync(job.JobId, ct))?.ArchiveState == ArchiveState.Archived ? ArchiveOutcome.AlreadyArchived : ArchiveOutcome.InProgress,
                TimeSpan.Zero);
        }

        if (job.ArchivePendingId is { } superseded)
        {
            await archive.DeleteAsync(superseded, ct);
        }

        try
        {
            await using var content = await objects.OpenReadAsync(job.ResultsBucket, job.ResultKey, ct);
            await archive.ArchiveAsync(archiveId, content, $"{job.UserId}/{job.JobId} {job.ResultKey}", ct);
        }
        catch (ObjectNotFoundException)
        {
            // A concurrent run archived it and removed the hot copy while we looked.
            await AbandonAsync(job.JobId, archiveId, ct);
            if ((await jobs.GetAsync(job.JobId, ct))?.ArchiveState == ArchiveState.Archived)
            {
                return (ArchiveOutcome.AlreadyArchived, TimeSpan.Zero);
            }

            throw;
        }

        if (await archive.GetSizeAsync(archiveId, ct) != hot.Size)
        {
            // Another run that found our copy pending took it over and deleted it: that run archives the job.
            if (await SupersededAsync(job.JobId, archiveId, ct) is { } outcome)
            {
                return (outcome, TimeSpan.Zero);
            }

            await AbandonAsync(job.JobId, archiveId, ct);
            throw new IOException($"Archive copy of job {job.JobId} does not match the original's size; will retry.");
        }

        // The user may have upgraded while we copied: never archive a Premium user's results.
        if (await users.IsPremiumAsync(job.UserId, ct))
        {
            await AbandonAsync(job.JobId, archiveId, ct);
            return (ArchiveOutcome.PremiumUser, TimeSpan.Zero);
        }

        if (!await jobs.TryMarkArchivedAsync(job.JobId, archiveId, ct))
        {
            // Another run took over our pending copy (and deleted it) or archived first.
            await archive.DeleteAsync(archiveId, ct);
            return (ArchiveOutcome.AlreadyArchived, TimeSpan.Zero);
        }

        // The results index keeps its summary (the job page still shows what was found) and drops the variant rows,
        // which come back from the archived VCF on thaw; it needs the hot VCF if no index was stored yet.
        await resultsIndex.KeepSummaryOnlyAsync(job, ct);
        await objects.DeleteAsync(job.ResultsBucket, job.ResultKey, ct);
        logger.LogInformation("Archived results of job {JobId} as {ArchiveId}", job.JobId, archiveId);
        return (ArchiveOutcome.Archived, TimeSpan.Zero);
    }

    /// <summary>Forgets our pending copy (unless another run took over) and deletes it.</summary>
    /// <summary>What became of the job when another run took over our pending copy; null while the copy is still ours.</summary>
    private async Task<ArchiveOutcome?> SupersededAsync(string jobId, string archiveId, CancellationToken ct) =>
        await jobs.GetAsync(jobId, ct) is { } current && current.ArchivePendingId != archiveId
            ? current.ArchiveState == ArchiveState.Archived ? ArchiveOutcome.AlreadyArchived : ArchiveOutcome.InProgress
            : null;

    private async Task AbandonAsync(string jobId, string archiveId, CancellationToken ct)
    {
        await jobs.TryAbandonArchiveAsync(jobId, archiveId, ct);
        await archive.DeleteAsync(archiveId, ct);
    }
}
