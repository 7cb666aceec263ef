using Gas.Core.Jobs;
using Gas.RazorPages.Util.Archive;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gas.Tests.Browser;

/// <summary>
/// A new user's first hour (issue 13) in Chromium against the whole service on Kestrel: the live jobs list, the Free
/// download window counting down and closing, ARCHIVED / RESTORING, a restore the page follows by itself. Every step is
/// shot at desktop width and at 390 px, where no page may scroll sideways. Server time moves on the app's clock.
/// </summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed class FirstHourWalk
{
    private const string Password = "First-Hour-Lantern-58";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ANewUsersFirstHourShowsWhatHappensWithoutReloading()
    {
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            // Standard restores take hours of the app's clock, so RESTORING holds until the walk moves the clock.
            ["Gas:Embedded:RefuseExpeditedRestores"] = "true",
            ["Gas:Util:ThawMaxDelay"] = "00:00:02",
        });
        using var _ = app;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(), TimezoneId = "Europe/Berlin", ViewportSize = Desktop,
        });
        SetDefaultExpectTimeout((float)Wait.Bound.TotalMilliseconds);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
        var camera = new PageCamera(TestContext, "first-hour");
        try
        {
            await WalkAsync(app, page, camera);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(camera.Folder, "failure.png"), FullPage = true });
            throw;
        }
    }

    private static readonly ViewportSize Desktop = PageCamera.Desktop;

    private static async Task WalkAsync(GasAppFactory app, IPage page, PageCamera camera)
    {
        // Item 7: the account pages fit a phone.
        foreach (var (path, name) in new[] { ("/Account/Register", "register"), ("/Account/Login", "login"), ("/Account/ForgotPassword", "forgot-password") })
        {
            await page.GotoAsync(path);
            await camera.ShootBothAsync(page, name);
        }

        await PageCamera.RegisterAndLogInAsync(page, $"first-hour-{Guid.NewGuid():N}@example.org", Password);

        // Item 5: an open list picks up a job submitted in another tab; the job's name links to it.
        await page.GotoAsync("/annotations");
        await Expect(page.Locator("#jobs-empty")).ToBeVisibleAsync();
        var tab = await page.Context.NewPageAsync();
        await tab.GotoAsync("/annotate");
        await tab.Locator("#upload-name").FillAsync("Trio exome, first try");
        await tab.Locator("#upload-file").SetInputFilesAsync(Paths.Sample("test.vcf"));
        await camera.ShootBothAsync(tab, "annotate-named");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
        await tab.WaitForURLAsync("**/annotations/*");
        var jobId = tab.Url[(tab.Url.LastIndexOf('/') + 1)..];
        await tab.CloseAsync();
        var row = page.Locator($"tr[data-job-id='{jobId}']");
        await Expect(row.Locator("td.job-name a")).ToHaveTextAsync("Trio exome, first try");
        await Expect(row).ToContainTextAsync("test.vcf");
        await Expect(page.Locator("#jobs-empty")).ToBeHiddenAsync();
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("COMPLETED");
        await Expect(row.Locator("td.number")).Not.ToHaveTextAsync("—");
        await camera.ShootBothAsync(page, "list-live");

        // Item 3: a Free user's job says until when it can be downloaded, counts down, then offers the upgrade in place.
        await row.Locator("td.job-name a").ClickAsync();
        await page.WaitForURLAsync($"**/annotations/{jobId}");
        await Expect(page.Locator("#download-window")).ToContainTextAsync("Download available until");
        await Expect(page.Locator("#download-window .countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^in [45] min$"));
        await Expect(page.Locator("#results-link")).ToBeVisibleAsync();
        await camera.ShootBothAsync(page, "download-window-open");

        // Item 11: the log's UTC times read in the viewer's zone (log.js); item 7: the log fits a phone.
        await page.GotoAsync($"/annotations/{jobId}/log");
        await Expect(page.Locator("pre.log time").First).ToContainTextAsync("(Europe/Berlin)");
        await camera.ShootBothAsync(page, "log");
        await page.GotoAsync($"/annotations/{jobId}");

        // Three seconds before the window closes (on the server's clock) the page still offers the download; its script
        // then counts those seconds down and swaps the link for the upgrade prompt, without a reload.
        app.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(3));
        var served = await (await page.ReloadAsync())!.TextAsync();
        StringAssert.Contains(served, "id=\"results-link\"");
        StringAssert.Contains(served, "data-seconds-left=\"3\"");
        await Expect(page.Locator("#upgrade-prompt")).ToBeVisibleAsync();
        await Expect(page.Locator("#results-link")).ToHaveCountAsync(0);
        await Expect(page.Locator("#upgrade-prompt")).ToContainTextAsync("Upgrade to Premium to download");
        await camera.ShootBothAsync(page, "download-window-closed");

        // Item 3: the list says ARCHIVED once the results are archived.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.InScopeAsync(sp => sp.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        await page.GotoAsync("/annotations");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("ARCHIVED");
        await camera.ShootBothAsync(page, "list-archived");

        // Item 4: upgrading restores the results; the page follows the restore and reloads itself when they are back.
        await page.GotoAsync("/subscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the test checkout", Exact = true }).ClickAsync();
        await page.Locator("#Input_CardNumber").FillAsync("4242 4242 4242 4242");
        await page.Locator("#Input_Expiry").FillAsync("12/34");
        await page.Locator("#Input_Cvc").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay ") }).ClickAsync();
        await page.WaitForURLAsync("**/subscribe/success");
        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).ArchiveState == ArchiveState.Restoring, "the upgrade starts a restore");
        await page.GotoAsync("/annotations");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("RESTORING");
        await camera.ShootBothAsync(page, "list-restoring");
        await page.GotoAsync($"/annotations/{jobId}");
        await Expect(page.Locator("#restoring")).ToContainTextAsync("This page updates itself");
        await camera.ShootBothAsync(page, "restoring");
        app.Clock.Advance(TimeSpan.FromHours(6));
        await Expect(page.Locator("#results-link")).ToBeVisibleAsync();
        await Expect(page.Locator("#restoring")).ToHaveCountAsync(0);
        await camera.ShootBothAsync(page, "restored");
        await page.GotoAsync("/dev/mailbox");
        await Expect(page.Locator("main")).ToContainTextAsync($"results of job {jobId} are restored");
        await camera.ShootBothAsync(page, "mailbox-restored");
    }

}
