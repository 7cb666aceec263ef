using System.Net;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.RazorPages.Util.Archive;
using Gas.RazorPages.Util.Queues;
using Gas.RazorPages.Util.Restore;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Util;

/// <summary>Upgrading brings archived results back: Expedited (or Standard when refused), once, then thawed.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class RestoreAndThaw
{
    private static async Task<(GasAppFactory App, BrowserSession Browser, string JobId)> ArchivedJobAsync(
        bool jobServer, bool refuseExpedited = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gas:Embedded:RefuseExpeditedRestores"] = refuseExpedited ? "true" : "false",
        };
        if (!jobServer)
        {
            settings["Gas:Roles"] = "web,annotator";
        }

        var app = new GasAppFactory(settings);
        var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        // With the job server on, its archive drain may be archiving the job at the same moment; either run may finish it.
        await app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).ArchiveState == ArchiveState.Archived, "the job's results are archived");
        return (app, browser, jobId);
    }

    private static async Task PayAsync(BrowserSession browser, string card)
    {
        var response = await browser.SubmitFormAsync("/subscribe/checkout", new()
        {
            ["Input.CardNumber"] = card,
            ["Input.Expiry"] = "12/40",
            ["Input.Cvc"] = "123",
        });
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<int> RestoreAsync(GasAppFactory app, string userEmail) =>
        app.InScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gas.RazorPages.Accounts.GasUser>>().FindByEmailAsync(userEmail);
            return await sp.GetRequiredService<RestoreRequester>().RestoreUserAsync(user!.Id, CancellationToken.None);
        });

    private static Task<bool> ThawAsync(GasAppFactory app, string jobId) =>
        app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ThawFollowUp>().CheckAsync(jobId, 0, CancellationToken.None);
            return true;
        });

    [TestMethod]
    public async Task UpgradingRestoresArchivedResultsAndTheThawPutsThemBack()
    {
        var (app, browser, jobId) = await ArchivedJobAsync(jobServer: true);
        using var _ = app;
        using var __ = browser;

        await PayAsync(browser, "4242 4242 4242 4242");
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe/success"), "Welcome to Premium");

        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).ArchiveState == ArchiveState.Restoring,
            "the restore drain marks the job RESTORING");
        var restoring = await app.Services.GetJob(jobId);
        Assert.AreEqual("Expedited", restoring.RestoreTier);
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}"), "Being restored");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).ArchiveState == ArchiveState.Hot,
            "a thaw follow-up brings the results back");
        var details = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        StringAssert.Contains(details, $"/annotations/{jobId}/results");
        var link = await browser.Client.GetAsync($"/annotations/{jobId}/results");
        var download = await browser.Client.GetAsync(link.Headers.Location);
        Assert.AreEqual(HttpStatusCode.OK, download.StatusCode);
        StringAssert.StartsWith(await download.Content.ReadAsStringAsync(), "##fileformat=VCF");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(app.DataDirectory, "archive"), "*.bin"), "archive copy deleted");
    }

    [TestMethod]
    public async Task ExpeditedRefusedFallsBackToStandard()
    {
        var (app, browser, jobId) = await ArchivedJobAsync(jobServer: false, refuseExpedited: true);
        using var _ = app;
        using var __ = browser;
        await PayAsync(browser, "4242424242424242");

        Assert.AreEqual(1, await RestoreAsync(app, browser.Email));
        Assert.AreEqual("Standard", (await app.Services.GetJob(jobId)).RestoreTier);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ThawAsync(app, jobId);
        Assert.AreEqual(ArchiveState.Restoring, (await app.Services.GetJob(jobId)).ArchiveState, "Standard takes longer than Expedited");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await ThawAsync(app, jobId);
        Assert.AreEqual(ArchiveState.Hot, (await app.Services.GetJob(jobId)).ArchiveState);
    }

    /// <summary>Hands every restore request the upgrades published to the restore requester, as its queue drain does; returns how many there were.</summary>
    private static Task<int> DeliverRestoreRequestsAsync(GasAppFactory app) =>
        app.InScopeAsync(async sp =>
        {
            var queue = sp.GetRequiredService<IQueue>();
            var name = sp.GetRequiredService<IOptions<MessagingOptions>>().Value.RestoreQueue;
            var messages = await queue.ReceiveAsync(name, 10, TimeSpan.Zero);
            foreach (var message in messages)
            {
                Assert.AreEqual(MessageDisposition.Handled, await sp.GetRequiredService<RestoreRequester>().HandleAsync(message, CancellationToken.None));
                await queue.DeleteAsync(name, message.ReceiptHandle);
            }

            return messages.Count;
        });

    [TestMethod]
    public async Task ASecondUpgradeOrARedeliveredRequestStartsNoSecondRestore()
    {
        var (app, browser, jobId) = await ArchivedJobAsync(jobServer: false);
        using var _ = app;
        using var __ = browser;
        await PayAsync(browser, "4242424242424242");
        Assert.AreEqual(1, await DeliverRestoreRequestsAsync(app), "the upgrade asks for the results back");
        var restoring = await app.Services.GetJob(jobId);
        Assert.AreEqual(ArchiveState.Restoring, restoring.ArchiveState);

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.AreEqual(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/account", [], "/account?handler=Cancel")).StatusCode);
        await PayAsync(browser, "4242424242424242");
        Assert.AreEqual(1, await DeliverRestoreRequestsAsync(app), "the second upgrade asks again");
        Assert.AreEqual(0, await RestoreAsync(app, browser.Email), "a redelivered request");

        var job = await app.Services.GetJob(jobId);
        Assert.AreEqual(ArchiveState.Restoring, job.ArchiveState);
        Assert.AreEqual(restoring.RestoreRequestedTime, job.RestoreRequestedTime, "still the first restore");
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe"), "You already have Premium");
    }

    [TestMethod]
    public async Task ThawingTwiceIsHarmless()
    {
        var (app, browser, jobId) = await ArchivedJobAsync(jobServer: false);
        using var _ = app;
        using var __ = browser;
        await PayAsync(browser, "4242424242424242");
        await RestoreAsync(app, browser.Email);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await Task.WhenAll(ThawAsync(app, jobId), ThawAsync(app, jobId));
        await ThawAsync(app, jobId);
        var job = await app.Services.GetJob(jobId);
        Assert.AreEqual(ArchiveState.Hot, job.ArchiveState);
        Assert.IsNull(job.ResultsArchiveId);
        Assert.IsTrue(File.Exists(Path.Combine(app.DataDirectory, "objects", "gas-results", job.ResultKey!)));
    }

    [TestMethod]
    public async Task AFreeUserGetsNoRestore()
    {
        var (app, browser, jobId) = await ArchivedJobAsync(jobServer: false);
        using var _ = app;
        using var __ = browser;
        Assert.AreEqual(0, await RestoreAsync(app, browser.Email));
        Assert.AreEqual(ArchiveState.Archived, (await app.Services.GetJob(jobId)).ArchiveState);
    }
}
