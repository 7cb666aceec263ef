using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Restore;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Archive;

/// <summary>
/// The recurring safety net: archives every Free user's results past the window that a message missed,
/// and restores any Premium user's results still in cold storage (say, an upgrade that raced an archive).
/// It derives all its work from the job store, so nothing is lost when the job server's storage is.
/// </summary>
public sealed class ArchiveSweep(
    IJobStore jobs,
    UserDirectory users,
    ResultsArchiver archiver,
    RestoreRequester restorer,
    IBackgroundJobClient backgroundJobs,
    TimeProvider time,
    IOptions<RetentionOptions> retention,
    IOptions<UtilOptions> options)
{
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<(int Archived, int Restored)> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var window = FreeWindow.Of(retention.Value);
        var archived = 0;
        foreach (var userId in await users.FreeUserIdsAsync(ct))
        {
            await foreach (var job in AllJobsAsync(userId, ct))
            {
                if (job is { Status: JobStatus.Completed, ArchiveState: ArchiveState.Hot }
                    && window.HasClosed(job, now)
                    && (await archiver.ArchiveIfDueAsync(job.JobId, ct)).Outcome == ArchiveOutcome.Archived)
                {
                    archived++;
                }
            }
        }

        var restored = 0;
        var stale = now.AddTicks(-2 * options.Value.ThawMaxDelay.Ticks).ToUnixTimeSeconds();
        foreach (var userId in await users.PremiumUserIdsAsync(ct))
        {
            await foreach (var job in AllJobsAsync(userId, ct))
            {
                if (job.ArchiveState == ArchiveState.Archived && await restorer.StartRestoreAsync(job, ct))
                {
                    restored++;
                }
                else if (job.ArchiveState == ArchiveState.Restoring && job.RestoreRequestedTime < stale)
                {
                    // A follow-up should have finished this long ago; it may have been lost with the job server's storage.
                    backgroundJobs.Enqueue<ThawFollowUp>(thaw => thaw.CheckAsync(job.JobId, 0, CancellationToken.None));
                }
            }
        }

        return (archived, restored);
    }

    private async IAsyncEnumerable<AnnotationJob> AllJobsAsync(string userId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? page = null;
        do
        {
            var result = await jobs.ListByUserAsync(userId, 100, page, ct);
            foreach (var job in result.Jobs)
            {
                yield return job;
            }

            page = result.NextPageToken;
        }
        while (page is not null);
    }
}
