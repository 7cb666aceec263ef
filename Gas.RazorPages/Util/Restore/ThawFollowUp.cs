using Gas.Core.Archive;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Restore;

/// <summary>
/// Checks a restore with back-off; once the archive is readable, puts the results back where they were,
/// clears the job's archive id and deletes the archive copy. Safe to run twice.
/// </summary>
public sealed class ThawFollowUp(
    IJobStore jobs,
    IObjectStore objects,
    IArchiveStore archive,
    ResultsIndexStore resultsIndex,
    RestoreRequester restorer,
    IBackgroundJobClient backgroundJobs,
    RestoredNotice notice,
    IOptions<UtilOptions> options,
    ILogger<ThawFollowUp> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task CheckAsync(string jobId, int attempt, CancellationToken ct)
    {
        var job = await jobs.GetAsync(jobId, ct);
        if (job is null || job.ArchiveState != ArchiveState.Restoring || job.ResultsBucket is null || job.ResultKey is null)
        {
            return;
        }

        var archiveId = job.ResultsArchiveId!;
        switch (await archive.GetRestoreProgressAsync(archiveId, ct))
        {
            case RestoreProgress.Ready:
                try
                {
                    await ThawAsync(job, archiveId, ct);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException)
                {
                    // A concurrent run may have finished the thaw (and deleted the archive) under us.
                    if ((await jobs.GetAsync(jobId, ct))?.ArchiveState != ArchiveState.Hot)
                    {
                        throw;
                    }
                }

                return;
            case RestoreProgress.NotRequested:
                // The restored copy expired or the request was lost: ask again, then keep checking.
                await restorer.RequestAsync(archiveId, ct);
                break;
            case RestoreProgress.Missing:
                if (await objects.HeadAsync(job.ResultsBucket, job.ResultKey, ct) is not null)
                {
                    await jobs.TryMarkThawedAsync(job.JobId, archiveId, ct);
                    return;
                }

                throw new InvalidOperationException($"Archive {archiveId} of job {job.JobId} is missing and so are its results.");
        }

        var delay = Delay(attempt + 1);
        backgroundJobs.Schedule<ThawFollowUp>(thaw => thaw.CheckAsync(jobId, attempt + 1, CancellationToken.None), delay);
        logger.LogInformation("Restore of job {JobId} still in progress; next check in {Delay}", jobId, delay);
    }

    private async Task ThawAsync(AnnotationJob job, string archiveId, CancellationToken ct)
    {
        await using (var restored = await archive.OpenRestoredAsync(archiveId, ct))
        {
            await objects.PutAsync(job.ResultsBucket!, job.ResultKey!, restored, "text/vcf", ct);
        }

        var head = await objects.HeadAsync(job.ResultsBucket!, job.ResultKey!, ct);
        if (head is null || head.Size != await archive.GetSizeAsync(archiveId, ct))
        {
            throw new IOException($"Thawed results of job {job.JobId} do not match the archive; will retry.");
        }

        if (await jobs.TryMarkThawedAsync(job.JobId, archiveId, ct))
        {
            await archive.DeleteAsync(archiveId, ct);
            logger.LogInformation("Results of job {JobId} are back from the archive", job.JobId);
            await RebuildIndexAsync(job, ct);
            await notice.SendAsync(job, ct);
        }
    }

    /// <summary>The index's variant rows come back from the restored VCF; if this fails, the first view rebuilds them.</summary>
    private async Task RebuildIndexAsync(AnnotationJob job, CancellationToken ct)
    {
        try
        {
            await resultsIndex.RebuildAsync(job, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not rebuild the results index of job {JobId}; the first view will", job.JobId);
        }
    }

    public TimeSpan Delay(int attempt)
    {
        var seconds = options.Value.ThawInitialDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.Value.ThawMaxDelay.TotalSeconds));
    }
}
