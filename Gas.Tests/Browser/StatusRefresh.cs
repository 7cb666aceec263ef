using Gas.Core.Jobs;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gas.Tests.Browser;

/// <summary>The jobs list shows a running job's progress without the user reloading the page.</summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed class StatusRefresh
{
    [TestMethod]
    public async Task TheJobsListFollowsAJobFromPendingToCompletedWithoutAReload()
    {
        // No annotator in this process: the test moves the job through its states itself, while the page is open.
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?> { ["Gas:Roles"] = "web" });
        using var _ = app;
        using var session = new BrowserSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address });
        const string Password = "Status-Refresh-9";
        await session.RegisterAsync(password: Password);
        var jobId = await session.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_Email", session.Email);
        await page.FillAsync("#Input_Password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/annotations");

        var badge = page.Locator($"tr[data-job-id='{jobId}'] [data-status]");
        await Expect(badge).ToHaveTextAsync("PENDING");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        var jobs = app.Services.GetRequiredService<IJobStore>();
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.IsTrue(await jobs.TryClaimAsync(jobId, now, now + 60));
        await Expect(badge).ToHaveTextAsync("RUNNING", new() { Timeout = (float)Wait.Bound.TotalMilliseconds });
        Assert.IsTrue(await jobs.TryCompleteAsync(jobId, new JobOutputs("gas-results", "r.vcf", "r.log"), now + 1));
        await Expect(badge).ToHaveTextAsync("COMPLETED", new() { Timeout = (float)Wait.Bound.TotalMilliseconds });
        Assert.AreEqual(0, navigations, "the page updated in place");
    }
}
