using System.Net;
using Gas.Core.Jobs;
using Gas.Core.VariantIndex;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Util.Archive;
using Gas.RazorPages.Util.Restore;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Results;

/// <summary>Archiving keeps the index's summary and sends its rows with the results; the thaw brings the rows back.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ResultsArchiveAndThaw
{
    [TestMethod]
    public async Task TheSummaryStaysThroughTheArchiveAndTheTableComesBackWithTheThaw()
    {
        using var app = ResultsPages.NewApp();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var job = await app.Services.GetJob(jobId);
        var index = Path.Combine(app.DataDirectory, "objects", job.ResultsBucket!, ResultsIndexFormat.IndexKeyFor(job.ResultKey!));
        var summaryBefore = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        Assert.IsTrue(ResultsIndex.Probe(index).HasVariants);

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        Assert.AreEqual(ArchiveState.Archived, (await app.Services.GetJob(jobId)).ArchiveState);
        Assert.IsFalse(File.Exists(Path.Combine(app.DataDirectory, "objects", job.ResultsBucket!, job.ResultKey!)), "the VCF went to the archive");
        Assert.IsFalse(ResultsIndex.Probe(index).HasVariants, "the stored index keeps the summary only");
        var archived = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(archived, Chart(summaryBefore), "the same summary while archived");

        await app.InScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(browser.Email);
            await sp.GetRequiredService<PlanChanges>().UpgradeAsync(user!);
            return await sp.GetRequiredService<RestoreRequester>().RestoreUserAsync(user!.Id, CancellationToken.None);
        });
        var restoring = await browser.Client.GetAsync($"/annotations/{jobId}/variants");
        Assert.AreEqual(HttpStatusCode.Redirect, restoring.StatusCode, "no table while the results are being restored");

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ThawFollowUp>().CheckAsync(jobId, 0, CancellationToken.None);
            return true;
        });
        Assert.AreEqual(ArchiveState.Hot, (await app.Services.GetJob(jobId)).ArchiveState);
        Assert.IsTrue(ResultsIndex.Probe(index).HasVariants, "the thaw rebuilt the rows from the restored VCF");
                var table = await browser.Client.GetAsync($"/annotations/{jobId}/variants?func=exonic");
        Assert.AreEqual(HttpStatusCode.OK, table.StatusCode);
    }

    private static string Chart(string html)
    {
        var start = html.IndexOf("aria-label=\"Alleles per region class", StringComparison.Ordinal);
        Assert.IsTrue(start >= 0, "the job page shows the summary");
        return html[start..html.IndexOf('"', start + "aria-label=\"".Length)];
    }
}
