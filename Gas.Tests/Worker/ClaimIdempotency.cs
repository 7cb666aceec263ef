using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Worker;

/// <summary>A job runs once however often its request is delivered, and a dead worker's job is picked up again.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ClaimIdempotency
{
    private EmbeddedServices _services = null!;
    private CountingEngine _engine = null!;

    [TestInitialize]
    public void SetUp()
    {
        _engine = new CountingEngine();
        _services = new EmbeddedServices(services => services.AddSingleton<IAnnotationEngine>(_engine));
    }

    [TestCleanup]
    public void TearDown() => _services.Dispose();

    private string RequestQueue => _services.Get<IOptions<MessagingOptions>>().Value.JobRequestsQueue;

    private async Task<AnnotationJob> SubmitAsync()
    {
        var job = new JobBuilder().Build();
        await using (var input = File.OpenRead(Paths.Sample("test.vcf")))
        {
            await _services.Get<IObjectStore>().PutAsync(job.InputsBucket, job.InputKey, input, "text/plain");
        }

        await _services.Get<IJobStore>().CreateAsync(job);
        return job;
    }

    private async Task<QueueMessage> DeliverAsync(AnnotationJob job)
    {
        await _services.Get<IQueue>().SendAsync(RequestQueue, MessageJson.Serialize(JobRequest.For(job)));
        var received = await _services.Get<IQueue>().ReceiveAsync(RequestQueue, 1, TimeSpan.Zero);
        Assert.HasCount(1, received);
        return received[0];
    }

    [TestMethod]
    public async Task TheSameRequestDeliveredTwiceRunsTheJobOnce()
    {
        var job = await SubmitAsync();
        var runner = _services.Get<JobRunner>();

        Assert.AreEqual(RunOutcome.Completed, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));
        Assert.AreEqual(RunOutcome.Duplicate, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));

        Assert.AreEqual(1, _engine.Runs);
        var stored = await _services.Get<IJobStore>().GetAsync(job.JobId);
        Assert.AreEqual(JobStatus.Completed, stored!.Status);
        Assert.AreEqual(1, stored.Attempts);
        var notify = _services.Get<IOptions<MessagingOptions>>().Value.ResultsNotifyQueue;
        Assert.AreEqual(1, _services.Get<SqliteQueue>().Count(notify), "one result published");
        Assert.AreEqual(0, _services.Get<SqliteQueue>().Count(RequestQueue), "both deliveries acknowledged");
    }

    [TestMethod]
    public async Task ADuplicateArrivingWhileTheJobRunsIsDeferredNotRunAgain()
    {
        var job = await SubmitAsync();
        var runner = _services.Get<JobRunner>();
        _engine.Gate = new TaskCompletionSource();

        var first = runner.RunAsync(await DeliverAsync(job), CancellationToken.None);
        await _engine.Started.Task;
        Assert.AreEqual(RunOutcome.Deferred, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));

        _engine.Gate.SetResult();
        Assert.AreEqual(RunOutcome.Completed, await first);
        Assert.AreEqual(1, _engine.Runs);

        // The deferred copy comes back after the lease and is acknowledged as a duplicate.
        _services.Clock.Advance(TimeSpan.FromSeconds(31));
        var again = await _services.Get<IQueue>().ReceiveAsync(RequestQueue, 1, TimeSpan.Zero);
        Assert.HasCount(1, again);
        Assert.AreEqual(RunOutcome.Duplicate, await runner.RunAsync(again[0], CancellationToken.None));
        Assert.AreEqual(1, _engine.Runs);
    }

    [TestMethod]
    public async Task AJobWhoseWorkerDiedIsReclaimedOnceItsLeaseRunsOut()
    {
        var job = await SubmitAsync();
        var store = _services.Get<IJobStore>();
        var now = _services.Clock.GetUtcNow();
        Assert.IsTrue(await store.TryClaimAsync(job.JobId, now.ToUnixTimeSeconds(), now.AddSeconds(30).ToUnixTimeSeconds()));

        var runner = _services.Get<JobRunner>();
        Assert.AreEqual(RunOutcome.Deferred, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));
        Assert.AreEqual(0, _engine.Runs);

        _services.Clock.Advance(TimeSpan.FromSeconds(31));
        var redelivered = await _services.Get<IQueue>().ReceiveAsync(RequestQueue, 1, TimeSpan.Zero);
        Assert.HasCount(1, redelivered);
        Assert.AreEqual(RunOutcome.Completed, await runner.RunAsync(redelivered[0], CancellationToken.None));
        Assert.AreEqual(1, _engine.Runs);
    }

    [TestMethod]
    public async Task TheRequestOfAWorkerThatDiedComesBackOnlyOnceItsLeaseRanOutAndIsClaimedAtOnce()
    {
        // The cluster's setting: a lease as long as the queue's visibility timeout (60 s).
        _services.Dispose();
        _services = new EmbeddedServices(s => s.AddSingleton<IAnnotationEngine>(_engine),
            new Dictionary<string, string?> { ["Gas:Annotator:Lease"] = "00:01:00" });
        var job = await SubmitAsync();
        var runner = _services.Get<JobRunner>();
        _engine.Gate = new TaskCompletionSource();

        // The worker claims the job and dies before its first renewal (stopping it holds the run as a SIGKILL would).
        using var killed = new CancellationTokenSource();
        var dying = runner.RunAsync(await DeliverAsync(job), killed.Token);
        await _engine.Started.Task;
        await killed.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => dying);
        var lease = (await _services.Get<IJobStore>().GetAsync(job.JobId))!.LeaseUntil!.Value;

        var queue = _services.Get<IQueue>();
        for (var waited = 0; waited < 120; waited++)
        {
            var now = _services.Clock.GetUtcNow().ToUnixTimeSeconds();
            if (await queue.ReceiveAsync(RequestQueue, 1, TimeSpan.Zero) is [var back])
            {
                Assert.IsGreaterThan(lease, now, "the request came back while the store still counted the lease live");
                _engine.Gate = null;
                Assert.AreEqual(RunOutcome.Completed, await runner.RunAsync(back, CancellationToken.None), "claimed at its first delivery after the death");
                Assert.AreEqual(2, (await _services.Get<IJobStore>().GetAsync(job.JobId))!.Attempts);
                return;
            }

            _services.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Fail("the dead worker's request never came back");
    }

    [TestMethod]
    public async Task ATransientFaultReleasesTheJobForTheNextDelivery()
    {
        var job = await SubmitAsync();
        _engine.FailOnce = true;
        var runner = _services.Get<JobRunner>();

        Assert.AreEqual(RunOutcome.Retry, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));
        Assert.AreEqual(JobStatus.Pending, (await _services.Get<IJobStore>().GetAsync(job.JobId))!.Status);

        Assert.AreEqual(RunOutcome.Completed, await runner.RunAsync(await DeliverAsync(job), CancellationToken.None));
        Assert.AreEqual(2, _engine.Runs);
    }

    /// <summary>The basic engine, counted, with a gate to hold a run open and a one-off fault.</summary>
    private sealed class CountingEngine : IAnnotationEngine
    {
        private readonly BasicVcfEngine _inner = new(TimeProvider.System);
        private int _runs;

        public int Runs => _runs;
        public TaskCompletionSource? Gate { get; set; }
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool FailOnce { get; set; }

        public async Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            if (Gate is not null)
            {
                await Gate.Task.WaitAsync(ct);
            }

            if (FailOnce)
            {
                FailOnce = false;
                throw new IOException("disk hiccup");
            }

            return await _inner.AnnotateAsync(input, output, log, limits, ct);
        }
    }
}
