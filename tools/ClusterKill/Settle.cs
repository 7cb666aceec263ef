using System.Diagnostics;
using Gas.Core.Jobs;

namespace Gas.ClusterKill;

/// <summary>Bounded waits for the cluster to reach a state: they print what they wait for while waiting, and on giving up the processes' logs.</summary>
public static class Settle
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Report = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Evidence evidence, Cluster cluster, RunSettings run, string what,
        Func<Task<(bool Done, string Status)>> probe, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        while (true)
        {
            var (done, status) = await probe();
            if (done)
            {
                return;
            }

            if (clock.Elapsed > run.PhaseBound)
            {
                await evidence.ReadAuditQueueAsync(ct);
                throw new GaveUpException($"{what}; last seen: {status}", run.PhaseBound, cluster.Tails());
            }

            if (clock.Elapsed - reported > Report)
            {
                reported = clock.Elapsed;
                Console.WriteLine($"cluster-kill: waiting for {what} ({clock.Elapsed.TotalSeconds:0} s): {status}");
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>
    /// Until the cluster has nothing left to do: every job finished and emailed, its Free-window archive done, and every
    /// queue (dead-letter queues too) without a waiting, in-flight or delayed message.
    /// </summary>
    public static Task UntilQuietAsync(Evidence evidence, Cluster cluster, RunSettings run, IReadOnlyList<string> submitted, CancellationToken ct) =>
        UntilAsync(evidence, cluster, run, "every job emailed and archived, and every queue empty", async () =>
        {
            var jobs = await evidence.JobsAsync(ct);
            var emailed = (await evidence.MailsAsync(ct)).Select(Evidence.JobOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var queues = await evidence.QueuesAsync(ct);
            var unfinished = submitted.Count - jobs.Count(j => j.IsFinished);
            var unmailed = submitted.Count(id => !emailed.Contains(id));
            var hot = jobs.Count(j => j is { Status: JobStatus.Completed, ArchiveState: not ArchiveState.Archived });
            var busy = queues.Where(q => !q.IsEmpty).ToList();
            var done = unfinished == 0 && unmailed == 0 && hot == 0 && busy.Count == 0;
            return (done, $"{unfinished} jobs unfinished, {unmailed} without an email, {hot} not yet archived; " +
                          (busy.Count == 0 ? "queues empty" : string.Join("; ", busy)));
        }, ct);
}
