using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Tests.Engine;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Worker;

/// <summary>
/// What is wrong with an input, or a job that outlives its time budget, fails the job at once with a reason; the request is
/// acknowledged, not retried, and the lease is no longer renewed (issue 10 items 1, 6 and 7).
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class PermanentFailures
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private EmbeddedServices _services = null!;

    [TestCleanup]
    public void TearDown() => _services?.Dispose();

    private void Start(Dictionary<string, string?>? settings = null, IAnnotationEngine? engine = null) =>
        _services = new EmbeddedServices(services =>
        {
            if (engine is not null)
            {
                services.AddSingleton(engine);
            }
        }, settings);

    private string RequestQueue => _services.Get<IOptions<MessagingOptions>>().Value.JobRequestsQueue;

    private async Task<(AnnotationJob Job, QueueMessage Message)> SubmitAsync(byte[] input, string fileName, UserTier tier = UserTier.Free)
    {
        var job = new JobBuilder().WithInput(fileName).OnPlan(tier).Build();
        await using (var content = new MemoryStream(input))
        {
            await _services.Get<IObjectStore>().PutAsync(job.InputsBucket, job.InputKey, content, "application/octet-stream");
        }

        await _services.Get<IJobStore>().CreateAsync(job);
        await _services.Get<IQueue>().SendAsync(RequestQueue, MessageJson.Serialize(JobRequest.For(job)));
        var received = await _services.Get<IQueue>().ReceiveAsync(RequestQueue, 1, TimeSpan.Zero);
        Assert.HasCount(1, received);
        return (job, received[0]);
    }

    private async Task<AnnotationJob> AssertFailedOnceAsync(AnnotationJob job, RunOutcome outcome, string reasonStart)
    {
        var stored = (await _services.Get<IJobStore>().GetAsync(job.JobId))!;
        Assert.AreEqual(RunOutcome.Failed, outcome, stored.FailureReason);
        Assert.AreEqual(JobStatus.Failed, stored.Status);
        StringAssert.StartsWith(stored.FailureReason, reasonStart);
        Assert.AreEqual(1, stored.Attempts);
        Assert.IsNull(stored.LeaseUntil, "the lease is given up");
        Assert.AreEqual(0, _services.Get<SqliteQueue>().Count(RequestQueue), "the request is acknowledged, not redelivered");
        return stored;
    }

    [TestMethod]
    public async Task AJobWhoseInputStallsPastItsTimeBudgetFailsWithTheReasonInsteadOfRenewingItsLease()
    {
        var engine = new EngineWithStallingInput(new BasicVcfEngine(TimeProvider.System));
        Start(new() { ["Gas:Annotator:JobTimeBudget"] = "00:10:00" }, engine);
        var (job, message) = await SubmitAsync(InputFiles.Utf8(EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t.")), "stalls.vcf");

        var run = _services.Get<JobRunner>().RunAsync(message, CancellationToken.None);
        await engine.Stalled.Task.WaitAsync(Patience);
        _services.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.AreEqual(JobStatus.Running, (await _services.Get<IJobStore>().GetAsync(job.JobId))!.Status, "still inside its budget");
        _services.Clock.Advance(TimeSpan.FromMinutes(2));
        var outcome = await EngineTestData.Bounded(run, "the runner to give up on the stalled job once its budget ran out");

        await AssertFailedOnceAsync(job, outcome,
            "Annotation exceeded its time budget of 10 minutes and was stopped. It is not retried: if the input is very large, split it into parts.");
        _services.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.AreEqual(JobStatus.Failed, (await _services.Get<IJobStore>().GetAsync(job.JobId))!.Status);
    }

    [TestMethod]
    public async Task AFreeJobPastItsPlansLimitFailsWhileThePremiumJobWithTheSameInputCompletes()
    {
        Start(new() { ["Gas:Annotator:Limits:Free:MaxDecompressedBytes"] = "2048" });
        var input = InputFiles.Gzip(InputFiles.Utf8(InputFiles.Vcf(200, i => $"1\t{100 + i}\t.\tA\tG\t.\t.\t.")));
        var free = await SubmitAsync(input, "big.vcf.gz");
        var premium = await SubmitAsync(input, "big.vcf.gz", UserTier.Premium);
        var runner = _services.Get<JobRunner>();

        var freeOutcome = await runner.RunAsync(free.Message, CancellationToken.None);
        var premiumOutcome = await runner.RunAsync(premium.Message, CancellationToken.None);

        await AssertFailedOnceAsync(free.Job, freeOutcome,
            "The decompressed input exceeds the Free plan's limit of 2 KB; upgrade to Premium for larger inputs, or split the file.");
        Assert.AreEqual(RunOutcome.Completed, premiumOutcome);
        Assert.AreEqual(JobStatus.Completed, (await _services.Get<IJobStore>().GetAsync(premium.Job.JobId))!.Status);
    }

    [TestMethod]
    public async Task ACorruptGzipFailsAtOnceInsteadOfBeingRetriedAsATransientFault()
    {
        Start();
        var corrupt = InputFiles.GzipWithABadChecksumInside(EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t."));
        var (job, message) = await SubmitAsync(corrupt, "corrupt.vcf.gz");

        var outcome = await _services.Get<JobRunner>().RunAsync(message, CancellationToken.None);

        var stored = await AssertFailedOnceAsync(job, outcome, "The input is corrupt: part of its gzip data fails its checksum");
        Assert.IsNotNull(stored.LogKey, "the log tells what happened");
    }

    [TestMethod]
    public async Task ATruncatedBgzfFailsAtOnceNamingTheCut()
    {
        Start();
        var bgzf = InputFiles.Bgzf(InputFiles.Utf8(InputFiles.Vcf(5_000, i => $"1\t{100 + i}\t.\tA\tG\t.\t.\tDP={i}")), out var blocks);
        var (job, message) = await SubmitAsync(bgzf[..blocks[0]], "cut.vcf.gz");

        var outcome = await _services.Get<JobRunner>().RunAsync(message, CancellationToken.None);

        await AssertFailedOnceAsync(job, outcome, "The input is truncated: it is BGZF (bgzip) compressed but lacks the end-of-file block");
    }

    /// <summary>A real engine reading through a stubbed stream that stalls after its first bytes, as a hung disk would: only cancellation ends the read.</summary>
    private sealed class EngineWithStallingInput(IAnnotationEngine inner) : IAnnotationEngine
    {
        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default)
        {
            await using var stalling = new StallingStream(input, Stalled);
            return await inner.AnnotateAsync(stalling, output, log, limits, ct);
        }
    }

    private sealed class StallingStream(Stream inner, TaskCompletionSource stalled) : Stream
    {
        private int _allowance = 40;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_allowance == 0)
            {
                stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, _allowance)], cancellationToken);
            _allowance -= read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the engine reads asynchronously");

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
