using System.Net;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Archive;
using Gas.RazorPages.Util.Restore;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Util;

/// <summary>A restore the user can follow: the page knows when the results are back, and one email says so.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class RestoreFollowed
{
    [TestMethod]
    public async Task TheRestoringPageLearnsWhenResultsAreBackAndTheOwnerGetsOneRestoredEmail()
    {
        // No job server: the test drives the restore and the thaw itself.
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web,annotator" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        var paid = await browser.SubmitFormAsync("/subscribe/checkout", new()
        {
            ["Input.CardNumber"] = "4242424242424242", ["Input.Expiry"] = "12/40", ["Input.Cvc"] = "123",
        });
        Assert.AreEqual(HttpStatusCode.Redirect, paid.StatusCode);
        await app.InScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(browser.Email);
            return await sp.GetRequiredService<RestoreRequester>().RestoreUserAsync(user!.Id, CancellationToken.None);
        });
        Assert.AreEqual(ArchiveState.Restoring, (await app.Services.GetJob(jobId)).ArchiveState);

        var page = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        StringAssert.Contains(page, $"<span id=\"restoring\" class=\"restoring\" data-job-id=\"{jobId}\">");
        StringAssert.Contains(page, "This page updates itself when they are back");
        StringAssert.Contains(page, "/js/jobs.js");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}?handler=Status"), "\"archive\":\"Restoring\"");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ThawAsync(app, jobId);
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}?handler=Status"), "\"archive\":\"Hot\"",
            "what the page's script waits for");
        var mail = await MailFolder.WaitForAsync(app, browser.Email, $"results of job {jobId} are restored");
        StringAssert.Contains(mail.TextBody, $"http://localhost:5000/annotations/{jobId}");
        StringAssert.Contains(mail.HtmlBody, $"href=\"http://localhost:5000/annotations/{jobId}\"");

        await ThawAsync(app, jobId);
        var restoredMails = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml")
            .Count(path => File.ReadAllText(path).Contains("are restored", StringComparison.Ordinal));
        Assert.AreEqual(1, restoredMails, "a second check of a thawed job sends nothing");
    }

    private static Task<bool> ThawAsync(GasAppFactory app, string jobId) =>
        app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ThawFollowUp>().CheckAsync(jobId, 0, CancellationToken.None);
            return true;
        });
}
