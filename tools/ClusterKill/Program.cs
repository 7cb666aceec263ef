using System.Collections.Concurrent;
using System.Diagnostics;
using Gas.Annotator.Load;
using Gas.ClusterKill;

// A cluster that survives kills: 2 web, 1 util and 2 annotator processes on the AWS adapters against the emulators. Jobs
// go in through the web tier while a random process is SIGKILLed and restarted every few seconds; then every job must be
// COMPLETED once, emailed once, and leave no orphan object and no message behind. Exit 0: all held; 1: violations; 2: gave up.
RunSettings run;
try
{
    run = RunSettings.FromEnvironment();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("cluster-kill: " + e.Message);
    return 2;
}

var layout = new ClusterLayout(run);
Console.WriteLine($"cluster-kill: {run.Jobs} jobs for {run.Users} users through 2 web, 1 util, 2 annotator processes; " +
                  $"a kill every {run.KillMinSeconds:0.#}-{run.KillMaxSeconds:0.#} s, {run.Kills} in all (seed {run.Seed}); logs in {run.WorkDirectory}/logs");
var total = Stopwatch.StartNew();
using var evidence = new Evidence(layout, run);
using var cluster = new Cluster(run, layout);
using var cancel = new CancellationTokenSource();
var ct = cancel.Token;
// SIGTERM or Ctrl+C: no process of the cluster may outlive the driver.
AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
try
{
    if (!await ProvisionAsync())
    {
        return 2;
    }

    await evidence.SubscribeAuditQueueAsync(ct);
    await cluster.StartAsync(ct);
    Console.WriteLine($"cluster-kill: cluster up after {total.Elapsed.TotalSeconds:0} s");

    var killer = new Killer(cluster, run);
    using var stopKilling = CancellationTokenSource.CreateLinkedTokenSource(ct);
    var killing = killer.RunAsync(stopKilling.Token);
    var clock = Stopwatch.StartNew();
    var (submitted, retries) = await SubmitAsync();
    var submittedAfter = clock.Elapsed;
    Console.WriteLine($"cluster-kill: {submitted.Count} jobs submitted in {submittedAfter.TotalSeconds:0} s " +
                      $"({retries} requests sent again to the other web process); {killer.Describe()} so far");

    // Kills go on while the jobs are annotated and notified: until every job is finished or the kill budget is spent.
    await Settle.UntilAsync(evidence, cluster, run, "every job to be COMPLETED or FAILED", async () =>
    {
        var jobs = await evidence.JobsAsync(ct);
        var open = submitted.Count - jobs.Count(j => j.IsFinished);
        return (open == 0, $"{open} of {submitted.Count} jobs not finished");
    }, ct);
    await stopKilling.CancelAsync();
    await killing;
    var finishedAfter = clock.Elapsed;
    Console.WriteLine($"cluster-kill: every job finished after {finishedAfter.TotalSeconds:0} s; killing stopped: {killer.Describe()}");

    await cluster.EnsureAllReadyAsync(ct);
    await Settle.UntilQuietAsync(evidence, cluster, run, submitted, ct);
    var settledAfter = clock.Elapsed;

    await evidence.ReadAuditQueueAsync(ct);
    var jobs = await evidence.JobsAsync(ct);
    var buckets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    foreach (var bucket in new[] { layout.InputsBucket, layout.ResultsBucket, layout.ArchiveBucket })
    {
        buckets[bucket] = await evidence.KeysAsync(bucket, ct);
    }

    var verdict = Verdict.Judge(submitted, jobs, evidence.Published,
        Evidence.CompletionLines(cluster.Processes.Where(p => p.Role == "annotator")),
        await evidence.MailsAsync(ct), await evidence.QueuesAsync(ct), buckets, layout);

    var completed = jobs.Count(j => j.Status == Gas.Core.Jobs.JobStatus.Completed);
    Console.WriteLine($"cluster-kill: jobs {submitted.Count} submitted, {completed} COMPLETED; kills {killer.Describe()}; " +
                      $"restarts: {string.Join(", ", cluster.Processes.Select(p => $"{p.Name} {p.Starts - 1}"))}");
    Console.WriteLine($"cluster-kill: time: submitted in {submittedAfter.TotalSeconds:0} s, all finished after {finishedAfter.TotalSeconds:0} s, " +
                      $"settled after {settledAfter.TotalSeconds:0} s; {total.Elapsed.TotalSeconds:0} s in all; load average {LoadAverage()}");
    foreach (var note in verdict.Notes)
    {
        Console.WriteLine("cluster-kill: " + note);
    }

    if (verdict.Violations.Count == 0)
    {
        Console.WriteLine("cluster-kill: OK: every job COMPLETED once, one email each, no orphan objects, every queue empty");
        return 0;
    }

    Console.WriteLine($"cluster-kill: FAILED, {verdict.Violations.Count} violations:");
    foreach (var violation in verdict.Violations)
    {
        Console.WriteLine("  - " + violation);
    }

    return 1;
}
catch (GaveUpException e)
{
    Console.WriteLine($"cluster-kill: FAILED: {e.Message}");
    Console.WriteLine($"cluster-kill: {total.Elapsed.TotalSeconds:0} s in all; load average {LoadAverage()}");
    return 2;
}

async Task<bool> ProvisionAsync()
{
    var annotator = Path.Combine(run.Root, "Gas.Annotator", "bin", run.Configuration, "net10.0", "Gas.Annotator.dll");
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { annotator, "aws", "provision" })
    {
        start.ArgumentList.Add(argument);
    }

    foreach (var (key, value) in layout.Common())
    {
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
    }

    using var provision = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    var output = provision.StandardOutput.ReadToEndAsync(ct);
    var error = provision.StandardError.ReadToEndAsync(ct);
    await provision.WaitForExitAsync(ct);
    if (provision.ExitCode != 0)
    {
        Console.WriteLine($"cluster-kill: FAILED: Gas.Annotator aws provision exited with {provision.ExitCode}:\n{await output}\n{await error}");
        return false;
    }

    Console.WriteLine("cluster-kill: provisioned (Gas.Annotator aws provision): table, buckets, queues with dead-letter queues, topics");
    return true;
}

// Users sign up and submit their share one job after another, all users at once, each request to either web process.
async Task<(IReadOnlyList<string> Jobs, int Retries)> SubmitAsync()
{
    var users = Enumerable.Range(1, run.Users)
        .Select(i => new WebUser(cluster, evidence.S3, run, $"cluster-{i:000}-{Guid.NewGuid():N}@{Evidence.UserDomain}")).ToList();
    var ids = new ConcurrentQueue<string>();
    try
    {
        await Task.WhenAll(users.Select(async (user, index) =>
        {
            await user.RegisterAndSignInAsync(ct);
            for (var n = index; n < run.Jobs; n += run.Users)
            {
                ids.Enqueue(await user.SubmitAsync($"cluster-{n:0000}.vcf", SyntheticVcf.Create(run.Seed + n), ct));
            }
        }));
        return (ids.ToList(), users.Sum(u => u.Retries));
    }
    finally
    {
        foreach (var user in users)
        {
            user.Dispose();
        }
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
