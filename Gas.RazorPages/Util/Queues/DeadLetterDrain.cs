using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Queues;

/// <summary>Marks FAILED, with a reason, every job whose request died in the dead-letter queue, and tells its owner.</summary>
public sealed class DeadLetterDrain(
    QueueDrain drain,
    IJobStore jobs,
    ITopic topic,
    TimeProvider time,
    IOptions<MessagingOptions> messaging,
    IOptions<RetentionOptions> retention,
    ILogger<DeadLetterDrain> logger)
{
    public string DeadLetterQueue =>
        messaging.Value.EffectiveQueues(retention.Value)[messaging.Value.JobRequestsQueue].DeadLetterQueue
        ?? throw new InvalidOperationException("The job request queue has no dead-letter queue.");

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
        const string Reason = "The annotator could not process this job after several attempts. Please submit the file again; if it keeps failing, contact support.";
        if (await jobs.TryFailAsync(request.JobId, Reason, now, ct: ct))
        {
            await topic.PublishAsync(messaging.Value.JobResultsTopic,
                MessageJson.Serialize(new JobResult(request.JobId, request.UserId, JobStatus.Failed.ToStoredName(), now)), ct);
            logger.LogWarning("Job {JobId} marked FAILED: its request reached the dead-letter queue", request.JobId);
        }

        return MessageDisposition.Handled;
    }
}
