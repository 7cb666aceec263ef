using System.Net;
using Gas.Tests.Support;
using static Gas.Tests.Payments.StripeTestApp;

namespace Gas.Tests.Payments;

/// <summary>Stripe's webhook: only signed events change a plan, and each event only once however often it arrives.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
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

    private static async Task<(GasAppFactory App, BrowserSession Browser, string UserId)> SignedUpAsync()
    {
        var app = Create();
        var browser = app.NewSession();
        await browser.RegisterAsync();
        return (app, browser, await UserIdAsync(browser));
    }

    private static async Task DeliverAsync(GasAppFactory app, BrowserSession browser, string payload, string because = "delivered") =>
        Assert.AreEqual(HttpStatusCode.OK, (await PostWebhookAsync(browser.Client, app, payload)).StatusCode, because);

    private static async Task AssertPlanAsync(BrowserSession browser, string plan) =>
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), $"<dd>{plan}</dd>");

    [TestMethod]
    public async Task AWebhookWithABadSignatureIsRejectedAndUpgradesNobody()
    {
        var (app, browser, userId) = await SignedUpAsync();
        using var _ = app;
        using var __ = browser;
        var payload = CheckoutCompleted("evt_test_1", userId);

        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostWebhookAsync(browser.Client, app, payload, "whsec_someone_else")).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostWebhookAsync(browser.Client, app, payload, secret: null)).StatusCode);
        await AssertPlanAsync(browser, "Free");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services));
    }

    [TestMethod]
    public async Task ACorrectlySignedCheckoutWebhookUpgradesTheUser()
    {
        var (app, browser, userId) = await SignedUpAsync();
        using var _ = app;
        using var __ = browser;
        Assert.AreEqual(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/subscribe/checkout")).StatusCode, "no test checkout when Stripe is configured");

        await DeliverAsync(app, browser, CheckoutCompleted("evt_test_1", userId));
        await AssertPlanAsync(browser, "Premium");
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services), "the upgrade asks for archived results back");
    }

    [TestMethod]
    public async Task ASubscriptionDeletedWebhookReturnsItsHolderToFree()
    {
        var (app, browser, userId) = await SignedUpAsync();
        using var _ = app;
        using var __ = browser;
        await DeliverAsync(app, browser, CheckoutCompleted("evt_paid", userId));

        await DeliverAsync(app, browser, SubscriptionDeleted("evt_deleted"));
        await AssertPlanAsync(browser, "Free");
    }

    [TestMethod]
    public async Task AReplayedEventIsAcknowledgedAndNotAppliedAgain()
    {
        var (app, browser, userId) = await SignedUpAsync();
        using var _ = app;
        using var __ = browser;
        var paid = CheckoutCompleted("evt_paid", userId);

        await DeliverAsync(app, browser, paid);
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services));
        await DeliverAsync(app, browser, paid, "a redelivery is acknowledged");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services), "and asks for no second restore");

        await DeliverAsync(app, browser, SubscriptionDeleted("evt_deleted"));
        await AssertPlanAsync(browser, "Free");

        // Stripe retries an event for days (and the dashboard resends one): an old checkout must not bring Premium back.
        await DeliverAsync(app, browser, paid, "a late retry is acknowledged");
        await AssertPlanAsync(browser, "Free");
        Assert.AreEqual(0, await TakeRestoreRequestsAsync(app.Services));
    }

    [TestMethod]
    public async Task ConcurrentDeliveriesOfOneEventApplyItOnce()
    {
        var (app, browser, userId) = await SignedUpAsync();
        using var _ = app;
        using var __ = browser;
        var paid = CheckoutCompleted("evt_paid", userId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostWebhookAsync(browser.Client, app, paid)));

        Assert.IsTrue(responses.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => r.StatusCode)));
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(app.Services));
        await AssertPlanAsync(browser, "Premium");
    }
}
