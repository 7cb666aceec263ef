using Gas.Core.Jobs;
using Gas.Tests.Support;
using Gas.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gas.Tests.Browser;

/// <summary>
/// Issue 13 items 1 and 2 in Chromium: on a first start with no reference the service downloads hg19 from a real HTTP
/// server on loopback laid out like UCSC (serving ../shared/refdata, holding the downloads until the walk lets them go);
/// every page shows the banner, a job submitted meanwhile says why it waits, then runs annotated; its page offers
/// Re-annotate, which makes a second job from the same input. Each step is shot at desktop width and at 390 px.
/// </summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed class FirstRunWalk
{
    private const string Password = "First-Run-Copper-Heron-71";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AFirstStartShowsTheReferenceDownloadThenAnnotatesAndReannotates()
    {
        await using var server = await FirstRunReference.UcscMirrorOfSharedRefdataAsync();
        server.CutFirstDownloads = true;
        server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Gas:Engine:AutoFetch"] = "true",
            ["Gas:Engine:UcscBaseUrl"] = new Uri(server.BaseUrl, "goldenPath/").ToString(),
        });
        using var _ = app;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(), ViewportSize = PageCamera.Desktop,
        });
        SetDefaultExpectTimeout((float)Wait.Bound.TotalMilliseconds);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
        var camera = new PageCamera(TestContext, "first-run");
        try
        {
            await WalkAsync(app, server, page, camera);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(camera.Folder, "failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task WalkAsync(GasAppFactory app, LoopbackFileServer server, IPage page, PageCamera camera)
    {
        // Item 1: the banner is on every page while hg19 downloads, the home page included.
        await page.GotoAsync("/");
        await Expect(page.Locator("#reference-banner")).ToContainTextAsync("Downloading hg19 reference data: 0 %");
        await camera.ShootBothAsync(page, "home-downloading");

        await PageCamera.RegisterAndLogInAsync(page, $"first-run-{Guid.NewGuid():N}@example.org", Password);
        var input = Path.Combine(Paths.NewTempDirectory(), "nod2.vcf");
        await File.WriteAllBytesAsync(input, FirstRunReference.Nod2Vcf);
        await page.Locator("#upload-file").SetInputFilesAsync(input);
        await page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/annotations/*");
        var jobId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // A job submitted meanwhile waits as PENDING and says why.
        await Expect(page.Locator("main")).ToContainTextAsync("Waiting for the hg19 reference data to download");
        await Expect(page.Locator("#reference-banner")).ToBeVisibleAsync();
        Assert.AreEqual(JobStatus.Pending, (await app.Services.GetJob(jobId)).Status);
        await camera.ShootBothAsync(page, "job-waiting");

        // The downloads go on (each cut half-way once and resumed); the job then runs against hg19.
        server.Hold!.SetResult();
        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).IsFinished, "the waiting job runs once hg19 is in");
        await PageReloadedItselfAsync(page);
        await Expect(page.Locator("#genome-build")).ToHaveTextAsync("GRCh37");
        Assert.AreEqual(JobStatus.Completed, (await app.Services.GetJob(jobId)).Status);
        await camera.ShootBothAsync(page, "job-annotated");

        // Item 2: Re-annotate makes a new job from the same input with the build chosen again.
        await page.Locator("#reannotate-form select[name=build]").SelectOptionAsync("GRCh37");
        await page.Locator("#reannotate-form").GetByRole(AriaRole.Button, new() { Name = "Re-annotate", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/annotations/", StringComparison.Ordinal) && !url.EndsWith(jobId, StringComparison.Ordinal)
            && !url.Contains("reannotate", StringComparison.OrdinalIgnoreCase));
        var second = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.AreNotEqual(jobId, second);
        await Wait.UntilAsync(async () => (await app.Services.GetJob(second)).IsFinished, "the re-annotated job finishes");
        await PageReloadedItselfAsync(page);
        await Expect(page.Locator("#genome-build")).ToHaveTextAsync("GRCh37");
        Assert.AreEqual(JobStatus.Completed, (await app.Services.GetJob(second)).Status);
        Assert.AreEqual((await app.Services.GetJob(jobId)).InputFileName, (await app.Services.GetJob(second)).InputFileName);
        await camera.ShootBothAsync(page, "reannotated");
    }

    // An unfinished job's page polls its status and reloads itself once the job is finished (site.js): a reload of the
    // test's own would race with it (the browser aborts one of the two). The download link is only in the reloaded page.
    private static Task PageReloadedItselfAsync(IPage page) => Expect(page.Locator("#results-link")).ToBeVisibleAsync();
}
