using System.Net;
using Gas.Core.Archive;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Util.Archive;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Util;

/// <summary>A Free user's results go to cold storage after the window, once, and never a Premium user's.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class FreeTierArchive
{
    // No job server: these tests run each util step themselves, so nothing races them.
    private static GasAppFactory NewApp() => new(new Dictionary<string, string?> { ["Gas:Roles"] = "web,annotator" });

    private static async Task<(BrowserSession Browser, string JobId)> CompletedJobAsync(GasAppFactory app)
    {
        var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        return (browser, jobId);
    }

    private static Task<(ArchiveOutcome Outcome, TimeSpan Wait)> ArchiveAsync(GasAppFactory app, string jobId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));

    private static int ArchiveCopies(GasAppFactory app) =>
        Directory.Exists(Path.Combine(app.DataDirectory, "archive"))
            ? Directory.GetFiles(Path.Combine(app.DataDirectory, "archive"), "*.bin").Length
            : 0;

    [TestMethod]
    public async Task ResultsStayDownloadableInsideTheWindowAndAreArchivedAfterIt()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        using var _ = browser;

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.AreEqual(ArchiveOutcome.NotDue, (await ArchiveAsync(app, jobId)).Outcome);
        Assert.AreEqual(HttpStatusCode.Redirect, (await browser.Client.GetAsync($"/annotations/{jobId}/results")).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}"), $"/annotations/{jobId}/results");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var details = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        StringAssert.Contains(details, "Upgrade to Premium to download", "the link goes as the window closes, before the archive runs");
        Assert.IsFalse(details.Contains($"/annotations/{jobId}/results", StringComparison.Ordinal));

        Assert.AreEqual(ArchiveOutcome.Archived, (await ArchiveAsync(app, jobId)).Outcome);
        var job = await app.Services.GetJob(jobId);
        Assert.IsNotNull(job.ResultsArchiveId);
        Assert.IsFalse(File.Exists(Path.Combine(app.DataDirectory, "objects", "gas-results", job.ResultKey!)), "hot copy deleted");
        Assert.AreEqual(1, ArchiveCopies(app));

        var results = await browser.Client.GetAsync($"/annotations/{jobId}/results");
        Assert.AreEqual($"/annotations/{jobId}", results.Headers.Location?.ToString(), "no download, back to the details page");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}/log"), "Variants:", "the log stays viewable");
    }

    [TestMethod]
    public async Task ArchivingTwiceOrConcurrentlyLeavesOneArchive()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        browser.Dispose();
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var outcomes = await Task.WhenAll(ArchiveAsync(app, jobId), ArchiveAsync(app, jobId), ArchiveAsync(app, jobId));
        Assert.AreEqual(1, outcomes.Count(o => o.Outcome == ArchiveOutcome.Archived));
        Assert.AreEqual(ArchiveOutcome.AlreadyArchived, (await ArchiveAsync(app, jobId)).Outcome);
        Assert.AreEqual(1, ArchiveCopies(app));
    }

    [TestMethod]
    public async Task AUserWhoUpgradesInsideTheWindowIsNeverArchived()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        using var _ = browser;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<GasUser>>();
            return await sp.GetRequiredService<PlanChanges>().UpgradeAsync((await users.FindByEmailAsync(browser.Email))!);
        });

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.AreEqual(ArchiveOutcome.PremiumUser, (await ArchiveAsync(app, jobId)).Outcome);
        var sweep = await app.InScopeAsync(sp => sp.GetRequiredService<ArchiveSweep>().RunAsync(CancellationToken.None));
        Assert.AreEqual(0, sweep.Archived);
        Assert.AreEqual(ArchiveState.Hot, (await app.Services.GetJob(jobId)).ArchiveState);
        Assert.AreEqual(0, ArchiveCopies(app));
    }

    [TestMethod]
    public async Task TheSweepSetsAPremiumUsersJobAsideAndArchivesItOnceTheyReturnToFree()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        using var _ = browser;
        GasUser User(IServiceProvider sp) => sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(browser.Email).GetAwaiter().GetResult()!;
        await app.InScopeAsync(sp => sp.GetRequiredService<PlanChanges>().UpgradeAsync(User(sp)));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var jobs = app.Services.GetRequiredService<IJobStore>();
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.HasCount(1, (await jobs.ListSweepDueAsync(SweepMark.Hot, now, 10)).Jobs, "past the window, the job is the sweep's to look at");

        var premium = await app.InScopeAsync(sp => sp.GetRequiredService<ArchiveSweep>().RunAsync(CancellationToken.None));

        Assert.AreEqual(0, premium.Archived);
        Assert.IsEmpty((await jobs.ListSweepDueAsync(SweepMark.Hot, now, 10)).Jobs, "a Premium user's job leaves the sweep's index");
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<PlanChanges>().DowngradeAsync(User(sp)); return true; });
        var free = await app.InScopeAsync(sp => sp.GetRequiredService<ArchiveSweep>().RunAsync(CancellationToken.None));
        Assert.AreEqual(1, free.Archived, "the downgrade put the job back in the sweep's index");
        Assert.AreEqual(ArchiveState.Archived, (await app.Services.GetJob(jobId)).ArchiveState);
        Assert.IsEmpty((await jobs.ListSweepDueAsync(SweepMark.Hot, now, 10)).Jobs);
    }

    [TestMethod]
    public async Task TheSweepArchivesWhatNoMessageCovered()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        browser.Dispose();

        var early = await app.InScopeAsync(sp => sp.GetRequiredService<ArchiveSweep>().RunAsync(CancellationToken.None));
        Assert.AreEqual(0, early.Archived);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var late = await app.InScopeAsync(sp => sp.GetRequiredService<ArchiveSweep>().RunAsync(CancellationToken.None));
        Assert.AreEqual(1, late.Archived);
        Assert.AreEqual(ArchiveState.Archived, (await app.Services.GetJob(jobId)).ArchiveState);
    }

    [TestMethod]
    public async Task TheArchiveQueueDrivesTheArchiveInTheBackground()
    {
        using var app = new GasAppFactory();
        var (browser, jobId) = await CompletedJobAsync(app);
        using var _ = browser;

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Wait.UntilAsync(
            async () => (await app.Services.GetJob(jobId)).ArchiveState == ArchiveState.Archived,
            "the archive drain archives the job");
    }

    [TestMethod]
    public async Task ACopyLeftByAnArchiverKilledBeforeRecordingItIsReplacedNotOrphaned()
    {
        using var app = NewApp();
        var (browser, jobId) = await CompletedJobAsync(app);
        browser.Dispose();
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        // What an archiver killed between copying and recording leaves: a pending copy named on the job, in cold storage.
        var job = await app.Services.GetJob(jobId);
        Assert.IsTrue(await app.Services.GetRequiredService<IJobStore>().TryBeginArchiveAsync(jobId, "killedcopy", null));
        var archive = app.Services.GetRequiredService<IArchiveStore>();
        await using (var content = await app.Services.GetRequiredService<IObjectStore>().OpenReadAsync(job.ResultsBucket!, job.ResultKey!))
        {
            await archive.ArchiveAsync("killedcopy", content, "left by a killed archiver");
        }

        Assert.AreEqual(ArchiveOutcome.Archived, (await ArchiveAsync(app, jobId)).Outcome);
        var archived = await app.Services.GetJob(jobId);
        Assert.AreNotEqual("killedcopy", archived.ResultsArchiveId);
        Assert.IsNull(archived.ArchivePendingId);
        Assert.IsNull(await archive.GetSizeAsync("killedcopy"), "the killed archiver's copy is deleted");
        Assert.AreEqual(1, ArchiveCopies(app), "one copy in cold storage, the recorded one");
    }

    [TestMethod]
    public async Task AnArchiveMessageThatDiedInTheDeadLetterQueueStillArchivesItsJob()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web,annotator", ["Gas:Util:DrainDuration"] = "00:00:01" });
        var (browser, jobId) = await CompletedJobAsync(app);
        browser.Dispose();
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        // A util process killed while holding the message, often enough to use up its deliveries.
        var job = await app.Services.GetJob(jobId);
        var messaging = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        await app.Services.GetRequiredService<IQueue>().SendAsync(messaging.ResultsArchiveQueue + "-dlq",
            MessageJson.Serialize(new JobResult(jobId, job.UserId, "COMPLETED", job.CompleteTime!.Value)));

        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ResultsArchiver>().DrainDeadLettersAsync(CancellationToken.None);
            return 0;
        });

        Assert.AreEqual(ArchiveState.Archived, (await app.Services.GetJob(jobId)).ArchiveState);
        Assert.AreEqual(1, ArchiveCopies(app));
        Assert.IsEmpty(await app.Services.GetRequiredService<IQueue>().ReceiveAsync(messaging.ResultsArchiveQueue + "-dlq", 10, TimeSpan.Zero));
    }
}
