namespace Gas.ClusterKill;

/// <summary>
/// Every few seconds draws one of the cluster's five processes at random, SIGKILLs it and starts it again at once (same
/// arguments, same port). A process drawn while it is still starting from its last kill is spared (the tick is skipped),
/// so every process is drawn equally often and each gets to serve between kills, as servers that crash now and then do.
/// It stops after <see cref="RunSettings.Kills"/> kills (or when told to): see there why the budget is counted in kills.
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

    /// <summary>Ticks whose drawn process was still starting.</summary>
    public int Spared { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested && Total < run.Kills)
            {
                var pause = run.KillMinSeconds + (_random.NextDouble() * (run.KillMaxSeconds - run.KillMinSeconds));
                await Task.Delay(TimeSpan.FromSeconds(pause), ct);
                await cluster.PollReadinessAsync(ct);
                var victim = cluster.Processes[_random.Next(cluster.Processes.Count)];
                if (!victim.IsReady || !victim.IsRunning)
                {
                    Spared++;
                    continue;
                }

                victim.Kill();
                lock (_kills)
                {
                    _kills[victim.Role] = _kills.GetValueOrDefault(victim.Role) + 1;
                }

                victim.Start();
            }

            if (Total >= run.Kills)
            {
                Console.WriteLine($"cluster-kill: kill budget spent ({Describe()}); the cluster runs undisturbed from here");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public string Describe() =>
        $"{Total} of {run.Kills} kills (" + string.Join(", ", Roles.Select(role => $"{role} {KillsByRole.GetValueOrDefault(role)}")) + $"; {Spared} draws spared a process still starting)";
}
