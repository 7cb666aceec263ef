namespace Gas.ClusterKill;

/// <summary>
/// Every few seconds SIGKILLs one random process of the cluster and starts it again at once (same arguments, same port).
/// It picks among processes that are up (ready since their last start), as a crash strikes a running server; a
/// process still starting is left to start, so the cluster is never all down for long.
/// </summary>
public sealed class Killer(Cluster cluster, RunSettings run)
{
    private static readonly string[] Roles = ["web", "util", "annotator"];
    private readonly Random _random = new(run.Seed);
    private readonly Dictionary<string, int> _kills = new(StringComparer.Ordinal);

    /// <summary>Kills so far per role (web, util, annotator).</summary>
    public IReadOnlyDictionary<string, int> KillsByRole
    {
        get
        {
            lock (_kills)
            {
                return new Dictionary<string, int>(_kills, StringComparer.Ordinal);
            }
        }
    }

    public int Total => KillsByRole.Values.Sum();

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var pause = run.KillMinSeconds + (_random.NextDouble() * (run.KillMaxSeconds - run.KillMinSeconds));
                await Task.Delay(TimeSpan.FromSeconds(pause), ct);
                await cluster.PollReadinessAsync(ct);
                var up = cluster.Processes.Where(p => p.IsReady && p.IsRunning).ToList();
                if (up.Count == 0)
                {
                    continue;
                }

                var victim = up[_random.Next(up.Count)];
                victim.Kill();
                lock (_kills)
                {
                    _kills[victim.Role] = _kills.GetValueOrDefault(victim.Role) + 1;
                }

                victim.Start();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public string Describe() =>
        $"{Total} kills (" + string.Join(", ", Roles.Select(role => $"{role} {KillsByRole.GetValueOrDefault(role)}")) + ")";
}
