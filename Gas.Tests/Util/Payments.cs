using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Util;

/// <summary>The local test checkout: only Stripe's approving test cards make a user Premium (signed Stripe webhooks: Payments/StripeWebhook).</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Payments
{
    private static async Task<HttpResponseMessage> PayAsync(BrowserSession browser, string card, string expiry = "12/40") =>
        await browser.SubmitFormAsync("/subscribe/checkout", new()
        {
            ["Input.CardNumber"] = card,
            ["Input.Expiry"] = expiry,
            ["Input.Cvc"] = "123",
        });

    [TestMethod]
    public async Task ADeclinedTestCardLeavesTheUserFree()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe/checkout"), "TEST MODE");

        var declined = await PayAsync(browser, "4000 0000 0000 0002");
        Assert.AreEqual(HttpStatusCode.PaymentRequired, declined.StatusCode);
        StringAssert.Contains(await declined.Content.ReadAsStringAsync(), "Your card was declined.");
        Assert.AreEqual(HttpStatusCode.PaymentRequired, (await PayAsync(browser, "4242 4242 4242 4241")).StatusCode, "fails the Luhn check");
        Assert.AreEqual(HttpStatusCode.PaymentRequired, (await PayAsync(browser, "4242 4242 4242 4242", "01/20")).StatusCode, "expired");
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }

    [TestMethod]
    public async Task TheSuccessTestCardMakesTheUserPremiumAndCancelTakesItBack()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var paid = await PayAsync(browser, "4242 4242 4242 4242");
        Assert.AreEqual("/subscribe/success", paid.Headers.Location?.ToString());
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotate"), "data-free=\"false\"");

        var cancel = await browser.SubmitFormAsync("/account", [], "/account?handler=Cancel");
        Assert.AreEqual(HttpStatusCode.Redirect, cancel.StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }
}
