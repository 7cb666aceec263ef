using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>Without script, a browser's oversize upload to the embedded store ends on a GAS page; other clients keep S3's XML.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class OversizeUploadPage
{
    [TestMethod]
    public async Task ABrowsersOversizeFreeUploadIsSentToAPageThatExplainsTheLimit()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        var big = new byte[200 * 1024];

        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
        var refused = await browser.PostToStoreAsync(action, fields, "big.vcf", big);
        Assert.AreEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.AreEqual("/annotate/too-large", refused.Headers.Location!.ToString());
        var page = await browser.Client.GetAsync(refused.Headers.Location);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        StringAssert.Contains(html, "Free accounts can annotate files up to 150 KB. Nothing was stored.");
        StringAssert.Contains(html, "href=\"/subscribe\"");
    }

    [TestMethod]
    public async Task AClientThatAsksForNoHtmlStillGetsTheStoresXmlError()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();

        var refused = await browser.PostToStoreAsync(action, fields, "big.vcf", new byte[200 * 1024]);
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "<Code>EntityTooLarge</Code>");
    }
}
