using System.Diagnostics;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Load;

/// <summary>How one load run came out; <see cref="Elapsed"/> runs from the first submission to the last finished job.</summary>
public sealed record LoadReport(int Submitted, int Completed, int Failed, TimeSpan SubmitTime, TimeSpan Elapsed, bool Waited)
{
    public int Unfinished => Submitted - Completed - Failed;

    /// <summary>Finished jobs per second of <see cref="Elapsed"/>.</summary>
    public double JobsPerSecond => Elapsed > TimeSpan.Zero ? (Completed + Failed) / Elapsed.TotalSeconds : 0;

    public bool AllCompleted => Completed == Submitted;
}

/// <summary>
/// The specification's <c>ann_load.py</c>: submits jobs exactly as the web tier does (input in the inputs bucket under
/// <c>&lt;user&gt;/&lt;job id&gt;~load.vcf</c>, a PENDING job, a request on the job-requests topic) and can wait for them.
/// </summary>
public sealed class LoadGenerator(
    IObjectStore objects,
    IJobStore jobs,
    ITopic topic,
    TimeProvider time,
    IOptions<StorageOptions> storage,
    IOptions<MessagingOptions> messaging)
{
    public const string InputFileName = "load.vcf";

    /// <summary>The test users' ids: <c>load-user-001</c> … (no accounts behind them, as in the specification).</summary>
    public static string UserId(string prefix, int index) => $"{prefix}{index + 1:D3}";

    /// <summary>Submits <paramref name="count"/> jobs spread round-robin over <paramref name="users"/> test users; returns their ids in order.</summary>
    public async Task<IReadOnlyList<string>> SubmitAsync(int count, int users, string userPrefix = "load-user-", CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        var bucket = storage.Value.InputsBucket;
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var userId = UserId(userPrefix, i % users);
            var jobId = Guid.NewGuid().ToString();
            var key = $"{userId}/{jobId}~{InputFileName}";
            await using (var input = new MemoryStream(SyntheticVcf.Create(seed: i)))
            {
                await objects.PutAsync(bucket, key, input, "text/vcf", ct);
            }

            var job = new AnnotationJob
            {
                JobId = jobId,
                UserId = userId,
                InputFileName = InputFileName,
                InputsBucket = bucket,
                InputKey = key,
                SubmitTime = time.GetUtcNow().ToUnixTimeSeconds(),
                Status = JobStatus.Pending,
            };
            await jobs.CreateAsync(job, ct);
            await topic.PublishAsync(messaging.Value.JobRequestsTopic, MessageJson.Serialize(JobRequest.For(job)), ct);
            ids.Add(jobId);
        }

        return ids;
    }

    /// <summary>Submits, then (when <paramref name="wait"/>) polls the job store until every job is COMPLETED or FAILED, or <paramref name="timeout"/> after the last submission.</summary>
    public async Task<LoadReport> RunAsync(int count, int users, bool wait, TimeSpan timeout, TimeSpan pollInterval,
        IProgress<LoadReport>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var ids = await SubmitAsync(count, users, ct: ct);
        var submitTime = clock.Elapsed;
        if (!wait)
        {
            return new LoadReport(ids.Count, 0, 0, submitTime, submitTime, Waited: false);
        }

        var outstanding = new HashSet<string>(ids, StringComparer.Ordinal);
        int completed = 0, failed = 0;
        var lastFinish = submitTime;
        while (true)
        {
            foreach (var id in outstanding.ToArray())
            {
                var job = await jobs.GetAsync(id, ct);
                if (job is not { IsFinished: true })
                {
                    continue;
                }

                outstanding.Remove(id);
                lastFinish = clock.Elapsed;
                if (job.Status == JobStatus.Completed)
                {
                    completed++;
                }
                else
                {
                    failed++;
                }
            }

            var report = new LoadReport(ids.Count, completed, failed, submitTime, lastFinish, Waited: true);
            if (outstanding.Count == 0 || clock.Elapsed - submitTime >= timeout)
            {
                return outstanding.Count == 0 ? report : report with { Elapsed = clock.Elapsed };
            }

            progress?.Report(report);
            // The real clock on purpose: a test's frozen TimeProvider must not stop the wait.
            await Task.Delay(pollInterval, ct);
        }
    }
}
