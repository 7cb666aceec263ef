using System.Diagnostics;
using System.Globalization;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Cli;

/// <summary>
/// <c>load --latency VCF --count N</c>: submits N jobs of one file for a Premium test user, one after another as the web tier
/// does (input into the inputs bucket, a PENDING job, a request on the topic), and times each from the upload's start until the
/// job store says COMPLETED (polled every millisecond), against the running service's data. Prints p50, p90 and the slowest.
/// </summary>
internal static class LoadLatency
{
    public static async Task<int> RunAsync(IServiceProvider services, string inputPath, int count, TimeSpan timeout,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var objects = services.GetRequiredService<IObjectStore>();
        var jobs = services.GetRequiredService<IJobStore>();
        var intake = services.GetRequiredService<JobIntake>();
        var bucket = services.GetRequiredService<IOptions<StorageOptions>>().Value.InputsBucket;
        var content = await File.ReadAllBytesAsync(inputPath, ct);
        var fileName = Path.GetFileName(inputPath);
        const string userId = "latency-user-001";
        var seconds = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var jobId = Guid.NewGuid().ToString();
            var key = $"{userId}/{jobId}~{fileName}";
            var started = Stopwatch.GetTimestamp();
            await using (var input = new MemoryStream(content, writable: false))
            {
                await objects.PutAsync(bucket, key, input, "text/vcf", ct);
            }

            await intake.SubmitAsync(jobId, userId, UserTier.Premium, fileName, bucket, key, ct: ct);
            while (true)
            {
                if (await jobs.GetAsync(jobId, ct) is { IsFinished: true } job)
                {
                    if (job.Status != JobStatus.Completed)
                    {
                        await error.WriteLineAsync($"load: FAILED, job {jobId} ended {job.Status}: {job.FailureReason}");
                        return 1;
                    }

                    break;
                }

                if (Stopwatch.GetElapsedTime(started) > timeout)
                {
                    await error.WriteLineAsync($"load: FAILED, job {jobId} unfinished after {timeout.TotalSeconds:F0} s");
                    return 1;
                }

                await Task.Delay(1, ct);
            }

            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        seconds.Sort();
        double At(double quantile) => seconds[Math.Min(seconds.Count - 1, (int)Math.Floor(quantile * seconds.Count))];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: upload → COMPLETED for {fileName}, {count} jobs one at a time: p50 {At(0.5):F3} s, p90 {At(0.9):F3} s, max {seconds[^1]:F3} s"));
        return 0;
    }
}
