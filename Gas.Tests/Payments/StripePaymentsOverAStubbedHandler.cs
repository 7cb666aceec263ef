using System.Net;
using System.Text;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Plans.Stripe;
using Gas.Tests.Aws;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Gas.Tests.Payments;

/// <summary>
/// The Stripe adapter through the real Stripe.net client, whose HTTP handler is a stub (no Stripe is reachable here):
/// the requests Stripe.net sends, and what the adapter makes of Stripe-shaped answers. Webhook signatures are real.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class StripePaymentsOverAStubbedHandler
{
    private const string WebhookSecret = "whsec_test_secret";
    private static readonly Uri Success = new("https://gas.example/subscribe/success");
    private static readonly Uri Cancel = new("https://gas.example/subscribe");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private (StripePayments Payments, StubHandler Stripe) Create(Func<HttpRequestMessage, string, HttpResponseMessage> respond)
    {
        var stub = new StubHandler(respond);
        var client = new StripeClient("sk_test_stubbed", httpClient: new SystemNetHttpClient(new HttpClient(stub), maxNetworkRetries: 0));
        var options = Options.Create(new StripeOptions { SecretKey = "sk_test_stubbed", WebhookSecret = WebhookSecret, PriceId = "price_test_premium" });
        return (new StripePayments(client, options, _time), stub);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));

    private static string Session(string status, string paymentStatus) => $$"""
        {"id":"cs_test_1","object":"checkout.session","mode":"subscription","status":"{{status}}","payment_status":"{{paymentStatus}}",
         "client_reference_id":"user-1","customer":"cus_test_1","subscription":"sub_test_1","url":"https://checkout.stripe.com/c/pay/cs_test_1"}
        """;

    [TestMethod]
    public async Task StartsASubscriptionCheckoutForThePremiumPriceAndSendsTheUserToStripe()
    {
        var (payments, stripe) = Create((_, _) => Json(HttpStatusCode.OK, Session("open", "unpaid")));

        var redirect = await payments.StartCheckoutAsync(new CheckoutRequest("user-1", "ada@example.org", null, Success, Cancel), CancellationToken.None);

        Assert.AreEqual(new Uri("https://checkout.stripe.com/c/pay/cs_test_1"), redirect);
        var (request, body) = stripe.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("https://api.stripe.com/v1/checkout/sessions", request.RequestUri!.GetLeftPart(UriPartial.Path));
        Assert.AreEqual("Bearer sk_test_stubbed", request.Headers.Authorization!.ToString());
        var form = Form(body);
        Assert.AreEqual("subscription", form["mode"]);
        Assert.AreEqual("price_test_premium", form["line_items[0][price]"]);
        Assert.AreEqual("1", form["line_items[0][quantity]"]);
        Assert.AreEqual("user-1", form["client_reference_id"]);
        Assert.AreEqual("ada@example.org", form["customer_email"]);
        Assert.IsFalse(form.ContainsKey("customer"));
        Assert.AreEqual("https://gas.example/subscribe/success?session_id={CHECKOUT_SESSION_ID}", form["success_url"]);
        Assert.AreEqual("https://gas.example/subscribe", form["cancel_url"]);
    }

    [TestMethod]
    public async Task AReturningCustomerChecksOutAsThatCustomerInsteadOfByEmail()
    {
        var (payments, stripe) = Create((_, _) => Json(HttpStatusCode.OK, Session("open", "unpaid")));

        await payments.StartCheckoutAsync(new CheckoutRequest("user-1", "ada@example.org", "cus_known", Success, Cancel), CancellationToken.None);

        var form = Form(stripe.Requests.Single().Body);
        Assert.AreEqual("cus_known", form["customer"]);
        Assert.IsFalse(form.ContainsKey("customer_email"), "Stripe refuses customer and customer_email together");
    }

    [TestMethod]
    public async Task AStripeErrorWhileStartingACheckoutIsAPaymentProviderError()
    {
        var (payments, _) = Create((_, _) => Json(HttpStatusCode.BadRequest,
            """{"error":{"type":"invalid_request_error","message":"No such price: 'price_test_premium'"}}"""));

        var error = await Assert.ThrowsExactlyAsync<PaymentProviderException>(() =>
            payments.StartCheckoutAsync(new CheckoutRequest("user-1", "ada@example.org", null, Success, Cancel), CancellationToken.None));
        StringAssert.Contains(error.Message, "No such price");
    }

    [TestMethod]
    public async Task ConfirmsACompletedPaidSessionAsTheBuyersCheckout()
    {
        var (payments, stripe) = Create((_, _) => Json(HttpStatusCode.OK, Session("complete", "paid")));

        var checkout = await payments.ConfirmCheckoutAsync("cs_test_1", CancellationToken.None);

        Assert.AreEqual(new CompletedCheckout("user-1", "cus_test_1", "sub_test_1"), checkout);
        var (request, _) = stripe.Requests.Single();
        Assert.AreEqual(HttpMethod.Get, request.Method);
        Assert.AreEqual("https://api.stripe.com/v1/checkout/sessions/cs_test_1", request.RequestUri!.GetLeftPart(UriPartial.Path));
    }

    [TestMethod]
    [DataRow("open", "unpaid")]
    [DataRow("complete", "unpaid")]
    [DataRow("expired", "unpaid")]
    public async Task ASessionThatIsNotCompleteAndPaidConfirmsNothing(string status, string paymentStatus)
    {
        var (payments, _) = Create((_, _) => Json(HttpStatusCode.OK, Session(status, paymentStatus)));

        Assert.IsNull(await payments.ConfirmCheckoutAsync("cs_test_1", CancellationToken.None));
    }

    [TestMethod]
    public async Task CancelsTheSubscriptionWithStripe()
    {
        var (payments, stripe) = Create((_, _) => Json(HttpStatusCode.OK,
            """{"id":"sub_test_1","object":"subscription","status":"canceled"}"""));

        await payments.CancelSubscriptionAsync("sub_test_1", CancellationToken.None);

        var (request, _) = stripe.Requests.Single();
        Assert.AreEqual(HttpMethod.Delete, request.Method);
        Assert.AreEqual("https://api.stripe.com/v1/subscriptions/sub_test_1", request.RequestUri!.GetLeftPart(UriPartial.Path));
    }

    [TestMethod]
    public async Task ACancelStripeRefusesIsAPaymentProviderError()
    {
        var (payments, _) = Create((_, _) => Json(HttpStatusCode.NotFound,
            """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such subscription: 'sub_gone'"}}"""));

        var error = await Assert.ThrowsExactlyAsync<PaymentProviderException>(() =>
            payments.CancelSubscriptionAsync("sub_gone", CancellationToken.None));
        StringAssert.Contains(error.Message, "No such subscription");
    }

    private string Signed(string payload, string secret = WebhookSecret, TimeSpan? age = null) =>
        EventUtility.GenerateSignatureHeader(payload, secret, (_time.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds());

    private static string Event(string id, string type, string dataObject) => $$$"""
        {"id":"{{{id}}}","object":"event","api_version":"2025-01-27.acacia","created":1740830400,"type":"{{{type}}}","data":{"object":{{{dataObject}}}}}
        """;

    [TestMethod]
    public void ReadsASignedSubscriptionDeletedEventAsTheEndOfThatSubscription()
    {
        var (payments, stripe) = Create((_, _) => throw new AssertFailedException("a webhook needs no call to Stripe"));
        var payload = Event("evt_deleted", "customer.subscription.deleted",
            """{"id":"sub_test_1","object":"subscription","status":"canceled","customer":"cus_test_1"}""");

        Assert.AreEqual(new SubscriptionEndedEvent("evt_deleted", "sub_test_1"), payments.ReadEvent(payload, Signed(payload)));
        Assert.IsEmpty(stripe.Requests);
    }

    [TestMethod]
    public void ReadsASignedPaidCheckoutAsTheBuyersCheckout()
    {
        var (payments, _) = Create((_, _) => throw new AssertFailedException("a webhook needs no call to Stripe"));
        var payload = Event("evt_paid", "checkout.session.completed", Session("complete", "paid"));

        Assert.AreEqual(new CheckoutCompletedEvent("evt_paid", new CompletedCheckout("user-1", "cus_test_1", "sub_test_1")),
            payments.ReadEvent(payload, Signed(payload)));
    }

    [TestMethod]
    public void AnUnpaidCheckoutOrAnotherEventTypeChangesNothing()
    {
        var (payments, _) = Create((_, _) => throw new AssertFailedException("a webhook needs no call to Stripe"));
        var unpaid = Event("evt_unpaid", "checkout.session.completed", Session("complete", "unpaid"));
        var invoice = Event("evt_invoice", "invoice.paid", """{"id":"in_1","object":"invoice"}""");

        Assert.IsInstanceOfType<OtherPaymentEvent>(payments.ReadEvent(unpaid, Signed(unpaid)));
        Assert.IsInstanceOfType<OtherPaymentEvent>(payments.ReadEvent(invoice, Signed(invoice)));
    }

    [TestMethod]
    public void RejectsAnEventSignedWithAnotherSecretUnsignedOrTooOld()
    {
        var (payments, _) = Create((_, _) => throw new AssertFailedException("a webhook needs no call to Stripe"));
        var payload = Event("evt_deleted", "customer.subscription.deleted", """{"id":"sub_test_1","object":"subscription"}""");

        Assert.ThrowsExactly<PaymentEventRejectedException>(() => payments.ReadEvent(payload, Signed(payload, "whsec_someone_else")));
        Assert.ThrowsExactly<PaymentEventRejectedException>(() => payments.ReadEvent(payload, ""));
        Assert.ThrowsExactly<PaymentEventRejectedException>(() => payments.ReadEvent(payload, Signed(payload, age: TimeSpan.FromMinutes(6))));
        Assert.IsNotNull(payments.ReadEvent(payload, Signed(payload, age: TimeSpan.FromMinutes(4))));
    }
}
