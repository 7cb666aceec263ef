using System.Diagnostics;
using Gas.Cli.Api;

namespace Gas.Cli.Commands;

/// <summary>Polls a job until it is COMPLETED or FAILED, or until the timeout runs out (then <see cref="ExitCodes.TimedOut"/>).</summary>
public sealed class JobWaiter(GasApiClient api, TextWriter status)
{
    /// <summary>The first pause between polls; each later one is half again as long, up to <see cref="MaxPoll"/>.</summary>
    public static readonly TimeSpan FirstPoll = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(10);

    public async Task<Job> WaitAsync(Job job, TimeSpan? timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPoll;
        var lastStatus = "";
        while (true)
        {
            if (job.Status != lastStatus)
            {
                await status.WriteLineAsync($"Job {job.Id}: {job.Status}");
                lastStatus = job.Status;
            }

            if (job.IsFinished)
            {
                return job;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (timeout is { } limit && elapsed >= limit)
            {
                throw new CliException(ExitCodes.TimedOut,
                    $"timed out after {limit.TotalSeconds:0} s waiting for job {job.Id} (still {job.Status}); check later with: gas status {job.Id}");
            }

            var wait = timeout is { } bound && bound - elapsed < pause ? bound - elapsed : pause;
            await Task.Delay(wait, ct);
            pause = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, pause.Ticks * 3 / 2));
            (job, _) = await api.GetJobAsync(job.Id, ct);
        }
    }
}
