using System.Net;
using Gas.Tests.Engine;
using Gas.Tests.Support;
using Microsoft.Playwright;

namespace Gas.Tests.Browser;

/// <summary>
/// premium_2.vcf's summary and a filtered variant table in Debian's Chromium, at a desktop width and at 390 px: the charts
/// render, nothing scrolls sideways, and each view is saved in <c>TestResults/screenshots/results/</c>.
/// </summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed class ResultsScreens
{
    private const string Password = "Results-Screens-Walnut-58";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TheSummaryAndAFilteredTableReadAtDesktopAndPhoneWidths()
    {
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Gas:Roles"] = "web,annotator",
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
            ["Gas:Retention:FreeMaxInputBytes"] = "1000000",
        });
        using var _ = app;
        var email = $"screens-{Guid.NewGuid():N}@example.org";
        string jobId;
        using (var http = new BrowserSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
               { BaseAddress = address }))
        {
            await http.RegisterAsync(email, Password);
            jobId = await http.SubmitJobAsync("premium_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("premium_2.vcf")));
            Assert.AreEqual("COMPLETED", await http.WaitForFinishedAsync(jobId));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var camera = new PageCamera(TestContext, "results");
        foreach (var (name, width, height) in new[] { ("desktop", 1280, 900), ("390px", 390, 844) })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = address.ToString(),
                ViewportSize = new ViewportSize { Width = width, Height = height },
            });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            await page.GotoAsync("/Account/Login");
            await page.Locator("#Input_Email").FillAsync(email);
            await page.Locator("#Input_Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

            await page.GotoAsync($"/annotations/{jobId}");
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Alleles per region class") })).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page, $"summary at {name}");
            await camera.ShootAsync(page, $"summary-{name}");

            // From the summary, as a researcher would: the top gene's link filters the table.
            await page.Locator("ol.genes a").First.ClickAsync();
            await page.WaitForURLAsync("**/variants?gene=*");
            await Assertions.Expect(page.Locator("#table")).ToContainTextAsync("alleles match");
            await page.GotoAsync(page.Url + "&func=exonic");
            await Assertions.Expect(page.Locator("table.variants tbody tr").First).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page, $"filtered table at {name}");
            await camera.ShootAsync(page, $"filtered-table-{name}");
        }
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.IsTrue(widths[0] <= widths[1], $"{what}: the page is {widths[0]} px wide in a {widths[1]} px window");
    }
}
