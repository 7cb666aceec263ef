using System.Diagnostics;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Load;

/// <summary>How a waited-for load run came out; <see cref="Elapsed"/> runs from the first submission to the last finished job (or the timeout).</summary>
public sealed record LoadReport(int Submitted, int Completed, int Failed, TimeSpan SubmitTime, TimeSpan Elapsed)
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
    JobIntake intake,
    IOptions<StorageOptions> storage)
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

            await intake.SubmitAsync(jobId, userId, UserTier.Free, InputFileName, bucket, key, ct: ct);
            ids.Add(jobId);
        }

        return ids;
    }

    /// <summary>
    /// Polls the job store until every job is COMPLETED or FAILED, or <paramref name="timeout"/> has passed since the
    /// submission ended; times count from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp taken before submitting).
    /// </summary>
    public async Task<LoadReport> WaitAsync(IReadOnlyCollection<string> jobIds, long startedAt, TimeSpan submitTime, TimeSpan timeout,
        TimeSpan pollInterval, IProgress<LoadReport>? progress = null, CancellationToken ct = default)
    {
        var outstanding = new HashSet<string>(jobIds, StringComparer.Ordinal);
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
                lastFinish = Stopwatch.GetElapsedTime(startedAt);
                if (job.Status == JobStatus.Completed)
                {
                    completed++;
                }
                else
                {
                    failed++;
                }
            }

            var report = new LoadReport(jobIds.Count, completed, failed, submitTime, lastFinish);
            var elapsed = Stopwatch.GetElapsedTime(startedAt);
            if (outstanding.Count == 0)
            {
                return report;
            }

            if (elapsed - submitTime >= timeout)
            {
                return report with { Elapsed = elapsed };
            }

            progress?.Report(report);
            // The real clock on purpose: a test's frozen TimeProvider must not stop the wait.
            await Task.Delay(pollInterval, ct);
        }
    }
}
