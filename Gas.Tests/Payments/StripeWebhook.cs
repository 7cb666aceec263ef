using System.Net;
using static Gas.Tests.Payments.StripeTestApp;

namespace Gas.Tests.Payments;

/// <summary>Stripe's webhook: only signed events change a plan, and each event only once however often it arrives.</summary>
[TestClass]
[TestCategory("Web")]
public sealed class StripeWebhook
{
    private static string CheckoutCompleted(string eventId, string userId) => $$$$"""
        {"id":"{{{{eventId}}}}","object":"event","api_version":"2025-01-27.acacia","created":1700000000,"type":"checkout.session.completed",
         "data":{"object":{"id":"cs_test_1","object":"checkout.session","client_reference_id":"{{{{userId}}}}","customer":"cus_test_1",
         "subscription":"sub_test_1","status":"complete","payment_status":"paid","mode":"subscription"}}}
        """;

    private static string SubscriptionDeleted(string eventId) => $$$$"""
        {"id":"{{{{eventId}}}}","object":"event","api_version":"2025-01-27.acacia","created":1700000100,"type":"customer.subscription.deleted",
         "data":{"object":{"id":"sub_test_1","object":"subscription","customer":"cus_test_1","status":"canceled"}}}
        """;

    [TestMethod]
    public async Task AWebhookWithABadSignatureIsRejectedAndUpgradesNobody()
    {
        using var app = Create();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var payload = CheckoutCompleted("evt_test_1", await UserIdAsync(browser));

        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostWebhookAsync(browser.Client, app, payload, "whsec_someone_else")).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostWebhookAsync(browser.Client, app, payload, secret: null)).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services));
    }

    [TestMethod]
    public async Task ACorrectlySignedCheckoutWebhookUpgradesTheUser()
    {
        using var app = Create();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        Assert.AreEqual(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/subscribe/checkout")).StatusCode, "no test checkout when Stripe is configured");
        var payload = CheckoutCompleted("evt_test_1", await UserIdAsync(browser));

        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, payload)).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services), "the upgrade asks for archived results back");
    }

    [TestMethod]
    public async Task ASubscriptionDeletedWebhookReturnsItsHolderToFree()
    {
        using var app = Create();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, CheckoutCompleted("evt_paid", await UserIdAsync(browser)))).StatusCode);

        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, SubscriptionDeleted("evt_deleted"))).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }

    [TestMethod]
    public async Task AReplayedEventIsAcknowledgedAndNotAppliedAgain()
    {
        using var app = Create();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var paid = CheckoutCompleted("evt_paid", await UserIdAsync(browser));

        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, paid)).StatusCode);
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services));
        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, paid)).StatusCode, "a redelivery is acknowledged");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services), "and asks for no second restore");

        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, SubscriptionDeleted("evt_deleted"))).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");

        // The old, validly signed checkout event once more (say, a captured request, re-signed by a retry): no free Premium.
        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, paid)).StatusCode);
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services));
    }

    [TestMethod]
    public async Task ConcurrentDeliveriesOfOneEventApplyItOnce()
    {
        using var app = Create();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var paid = CheckoutCompleted("evt_paid", await UserIdAsync(browser));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostWebhookAsync(browser.Client, app, paid)));

        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => r.StatusCode)));
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services));
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
    }
}
