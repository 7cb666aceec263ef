using System.Net;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Archive;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>A Free user sees (and is emailed) until when the results can be downloaded; the list names archived and restoring jobs.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class DownloadWindowShown
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 13, 59, 30, TimeSpan.Zero);

    [TestMethod]
    public async Task AFreeUsersCompletedJobSaysUntilWhenAndHowLongItStaysDownloadable()
    {
        using var app = new GasAppFactory(start: Start);
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var closes = DateTimeOffset.FromUnixTimeSeconds((await app.Services.GetJob(jobId))!.CompleteTime!.Value) + TimeSpan.FromMinutes(5);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        browser.Client.DefaultRequestHeaders.Add("Cookie", "tz=Asia/Kolkata");
        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        var local = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        StringAssert.Contains(page, $"Download available until <strong class=\"closes\">{local:HH:mm}</strong>", "in the viewer's zone");
        StringAssert.Contains(page, "(<span class=\"countdown\">in 4 min</span>)");
        StringAssert.Contains(page, "data-seconds-left=\"240\"", "the script counts down from the server's clock, not the viewer's");
        StringAssert.Contains(page, "<span id=\"upgrade-prompt\" hidden>", "the prompt the script swaps in when the window closes");
        StringAssert.Contains(page, "/js/jobs.js");

        var mail = await MailFolder.WaitForAsync(app, browser.Email, $"{jobId} is complete");
        StringAssert.Contains(mail.TextBody, $"Download available until {closes.UtcDateTime:HH:mm} UTC (in ");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var closed = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        Assert.IsFalse(closed.Contains("Download available until", StringComparison.Ordinal), "after the window: no countdown");
        StringAssert.Contains(closed, "Upgrade to Premium to download");
    }

    [TestMethod]
    public async Task TheListShowsArchivedAndRestoringJobsAsSuch()
    {
        using var app = new GasAppFactory(start: Start);
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"), ">COMPLETED</span>");

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        // the job server's own archive drain runs on the same clock and may archive the job first, or be making the copy
        var (outcome, _) = await app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        CollectionAssert.Contains(new[] { ArchiveOutcome.Archived, ArchiveOutcome.AlreadyArchived, ArchiveOutcome.InProgress }, outcome);
        const string archivedBadge = "<span class=\"status status-archived\" data-status=\"COMPLETED\">ARCHIVED</span>";
        await Wait.UntilAsync(async () => (await browser.Client.GetStringAsync("/annotations")).Contains(archivedBadge, StringComparison.Ordinal),
            "the jobs list to show the job ARCHIVED");

        var userId = await app.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(browser.Email))!.Id);
        var restoring = new JobBuilder(userId).WithInput("restoring.vcf").Build() with
        {
            Status = JobStatus.Completed, CompleteTime = 1, ResultsArchiveId = "archive-1", RestoreTier = "Standard",
        };
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<IJobStore>().CreateAsync(restoring); return 0; });
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"),
            "<span class=\"status status-restoring\" data-status=\"COMPLETED\">RESTORING</span>");
    }
}
