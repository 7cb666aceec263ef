using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.RazorPages.Util.Queues;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Util;

/// <summary>
/// A job request in the dead-letter queue fails its job only when the job used up its attempts: deliveries lost to
/// annotators killed before claiming, or deferred while another worker held the job, do not count.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class DeadLetters
{
    /// <summary>No annotator and no util role: the job stays as the test leaves it, and nothing drains the queues.</summary>
    private static GasAppFactory NewApp() => new(new Dictionary<string, string?> { ["Gas:Roles"] = "web" });

    private static async Task<(AnnotationJob Job, BrowserSession Browser)> SubmittedJobAsync(GasAppFactory app)
    {
        var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        var queue = app.Services.GetRequiredService<IQueue>();
        var requests = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.JobRequestsQueue;
        foreach (var message in await queue.ReceiveAsync(requests, 10, TimeSpan.Zero))
        {
            await queue.DeleteAsync(requests, message.ReceiptHandle);
        }

        return (await app.Services.GetJob(jobId), browser);
    }

    /// <summary>Claims the job <paramref name="times"/> times, each lease <paramref name="leaseSeconds"/> from now (negative: run out).</summary>
    private static async Task ClaimAsync(GasAppFactory app, string jobId, int times, int leaseSeconds)
    {
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        for (var i = 0; i < times; i++)
        {
            Assert.IsTrue(await app.Services.GetRequiredService<IJobStore>().TryClaimAsync(jobId, now, now + leaseSeconds));
        }
    }

    private static Task<MessageDisposition> DeadLetterAsync(GasAppFactory app, AnnotationJob job) =>
        app.InScopeAsync(async sp =>
        {
            var drain = sp.GetRequiredService<DeadLetterDrain>();
            var queue = sp.GetRequiredService<IQueue>();
            await queue.SendAsync(drain.DeadLetterQueue, MessageJson.Serialize(JobRequest.For(job)));
            var messages = await queue.ReceiveAsync(drain.DeadLetterQueue, 1, TimeSpan.Zero);
            return await drain.HandleAsync(messages[0], CancellationToken.None);
        });

    private static async Task<int> WaitingAsync(GasAppFactory app, Func<MessagingOptions, string> queueOf)
    {
        var queue = queueOf(app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value);
        return (await app.Services.GetRequiredService<IQueue>().ReceiveAsync(queue, 10, TimeSpan.Zero)).Count;
    }

    [TestMethod]
    public async Task ARequestThatDiedAfterTheJobUsedUpItsAttemptsMarksItsJobFailed()
    {
        using var app = NewApp();
        var (job, browser) = await SubmittedJobAsync(app);
        using var _ = browser;
        await ClaimAsync(app, job.JobId, times: 3, leaseSeconds: -1);

        Assert.AreEqual(MessageDisposition.Handled, await DeadLetterAsync(app, job));

        var failed = await app.Services.GetJob(job.JobId);
        Assert.AreEqual(JobStatus.Failed, failed.Status);
        StringAssert.Contains(failed.FailureReason, "could not process this job");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{job.JobId}"), "could not process this job");
        Assert.AreEqual(1, await WaitingAsync(app, m => m.ResultsNotifyQueue), "the owner is told");
    }

    [TestMethod]
    public async Task ARequestWhoseDeliveriesWereLostBeforeAnyAttemptIsRequestedAgain()
    {
        using var app = NewApp();
        var (job, browser) = await SubmittedJobAsync(app);
        using var _ = browser;

        Assert.AreEqual(MessageDisposition.Handled, await DeadLetterAsync(app, job));

        Assert.AreEqual(JobStatus.Pending, (await app.Services.GetJob(job.JobId)).Status, "not failed: it was never tried");
        Assert.AreEqual(1, await WaitingAsync(app, m => m.JobRequestsQueue), "its request is back in the queue");
        Assert.AreEqual(0, await WaitingAsync(app, m => m.ResultsNotifyQueue));
    }

    [TestMethod]
    public async Task ADeadCopyOfTheRequestOfAJobAWorkerHoldsLeavesTheJobToItsWorkerAndIsKept()
    {
        using var app = NewApp();
        var (job, browser) = await SubmittedJobAsync(app);
        using var _ = browser;
        await ClaimAsync(app, job.JobId, times: 2, leaseSeconds: -1);
        await ClaimAsync(app, job.JobId, times: 1, leaseSeconds: 120);

        Assert.AreEqual(MessageDisposition.Later, await DeadLetterAsync(app, job), "kept: it may be the job's last request");

        Assert.AreEqual(JobStatus.Running, (await app.Services.GetJob(job.JobId)).Status, "the worker's run goes on");
        Assert.AreEqual(0, await WaitingAsync(app, m => m.JobRequestsQueue));
        Assert.AreEqual(0, await WaitingAsync(app, m => m.ResultsNotifyQueue));
        Assert.AreEqual(0, await DeadLettersVisibleAsync(app), "hidden while the lease lasts");
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.AreEqual(0, await DeadLettersVisibleAsync(app), "still hidden halfway through the lease");
    }

    [TestMethod]
    public async Task ADeadCopyKeptForAWorkerThatThenDiesRequestsTheJobAgainOnceTheLeaseRunsOut()
    {
        using var app = NewApp();
        var (job, browser) = await SubmittedJobAsync(app);
        using var _ = browser;
        await ClaimAsync(app, job.JobId, times: 1, leaseSeconds: 120);
        Assert.AreEqual(MessageDisposition.Later, await DeadLetterAsync(app, job));

        // The worker was killed holding the job, and the dead letter was the job's last request.
        app.Clock.Advance(TimeSpan.FromSeconds(125));
        var again = await app.InScopeAsync(async sp =>
        {
            var drain = sp.GetRequiredService<DeadLetterDrain>();
            var messages = await sp.GetRequiredService<IQueue>().ReceiveAsync(drain.DeadLetterQueue, 1, TimeSpan.Zero);
            Assert.HasCount(1, messages, "the kept dead letter is back once the lease has run out");
            return await drain.HandleAsync(messages[0], CancellationToken.None);
        });

        Assert.AreEqual(MessageDisposition.Handled, again);
        Assert.AreEqual(1, await WaitingAsync(app, m => m.JobRequestsQueue), "its request is back in the queue for another attempt");
        Assert.AreEqual(JobStatus.Running, (await app.Services.GetJob(job.JobId)).Status, "not failed: it had attempts left");
    }

    private static Task<int> DeadLettersVisibleAsync(GasAppFactory app) =>
        app.InScopeAsync(async sp =>
            (await sp.GetRequiredService<IQueue>().ReceiveAsync(sp.GetRequiredService<DeadLetterDrain>().DeadLetterQueue, 10, TimeSpan.Zero)).Count);
}
