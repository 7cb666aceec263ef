using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Gas.Core.Jobs;

/// <summary>
/// Publishes a finished job's result to the results topic (notify and archive consume it) at least once. The job is
/// finished first and the publication recorded after, so a process killed in between leaves a finished job whose result
/// is not recorded as published; whoever next meets the job's request (a redelivery to the annotator, the dead-letter
/// drain) publishes it again. Consumers are idempotent, so the rare second copy is harmless.
/// </summary>
public sealed class ResultAnnouncement(IJobStore jobs, ITopic topic, IOptions<MessagingOptions> messaging)
{
    /// <summary>Publishes the result of a job that just became <paramref name="status"/> at <paramref name="completeTime"/>.</summary>
    public async Task AnnounceAsync(string jobId, string userId, JobStatus status, long completeTime, CancellationToken ct = default)
    {
        await topic.PublishAsync(messaging.Value.JobResultsTopic,
            MessageJson.Serialize(new JobResult(jobId, userId, status.ToStoredName(), completeTime)), ct);
        await jobs.TryMarkResultPublishedAsync(jobId, ct);
    }

    /// <summary>Publishes a finished job's result unless its publication was recorded; true when it published.</summary>
    public async Task<bool> AnnounceIfMissedAsync(AnnotationJob job, CancellationToken ct = default)
    {
        if (!job.IsFinished || job.ResultPublished)
        {
            return false;
        }

        await AnnounceAsync(job.JobId, job.UserId, job.Status, job.CompleteTime ?? 0, ct);
        return true;
    }
}
