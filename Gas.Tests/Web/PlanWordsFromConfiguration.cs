using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>The Free limits and the price read on the pages come from configuration, never from the page's text.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class PlanWordsFromConfiguration
{
    [TestMethod]
    public async Task EveryPageWordsTheConfiguredLimitWindowAndPrice()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Retention:FreeMaxInputBytes"] = "204800",
            ["Gas:Retention:FreeDownloadWindow"] = "01:30:00",
            ["Stripe:DisplayPrice"] = "€12 per month",
        });
        using var browser = app.NewSession();
        var home = WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/"));
        StringAssert.Contains(home, "Inputs up to 200 KB");
        StringAssert.Contains(home, "Results downloadable for 1 hour 30 minutes after completion");
        StringAssert.Contains(home, "Premium — €12 per month");

        await browser.RegisterAsync();
        var account = WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/account"));
        StringAssert.Contains(account, "limited to 200 KB and results can be downloaded for 1 hour 30 minutes");
        StringAssert.Contains(WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/annotate")), "Free plan: inputs up to 200 KB.");
        StringAssert.Contains(WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/subscribe")), "€12 per month");

        foreach (var page in new[] { home, account })
        {
            Assert.IsFalse(page.Contains("150 KB", StringComparison.Ordinal) || page.Contains("5 minutes", StringComparison.Ordinal),
                "no default wording left over");
        }
    }
}
