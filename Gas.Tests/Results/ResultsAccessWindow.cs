using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Results;

/// <summary>Past the Free download window the summary stays, while the table and the downloads say "Upgrade to Premium" and are refused.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ResultsAccessWindow
{
    [TestMethod]
    public async Task AFreeUserPastTheWindowSeesTheSummaryButNotTheTableOrTheDownloads()
    {
        using var app = ResultsPages.NewApp();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        Assert.AreEqual(HttpStatusCode.OK, (await browser.Client.GetAsync($"/annotations/{jobId}/variants")).StatusCode, "inside the window");

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var details = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(details, "Alleles per region class (Func.refGene)", "the summary stays");
        StringAssert.Contains(details, "Upgrade to Premium");
        Assert.IsFalse(details.Contains($"/annotations/{jobId}/variants", StringComparison.Ordinal), "no link opens the table");

        foreach (var path in new[] { "", "?func=exonic", "?format=tsv", "?format=vcf&func=exonic", "?gene=NOC2L" })
        {
            var response = await browser.Client.GetAsync($"/annotations/{jobId}/variants{path}");
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            Assert.AreEqual($"/annotations/{jobId}", response.Headers.Location?.ToString(), path + ": back to the job page, as the results route does");
            var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync(response.Headers.Location));
            StringAssert.Contains(page, "Upgrade to Premium to see the variant table and filtered downloads", path);
        }
    }
}
