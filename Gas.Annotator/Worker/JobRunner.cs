using System.Globalization;
using System.Text;
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
/// COMPLETED or FAILED, publish the result, acknowledge. Safe under duplicate delivery.
/// </summary>
public sealed class JobRunner(
    IJobStore jobs,
    IObjectStore objects,
    IQueue queue,
    ITopic topic,
    IAnnotationEngine engine,
    ResultsIndexStore resultsIndex,
    TimeProvider time,
    IOptions<StorageOptions> storage,
    IOptions<MessagingOptions> messaging,
    IOptions<AnnotatorOptions> options,
    ILogger<JobRunner> logger)
{
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
            await queue.DeleteAsync(_queueName, message.ReceiptHandle, ct);
            return RunOutcome.Duplicate;
        }

        var lease = options.Value.Lease;
        var now = time.GetUtcNow();
        if (!await jobs.TryClaimAsync(job.JobId, now.ToUnixTimeSeconds(), now.Add(lease).ToUnixTimeSeconds(), ct))
        {
            // Another worker holds a live claim: look again once its lease could have run out.
            var current = await jobs.GetAsync(job.JobId, ct);
            if (current is null || current.IsFinished)
            {
                await queue.DeleteAsync(_queueName, message.ReceiptHandle, ct);
                return RunOutcome.Duplicate;
            }

            await queue.ChangeVisibilityAsync(_queueName, message.ReceiptHandle, lease, ct);
            return RunOutcome.Deferred;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewWhileRunningAsync(job.JobId, message.ReceiptHandle, lease, renewal.Token);
        try
        {
            var outcome = await AnnotateAsync(job, ct);
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

    private async Task<RunOutcome> AnnotateAsync(AnnotationJob job, CancellationToken ct)
    {
        var prefix = job.InputKey[..(job.InputKey.LastIndexOf('~') + 1)];
        var stem = Path.GetFileNameWithoutExtension(job.InputFileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? job.InputFileName[..^3]
            : job.InputFileName);
        var outputs = new JobOutputs(storage.Value.ResultsBucket, $"{prefix}{stem}.annot.vcf", $"{prefix}{job.InputFileName}.count.log");

        var workDir = Path.Combine(options.Value.WorkDirectory is { Length: > 0 } dir ? dir : Path.GetTempPath(), "gas-" + job.JobId);
        Directory.CreateDirectory(workDir);
        try
        {
            var inputPath = Path.Combine(workDir, "input");
            var outputPath = Path.Combine(workDir, "output.vcf");
            var log = new StringBuilder();
            await using var logWriter = new StringWriter(log) { NewLine = "\n" };
            await logWriter.WriteLineAsync($"GAS annotation log for job {job.JobId}");
            await logWriter.WriteLineAsync($"Input: {job.InputFileName}");
            await logWriter.WriteLineAsync($"Started: {time.GetUtcNow():u}");

            try
            {
                await using (var source = await objects.OpenReadAsync(job.InputsBucket, job.InputKey, ct))
                await using (var file = File.Create(inputPath))
                {
                    await source.CopyToAsync(file, ct);
                }
            }
            catch (ObjectNotFoundException)
            {
                return await FailAsync(job, "The uploaded input file is missing from storage; please submit it again.", null, ct);
            }

            AnnotationSummary summary;
            try
            {
                await using (var input = File.OpenRead(inputPath))
                await using (var output = File.Create(outputPath))
                {
                    summary = await engine.AnnotateAsync(input, output, logWriter, ct);
                }

                foreach (var warning in summary.Warnings)
                {
                    await logWriter.WriteLineAsync($"Warning: {warning}");
                }
            }
            catch (VcfFormatException e)
            {
                await logWriter.WriteLineAsync($"FAILED: the input is not a valid VCF file. {e.Message}");
                await UploadLogAsync(outputs, log, ct);
                return await FailAsync(job, $"Invalid VCF input. {e.Message}", outputs with { ResultKey = "" }, ct);
            }

            await IndexResultsAsync(outputs, outputPath, logWriter, ct);
            await logWriter.WriteLineAsync($"Finished: {time.GetUtcNow():u}");
            await using (var result = File.OpenRead(outputPath))
            {
                await objects.PutAsync(outputs.ResultsBucket, outputs.ResultKey, result, "text/vcf", ct);
            }

            await UploadLogAsync(outputs, log, ct);
            var completeTime = time.GetUtcNow().ToUnixTimeSeconds();
            if (await jobs.TryCompleteAsync(job.JobId, outputs with { Notes = Notes(summary) }, completeTime, ct))
            {
                await topic.PublishAsync(messaging.Value.JobResultsTopic,
                    MessageJson.Serialize(new JobResult(job.JobId, job.UserId, JobStatus.Completed.ToStoredName(), completeTime)), ct);
                logger.LogInformation("Job {JobId} completed", job.JobId);
            }

            return RunOutcome.Completed;
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    /// <summary>
    /// Stores the results index next to the results, for the job page's summary and variant table. A job whose index could
    /// not be built still completes: the web tier builds the index from the VCF on first view.
    /// </summary>
    private async Task IndexResultsAsync(JobOutputs outputs, string annotatedPath, TextWriter log, CancellationToken ct)
    {
        try
        {
            var stats = await resultsIndex.BuildAndStoreAsync(outputs.ResultsBucket, outputs.ResultKey, annotatedPath, ct);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Results index: {stats.Alleles:N0} alleles indexed in {stats.Elapsed.TotalSeconds:0.000} s"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not index the results of {ResultKey}; the web tier will build the index on first view", outputs.ResultKey);
            await log.WriteLineAsync("Results index: not built (" + e.Message + "); it will be built when the results are first viewed.");
        }
    }

    /// <summary>The lines the job page shows: which reference was used, and every warning.</summary>
    private static string? Notes(AnnotationSummary summary)
    {
        var lines = new List<string>();
        if (summary.Sources.Count > 0)
        {
            lines.Add("Reference: " + string.Join("; ", summary.Sources));
        }

        lines.AddRange(summary.Warnings);
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private async Task UploadLogAsync(JobOutputs outputs, StringBuilder log, CancellationToken ct)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(log.ToString()));
        await objects.PutAsync(outputs.ResultsBucket, outputs.LogKey, content, "text/plain", ct);
    }

    private async Task<RunOutcome> FailAsync(AnnotationJob job, string reason, JobOutputs? outputs, CancellationToken ct)
    {
        var completeTime = time.GetUtcNow().ToUnixTimeSeconds();
        if (await jobs.TryFailAsync(job.JobId, reason, completeTime, outputs, ct))
        {
            await topic.PublishAsync(messaging.Value.JobResultsTopic,
                MessageJson.Serialize(new JobResult(job.JobId, job.UserId, JobStatus.Failed.ToStoredName(), completeTime)), ct);
        }

        logger.LogInformation("Job {JobId} failed: {Reason}", job.JobId, reason);
        return RunOutcome.Failed;
    }

    private async Task RenewWhileRunningAsync(string jobId, string receiptHandle, TimeSpan lease, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, ct);
                await queue.ChangeVisibilityAsync(_queueName, receiptHandle, lease, ct);
                await jobs.TryRenewLeaseAsync(jobId, time.GetUtcNow().Add(lease).ToUnixTimeSeconds(), ct);
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
