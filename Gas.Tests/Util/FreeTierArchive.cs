using System.Net;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Util.Archive;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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
}
