using System.Net;
using System.Text;
using Gas.Tests.Support;
using Stripe;

namespace Gas.Tests.Util;

/// <summary>Only a confirmed payment makes a user Premium: test cards locally, signed webhooks with Stripe.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Payments
{
    private const string WebhookSecret = "whsec_test_secret";

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

    private static GasAppFactory StripeApp() => new(new Dictionary<string, string?>
    {
        ["Stripe:SecretKey"] = "sk_test_placeholder",
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:PriceId"] = "price_test_premium",
    });

    private static async Task<string> UserIdAsync(BrowserSession browser) =>
        System.Text.RegularExpressions.Regex.Match(await browser.Client.GetStringAsync("/annotate"), "name=\"key\" value=\"([^/]+)/").Groups[1].Value;

    private static string CheckoutCompleted(string userId) => $$$$"""
        {"id":"evt_test_1","object":"event","api_version":"2025-01-27.acacia","created":1700000000,"type":"checkout.session.completed",
         "data":{"object":{"id":"cs_test_1","object":"checkout.session","client_reference_id":"{{{{userId}}}}","customer":"cus_test_1",
         "subscription":"sub_test_1","status":"complete","payment_status":"paid","mode":"subscription"}}}
        """;

    [TestMethod]
    public async Task AWebhookWithABadSignatureIsRejectedAndUpgradesNobody()
    {
        using var app = StripeApp();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var payload = CheckoutCompleted(await UserIdAsync(browser));

        using var forged = new StringContent(payload, Encoding.UTF8, "application/json");
        forged.Headers.Add("Stripe-Signature", EventUtility.GenerateSignatureHeader(payload, "whsec_someone_else", null));
        Assert.AreEqual(HttpStatusCode.BadRequest, (await browser.Client.PostAsync("/stripe/webhook", forged)).StatusCode);

        using var unsigned = new StringContent(payload, Encoding.UTF8, "application/json");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await browser.Client.PostAsync("/stripe/webhook", unsigned)).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }

    [TestMethod]
    public async Task ACorrectlySignedCheckoutWebhookUpgradesTheUser()
    {
        using var app = StripeApp();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        Assert.AreEqual(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/subscribe/checkout")).StatusCode, "no test checkout when Stripe is configured");
        var payload = CheckoutCompleted(await UserIdAsync(browser));

        using var signed = new StringContent(payload, Encoding.UTF8, "application/json");
        signed.Headers.Add("Stripe-Signature", EventUtility.GenerateSignatureHeader(payload, WebhookSecret, null));
        Assert.AreEqual(HttpStatusCode.OK, (await browser.Client.PostAsync("/stripe/webhook", signed)).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
    }
}
