using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>Request and complete times render in the viewer's time zone.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class LocalTime
{
    [TestMethod]
    public async Task JobTimesRenderInTheViewersTimeZoneFromTheCookie()
    {
        using var app = new GasAppFactory(start: new DateTimeOffset(2026, 1, 15, 18, 30, 5, TimeSpan.Zero));
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));

        browser.Client.DefaultRequestHeaders.Add("Cookie", "tz=America/Chicago");
        var chicago = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/annotations"));
        StringAssert.Contains(chicago, "2026-01-15 12:30:05 UTC-06:00 (America/Chicago)");
        StringAssert.Contains(chicago, "datetime=\"2026-01-15T18:30:05Z\"");

        browser.Client.DefaultRequestHeaders.Remove("Cookie");
        browser.Client.DefaultRequestHeaders.Add("Cookie", "tz=Asia/Kolkata");
        var details = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(details, "2026-01-16 00:00:05 UTC+05:30 (Asia/Kolkata)");
    }

    [TestMethod]
    public async Task WithoutAZoneCookieTimesAreLabelledUtc()
    {
        using var app = new GasAppFactory(start: new DateTimeOffset(2026, 7, 4, 9, 0, 0, TimeSpan.Zero));
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"), "2026-07-04 09:00:00 UTC");
    }
}
