using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>The top bar says who is signed in and on which plan; every page names the site's icon.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class TopBar
{
    [TestMethod]
    public async Task TheTopBarShowsTheSignedInUserAndTheirPlan()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        Assert.IsFalse((await browser.Client.GetStringAsync("/")).Contains("class=\"who\"", StringComparison.Ordinal), "nobody signed in");

        await browser.RegisterAsync();
        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/annotations"));
        StringAssert.Contains(page, $"<span class=\"who\">{browser.Email} · <strong>Free</strong></span>");
    }

    [TestMethod]
    public async Task PagesNameAFaviconThatIsServed()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        StringAssert.Contains(await browser.Client.GetStringAsync("/"), "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />");
        var icon = await browser.Client.GetAsync("/favicon.svg");
        Assert.AreEqual(HttpStatusCode.OK, icon.StatusCode);
        Assert.AreEqual("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task PagesCarryNoUnresolvedAppRelativeUrls()
    {
        // The URL-resolution tag helper is removed (_ViewImports.cshtml): a plain href="~/..." would reach the browser as is.
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        foreach (var path in new[] { "/", "/annotate", "/annotations", "/account", "/subscribe" })
        {
            var page = await browser.Client.GetStringAsync(path);
            Assert.DoesNotContain("\"~/", page, path);
            StringAssert.Contains(page, "href=\"/css/site.css?v=", path);
            StringAssert.Contains(page, "src=\"/js/site.js?v=", path);
        }
    }
}
