using Gas.Core.Archive;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Queues;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Restore;

/// <summary>
/// Brings a new Premium user's archived results back: a restore per archived job, Expedited first and Standard when
/// Expedited is refused; the job is marked RESTORING (once) and a thaw follow-up is scheduled.
/// </summary>
public sealed class RestoreRequester(
    QueueDrain drain,
    IJobStore jobs,
    IArchiveStore archive,
    UserDirectory users,
    IBackgroundJobClient backgroundJobs,
    TimeProvider time,
    IOptions<MessagingOptions> messaging,
    IOptions<UtilOptions> options,
    ILogger<RestoreRequester> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public Task DrainAsync(CancellationToken ct) => drain.DrainAsync(messaging.Value.RestoreQueue, HandleAsync, ct);

    public async Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var request = MessageJson.Deserialize<RestoreRequest>(message.Body);
        await RestoreUserAsync(request.UserId, ct);
        return MessageDisposition.Handled;
    }

    /// <summary>Starts a restore for every archived job of the user, if the user is (still) Premium.</summary>
    public async Task<int> RestoreUserAsync(string userId, CancellationToken ct)
    {
        if (!await users.IsPremiumAsync(userId, ct))
        {
            logger.LogInformation("Restore for {UserId} skipped: not a Premium user", userId);
            return 0;
        }

        var started = 0;
        string? page = null;
        do
        {
            var result = await jobs.ListByUserAsync(userId, 100, page, ct);
            foreach (var job in result.Jobs.Where(j => j.ArchiveState == ArchiveState.Archived))
            {
                if (await StartRestoreAsync(job, ct))
                {
                    started++;
                }
            }

            page = result.NextPageToken;
        }
        while (page is not null);

        return started;
    }

    /// <summary>Requests the restore and marks the job RESTORING; false when another run already did.</summary>
    public async Task<bool> StartRestoreAsync(AnnotationJob job, CancellationToken ct)
    {
        var archiveId = job.ResultsArchiveId ?? throw new InvalidOperationException($"Job {job.JobId} is not archived.");
        var tier = await RequestAsync(archiveId, ct);
        if (!await jobs.TryMarkRestoringAsync(job.JobId, archiveId, tier.ToString(), time.GetUtcNow().ToUnixTimeSeconds(), ct))
        {
            return false;
        }

        backgroundJobs.Schedule<ThawFollowUp>(thaw => thaw.CheckAsync(job.JobId, 0, CancellationToken.None), options.Value.ThawInitialDelay);
        logger.LogInformation("Restore of job {JobId} requested at tier {Tier}", job.JobId, tier);
        return true;
    }

    /// <summary>Asks for Expedited retrieval, falling back to Standard when Expedited capacity is refused.</summary>
    public async Task<RestoreTier> RequestAsync(string archiveId, CancellationToken ct)
    {
        if (await archive.RequestRestoreAsync(archiveId, RestoreTier.Expedited, ct) != RestoreRequestOutcome.TierUnavailable)
        {
            return RestoreTier.Expedited;
        }

        logger.LogInformation("Expedited retrieval refused for {ArchiveId}; falling back to Standard", archiveId);
        return await archive.RequestRestoreAsync(archiveId, RestoreTier.Standard, ct) == RestoreRequestOutcome.TierUnavailable
            ? throw new InvalidOperationException($"Standard retrieval refused for archive {archiveId}.")
            : RestoreTier.Standard;
    }
}
