using System.Text.RegularExpressions;
using Gas.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gas.Tests.Browser;

/// <summary>
/// Issue 13 item 6 in Chromium: a progress bar and a disabled button while the file goes to the store, and, without
/// script, an oversize Free upload that lands on a GAS page instead of the store's XML. Shot at desktop and 390 px.
/// </summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed class UploadFeedback
{
    private const string Password = "Upload-Feedback-Lantern-31";
    private static readonly ViewportSize Desktop = PageCamera.Desktop;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TheUploadShowsProgressAndWithoutScriptAnOversizeFileGetsAGasPage()
    {
        var (app, address) = GasAppFactory.StartOnKestrel();
        using var _ = app;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var camera = new PageCamera(TestContext, "upload-feedback");
        SetDefaultExpectTimeout((float)Wait.Bound.TotalMilliseconds);

        await using (var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString(), ViewportSize = Desktop }))
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
            await PageCamera.RegisterAndLogInAsync(page, $"progress-{Guid.NewGuid():N}@example.org", Password);
            // The store's answer is held until the walk has seen the page while the upload is under way.
            var seen = new TaskCompletionSource();
            await page.RouteAsync("**/_store/**", async route =>
            {
                await seen.Task;
                await route.ContinueAsync();
            });
            await page.GotoAsync("/annotate");
            await page.Locator("#upload-file").SetInputFilesAsync(Paths.Sample("test.vcf"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await Expect(page.Locator("#upload-progress")).ToBeVisibleAsync();
            await Expect(page.Locator("form#upload-form button[type=submit]")).ToBeDisabledAsync();
            await Expect(page.Locator("form#upload-form button[type=submit]")).ToHaveTextAsync("Uploading…");
            await camera.ShootBothAsync(page, "uploading");
            seen.SetResult();
            await page.WaitForURLAsync(new Regex("/annotations/[0-9a-f-]{36}$"));
            await Expect(page.Locator("dl.details")).ToContainTextAsync("test.vcf");
        }

        await using (var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(), ViewportSize = Desktop, JavaScriptEnabled = false,
        }))
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
            await PageCamera.RegisterAndLogInAsync(page, $"no-script-{Guid.NewGuid():N}@example.org", Password);
            await page.GotoAsync("/annotate");
            var big = Path.Combine(app.DataDirectory, "too-big.vcf");
            await File.WriteAllTextAsync(big, "##fileformat=VCFv4.2\n" + new string('#', 200 * 1024) + "\n");
            await page.Locator("#upload-file").SetInputFilesAsync(big);
            await page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/annotate/too-large");
            await Expect(page.Locator("h1")).ToHaveTextAsync("That file is too large");
            await Expect(page.Locator(".alert.error")).ToContainTextAsync("Free accounts can annotate files up to 150 KB. Nothing was stored.");
            await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Upgrade to Premium", Exact = true })).ToBeVisibleAsync();
            await camera.ShootBothAsync(page, "too-large-without-script");
        }
    }


}
