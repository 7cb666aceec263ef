using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Gas.Core.Jobs;

/// <summary>Turns an uploaded input into a PENDING job and publishes its request: what the web tier and the load generator both do.</summary>
public sealed class JobIntake(IJobStore jobs, ITopic topic, TimeProvider time, IOptions<MessagingOptions> messaging)
{
    /// <summary>
    /// Creates the job (throwing <see cref="JobAlreadyExistsException"/> if the id is taken) and publishes its request;
    /// <paramref name="tier"/> is the owner's plan now, which sets the annotator's limits for this job.
    /// </summary>
    /// <param name="genomeBuild"><c>GRCh37</c> or <c>GRCh38</c> as chosen on upload; null to let the annotator detect it.</param>
    /// <param name="jobName">The name the user gave the job, if any (<see cref="JobNames.Normalize"/> is applied).</param>
    public async Task<AnnotationJob> SubmitAsync(string jobId, string userId, UserTier tier, string inputFileName, string inputsBucket, string inputKey,
        string? genomeBuild = null, string? jobName = null, CancellationToken ct = default)
    {
        var job = new AnnotationJob
        {
            JobId = jobId,
            UserId = userId,
            UserTier = tier,
            InputFileName = inputFileName,
            InputsBucket = inputsBucket,
            InputKey = inputKey,
            SubmitTime = time.GetUtcNow().ToUnixTimeSeconds(),
            Status = JobStatus.Pending,
            GenomeBuild = genomeBuild,
            JobName = JobNames.Normalize(jobName),
        };
        await jobs.CreateAsync(job, ct);
        await RequestAsync(job, ct);
        return job;
    }

    /// <summary>
    /// Publishes the request of a job that is still PENDING again: its creator may have died between creating the job and
    /// publishing (a second request is harmless, the annotator's conditional claim runs a job once).
    /// </summary>
    public Task RequestAsync(AnnotationJob job, CancellationToken ct = default) =>
        topic.PublishAsync(messaging.Value.JobRequestsTopic, MessageJson.Serialize(JobRequest.For(job)), ct);
}
