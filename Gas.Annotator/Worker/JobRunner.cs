using Gas.Annotator.Engine;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Worker;

/// <summary>What became of one request message.</summary>
public enum RunOutcome
{
    Completed,
    Failed,
    Duplicate,
    Deferred,
    Retry,
    Poison,
}

/// <summary>
/// Runs one job request end to end: claim (PENDING → RUNNING, conditional), download, annotate, upload,
/// COMPLETED or FAILED, publish the result, acknowledge. Safe under duplicate delivery. A fault of the input (invalid, too
/// large for the owner's plan, damaged) or an expired time budget fails the job at once; anything else is retried.
/// </summary>
public sealed partial class JobRunner(
    IJobStore jobs,
    IObjectStore objects,
    IQueue queue,
    ResultAnnouncement results,
    IAnnotationEngine engine,
    ResultsIndexStore resultsIndex,
    TimeProvider time,
    IOptions<StorageOptions> storage,
    IOptions<MessagingOptions> messaging,
    IOptions<AnnotatorOptions> options,
    ILogger<JobRunner> logger)
{
    /// <summary>How much longer than the lease a claimed request stays hidden: the store's lease is live through its last whole second.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(2);

    private readonly string _queueName = messaging.Value.JobRequestsQueue;

    public async Task<RunOutcome> RunAsync(QueueMessage message, CancellationToken ct)
    {
        JobRequest request;
        try
        {
            request = MessageJson.Deserialize<JobRequest>(message.Body);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            // Left undeleted: redrive moves it to the DLQ, where it can be inspected.
            logger.LogWarning(e, "Unreadable job request {MessageId}", message.MessageId);
            return RunOutcome.Poison;
        }

        var job = await jobs.GetAsync(request.JobId, ct);
        if (job is null)
        {
            logger.LogWarning("Job request {MessageId} names unknown job {JobId}", message.MessageId, request.JobId);
            return RunOutcome.Poison;
        }

        if (job.IsFinished)
        {
            return await AcknowledgeDuplicateAsync(job, message, ct);
        }

        var lease = options.Value.Lease;
        var now = time.GetUtcNow();
        if (!await jobs.TryClaimAsync(job.JobId, now.ToUnixTimeSeconds(), now.Add(lease).ToUnixTimeSeconds(), ct))
        {
            // Another worker holds a live claim: look again once its lease could have run out.
            var current = await jobs.GetAsync(job.JobId, ct);
            if (current is null || current.IsFinished)
            {
                return await AcknowledgeDuplicateAsync(current ?? job, message, ct);
            }

            logger.LogInformation("Job {JobId}: another worker holds it until {LeaseUntil} (attempt {Attempts}); request {MessageId} (delivery {Count}) deferred",
                job.JobId, current.LeaseUntil, current.Attempts, message.MessageId, message.ReceiveCount);
            await queue.ChangeVisibilityAsync(_queueName, message.ReceiptHandle, lease, ct);
            return RunOutcome.Deferred;
        }

        logger.LogInformation("Job {JobId} claimed (attempt {Attempt}) from request {MessageId} (delivery {Count})",
            job.JobId, job.Attempts + 1, message.MessageId, message.ReceiveCount);

        // The request stays hidden until the lease has run out, never less: a copy that came back while the store still counted
        // the dead worker's lease live (written after the visibility, in whole seconds) would be deferred for a whole lease,
        // using up one of the request's deliveries each time a worker dies.
        await queue.ChangeVisibilityAsync(_queueName, message.ReceiptHandle, lease + LeaseMargin, ct);

        // past its time budget a job stops renewing its lease, is cancelled and fails: a stuck input cannot hold a worker for ever
        using var budget = new CancellationTokenSource(options.Value.JobTimeBudget, time);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(work.Token);
        var renewing = RenewWhileRunningAsync(job.JobId, message.ReceiptHandle, lease, renewal.Token);
        try
        {
            var outcome = await AnnotateAsync(job, work.Token, ct);
            await queue.DeleteAsync(_queueName, message.ReceiptHandle, ct);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Job {JobId} hit a transient fault; releasing it for another delivery", job.JobId);
            await jobs.TryReleaseAsync(job.JobId, CancellationToken.None);
            return RunOutcome.Retry;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    /// <summary>
    /// A request for a finished job: its worker may have died between finishing the job and publishing the result, so a
    /// result not recorded as published is published now (before the request is acknowledged), or nobody would hear of it.
    /// </summary>
    private async Task<RunOutcome> AcknowledgeDuplicateAsync(AnnotationJob job, QueueMessage message, CancellationToken ct)
    {
        if (await results.AnnounceIfMissedAsync(job, ct))
        {
            logger.LogInformation("Job {JobId} was {Status} but its result was not recorded as published; published it", job.JobId, job.Status.ToStoredName());
        }

        await queue.DeleteAsync(_queueName, message.ReceiptHandle, ct);
        return RunOutcome.Duplicate;
    }

    private async Task RenewWhileRunningAsync(string jobId, string receiptHandle, TimeSpan lease, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, ct);
                await jobs.TryRenewLeaseAsync(jobId, time.GetUtcNow().Add(lease).ToUnixTimeSeconds(), ct);
                await queue.ChangeVisibilityAsync(_queueName, receiptHandle, lease + LeaseMargin, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not extend the lease on job {JobId}", jobId);
        }
    }
}
