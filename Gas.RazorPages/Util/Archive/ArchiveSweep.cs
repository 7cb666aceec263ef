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
/// It derives all its work from the job store, so nothing is lost when the job server's storage is. It reads the jobs due
/// through the store's sweep index (<see cref="SweepMark"/>), never every job: a job it finds nothing to do for (its owner's
/// plan keeps it where it is) leaves the index until a plan change puts the owner's jobs back (<see cref="Plans.PlanChanges.MarkJobsForSweepAsync"/>).
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
    private const int PageSize = 100;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<(int Archived, int Restored)> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var window = FreeWindow.Of(retention.Value);
        var premium = new Dictionary<string, bool>(StringComparer.Ordinal);
        async Task<bool> IsPremiumAsync(string userId) =>
            premium.TryGetValue(userId, out var known) ? known : premium[userId] = await users.IsPremiumAsync(userId, ct);

        var archived = 0;
        await foreach (var job in DueAsync(SweepMark.Hot, (now - window.Length).ToUnixTimeSeconds(), ct))
        {
            if (await IsPremiumAsync(job.UserId))
            {
                await SetAsideAsync(job, SweepMark.Hot, stillNotDue: () => users.IsPremiumAsync(job.UserId, ct), ct);
            }
            else if ((await archiver.ArchiveIfDueAsync(job.JobId, ct)).Outcome == ArchiveOutcome.Archived)
            {
                archived++;
            }
        }

        var restored = 0;
        await foreach (var job in DueAsync(SweepMark.Archived, long.MaxValue, ct))
        {
            if (!await IsPremiumAsync(job.UserId))
            {
                await SetAsideAsync(job, SweepMark.Archived, stillNotDue: async () => !await users.IsPremiumAsync(job.UserId, ct), ct);
            }
            else if (await restorer.StartRestoreAsync(job, ct))
            {
                restored++;
            }
        }

        var stale = now.AddTicks(-2 * options.Value.ThawMaxDelay.Ticks).ToUnixTimeSeconds();
        await foreach (var job in DueAsync(SweepMark.Restoring, stale, ct))
        {
            // A follow-up should have finished this long ago; it may have been lost with the job server's storage.
            backgroundJobs.Enqueue<ThawFollowUp>(thaw => thaw.CheckAsync(job.JobId, 0, CancellationToken.None));
        }

        return (archived, restored);
    }

    /// <summary>
    /// Takes a job its owner's plan keeps where it is out of the sweep's index, then reads the plan again: a plan change that
    /// came in between (and may have marked the owner's jobs before the mark was cleared) puts it back.
    /// </summary>
    private async Task SetAsideAsync(AnnotationJob job, SweepMark mark, Func<Task<bool>> stillNotDue, CancellationToken ct)
    {
        if (await jobs.TryClearSweepMarkAsync(job.JobId, mark, ct) && !await stillNotDue())
        {
            await jobs.TryMarkForSweepAsync(job.JobId, ct);
        }
    }

    private async IAsyncEnumerable<AnnotationJob> DueAsync(SweepMark mark, long before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? page = null;
        do
        {
            var result = await jobs.ListSweepDueAsync(mark, before, PageSize, page, ct);
            foreach (var job in result.Jobs)
            {
                yield return job;
            }

            page = result.NextPageToken;
        }
        while (page is not null);
    }
}
