using System.Globalization;
using System.Net;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>The jobs list: names given at upload, completion time and variant count, search, paging and live rows.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class JobsList
{
    [TestMethod]
    public async Task ANamedUploadIsListedByNameWithItsFileLinkCompletionTimeAndVariantCount()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        fields["success_action_redirect"] += "&name=" + Uri.EscapeDataString("  Trio <b>exome</b>  ");
        var stored = await browser.PostToStoreAsync(action, fields, "test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual(HttpStatusCode.Redirect, stored.StatusCode, await stored.Content.ReadAsStringAsync());
        var created = await browser.Client.GetAsync(stored.Headers.Location);
        var jobId = created.Headers.Location!.ToString()["/annotations/".Length..];
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));

        var job = (await app.InScopeAsync(sp => sp.GetRequiredService<IJobStore>().GetAsync(jobId)))!;
        Assert.AreEqual("Trio <b>exome</b>", job.JobName, "trimmed, stored as typed");
        Assert.IsNotNull(job.VariantCount, "the annotator recorded how many variants it wrote");
        var html = await browser.Client.GetStringAsync("/annotations");
        StringAssert.Contains(html, $"<a href=\"/annotations/{jobId}\">Trio &lt;b&gt;exome&lt;/b&gt;</a>", "the name links to the job, encoded");
        StringAssert.Contains(html, "test.vcf");
        StringAssert.Contains(html, $"datetime=\"{DateTimeOffset.FromUnixTimeSeconds(job.CompleteTime!.Value):yyyy-MM-ddTHH:mm:ssZ}\"", "the completion time");
        StringAssert.Contains(html, $"<td class=\"number\">{job.VariantCount.Value.ToString("N0", CultureInfo.InvariantCulture)}</td>");
        foreach (var column in new[] { "Name / VCF file", "Requested", "Completed", "Variants", "Status" })
        {
            StringAssert.Contains(html, $"<th>{column}</th>");
        }
    }

    [TestMethod]
    public async Task AnUnnamedJobsFileNameLinksToTheJob()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));

        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"), $"<a href=\"/annotations/{jobId}\">test.vcf</a>");
    }

    [TestMethod]
    public async Task SearchFindsJobsByNameOrFileAndItsPagesKeepTheSearch()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var userId = await UserIdAsync(app, browser.Email);
        for (var i = 0; i < 30; i++)
        {
            var job = new JobBuilder(userId).WithInput(i % 2 == 0 ? $"exome-{i:00}.vcf" : $"genome-{i:00}.vcf")
                .Named(i == 7 ? "Special trio" : null).SubmittedAt(1_000 + i).Build();
            await app.InScopeAsync(async sp => { await sp.GetRequiredService<IJobStore>().CreateAsync(job); return 0; });
        }

        var all = await browser.Client.GetStringAsync("/annotations");
        Assert.AreEqual(25, Rows(all), "a full first page");
        StringAssert.Contains(all, "Older jobs");
        Assert.IsFalse(all.Contains("Newest jobs", StringComparison.Ordinal), "the first page offers no way back");

        var exome = await browser.Client.GetStringAsync("/annotations?q=EXOME");
        Assert.AreEqual(15, Rows(exome), "fifteen files named exome, one page");
        Assert.IsFalse(exome.Contains("genome-", StringComparison.Ordinal));
        StringAssert.Contains(exome, "value=\"EXOME\"", "the search box keeps what was typed");

        var special = await browser.Client.GetStringAsync("/annotations?q=special");
        Assert.AreEqual(1, Rows(special));
        StringAssert.Contains(special, "genome-07.vcf", "found by its name, shown with its file");

        var second = await browser.Client.GetStringAsync("/annotations?q=vcf");
        var older = OlderLink(second);
        StringAssert.StartsWith(older, "/annotations?q=vcf&after=", "the next page keeps the search");
        var page2 = await browser.Client.GetStringAsync(older);
        Assert.AreEqual(5, Rows(page2));
        StringAssert.Contains(page2, "exome-00.vcf");
        StringAssert.Contains(page2, "Newest jobs");
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations?q=nothing-like-it"), "No jobs match your search.");
    }

    [TestMethod]
    public async Task TheRowsAnOpenListPollsShowAJobSubmittedElsewhereToItsOwnerOnly()
    {
        using var app = new GasAppFactory();
        using var owner = app.NewSession();
        await owner.RegisterAsync();
        var list = await owner.Client.GetStringAsync("/annotations");
        StringAssert.Contains(list, "data-live=\"/annotations?handler=Rows\"", "the first page polls its rows");
        StringAssert.Contains(list, "/js/jobs.js", "from a static script (the CSP allows no inline script)");
        Assert.AreEqual(0, Rows(await owner.Client.GetStringAsync("/annotations?handler=Rows")));

        // "Another tab": the same user's second request path, here the upload itself.
        var jobId = await owner.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        var rows = await owner.Client.GetStringAsync("/annotations?handler=Rows");
        Assert.AreEqual(1, Rows(rows));
        StringAssert.Contains(rows, jobId);
        Assert.IsFalse(rows.Contains("<html", StringComparison.OrdinalIgnoreCase), "rows only, no layout");

        using var stranger = app.NewSession();
        await stranger.RegisterAsync();
        Assert.IsFalse((await stranger.Client.GetStringAsync("/annotations?handler=Rows")).Contains(jobId, StringComparison.Ordinal));
        using var anonymous = app.NewSession();
        var refused = await anonymous.Client.GetAsync("/annotations?handler=Rows");
        Assert.AreNotEqual(HttpStatusCode.OK, refused.StatusCode, "no rows without signing in");
    }

    private static int Rows(string html) => html.Split("<tr data-job-id=").Length - 1;

    private static string OlderLink(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<a href=\"([^\"]+)\">Older jobs</a>");
        Assert.IsTrue(match.Success, "an Older jobs link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static Task<string> UserIdAsync(GasAppFactory app, string email) =>
        app.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(email))!.Id);
}
