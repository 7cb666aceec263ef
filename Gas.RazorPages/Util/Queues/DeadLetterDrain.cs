using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Queues;

/// <summary>
/// Handles job requests that died in the dead-letter queue. SQS counts deliveries, not attempts at the job: a request also
/// dies when the annotators that received it were killed before claiming it, or when copies were deferred while another
/// worker held the job. So a job still being worked on (a live lease) is left to its worker, with the dead letter kept
/// until the lease runs out (the worker may be dead, and the dead letter its job's last request); a job claimed fewer times
/// than the queue's delivery limit gets its request again, and only a job that used up its attempts is marked FAILED,
/// with a reason, and its owner told.
/// </summary>
public sealed class DeadLetterDrain(
    QueueDrain drain,
    IJobStore jobs,
    JobIntake intake,
    ResultAnnouncement results,
    TimeProvider time,
    IOptions<MessagingOptions> messaging,
    IOptions<RetentionOptions> retention,
    ILogger<DeadLetterDrain> logger)
{
    private QueueSettings RequestQueue => messaging.Value.EffectiveQueues(retention.Value)[messaging.Value.JobRequestsQueue];

    public string DeadLetterQueue =>
        RequestQueue.DeadLetterQueue ?? throw new InvalidOperationException("The job request queue has no dead-letter queue.");

    [AutomaticRetry(Attempts = 0)]
    public Task DrainAsync(CancellationToken ct) => drain.DrainAsync(DeadLetterQueue, HandleAsync, ct);

    public async Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        JobRequest request;
        try
        {
            request = MessageJson.Deserialize<JobRequest>(message.Body);
        }
        catch (System.Text.Json.JsonException e)
        {
            logger.LogError(e, "Dropping unreadable dead letter {MessageId}: {Body}", message.MessageId, message.Body);
            return MessageDisposition.Handled;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var job = await jobs.GetAsync(request.JobId, ct);
        if (job is { Status: JobStatus.Running, LeaseUntil: { } leaseUntil } && leaseUntil >= now)
        {
            // Not dropped: the dead copy may be the holder's own (it died, and its copy ran out of deliveries before its lease
            // ran out), and then it is the job's last request. Kept until the lease has run out, then looked at again.
            var wait = TimeSpan.FromSeconds(leaseUntil - now + 2);
            logger.LogInformation("Dead letter for job {JobId} kept for {Seconds} s: a worker holds the job until its lease runs out", job.JobId, wait.TotalSeconds);
            await drain.DeferAsync(DeadLetterQueue, message, wait, ct);
            return MessageDisposition.Later;
        }

        if (job is { IsFinished: false } && job.Attempts < RequestQueue.MaxReceiveCount)
        {
            logger.LogWarning("Job {JobId}'s request died after {Count} deliveries but only {Attempts} attempts; requesting it again",
                job.JobId, message.ReceiveCount, job.Attempts);
            await intake.RequestAsync(job, ct);
            return MessageDisposition.Handled;
        }

        const string Reason = "The annotator could not process this job after several attempts. Please submit the file again; if it keeps failing, contact support.";
        if (await jobs.TryFailAsync(request.JobId, Reason, now, ct: ct))
        {
            logger.LogWarning("Job {JobId} marked FAILED: its request reached the dead-letter queue", request.JobId);
            await results.AnnounceAsync(request.JobId, request.UserId, JobStatus.Failed, now, ct);
        }
        else if (await jobs.GetAsync(request.JobId, ct) is { } finished)
        {
            // Finished already, by an annotator or by an earlier run of this drain that died before publishing the result.
            await results.AnnounceIfMissedAsync(finished, ct);
        }

        return MessageDisposition.Handled;
    }
}
