using System.Net;
using System.Text;
using Gas.RazorPages.Plans.Stripe;
using Gas.Tests.Aws;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Gas.Tests.Payments.StripeTestApp;

namespace Gas.Tests.Payments;

/// <summary>
/// Upgrading and cancelling through the pages with Stripe configured; Stripe.net's HTTP handler is a stub that answers
/// as Stripe's API does (no Stripe is reachable here), so the pages, the port and Stripe.net run for real.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class StripeCheckoutOverAStubbedHandler
{
    private const string SessionUrl = "https://checkout.stripe.com/c/pay/cs_test_1";

    /// <summary>Stripe's API for one checkout: the session is open until <paramref name="paid"/> says the customer paid.</summary>
    private static StubHandler StripeApi(Func<bool> paid)
    {
        string? buyer = null;
        return new StubHandler((request, body) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path == "/v1/checkout/sessions")
            {
                buyer = Uri.UnescapeDataString(body.Split('&').Single(p => p.StartsWith("client_reference_id=", StringComparison.Ordinal)).Split('=')[1]);
            }

            return path switch
            {
                "/v1/checkout/sessions" or "/v1/checkout/sessions/cs_test_1" => Json($$"""
                    {"id":"cs_test_1","object":"checkout.session","mode":"subscription","url":"{{SessionUrl}}","client_reference_id":"{{buyer}}",
                     "customer":"cus_test_1","subscription":"sub_test_1","status":"{{(paid() ? "complete" : "open")}}","payment_status":"{{(paid() ? "paid" : "unpaid")}}"}
                    """),
                "/v1/subscriptions/sub_test_1" when request.Method == HttpMethod.Delete =>
                    Json("""{"id":"sub_test_1","object":"subscription","status":"canceled"}"""),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound)
                {
                    Content = new StringContent($$$"""{"error":{"type":"invalid_request_error","message":"Unrecognized request URL ({{{path}}})"}}"""),
                },
            };
        });
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static (WebApplicationFactory<Program> App, BrowserSession Browser) Start(GasAppFactory app, StubHandler stripe)
    {
        var withStub = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(StripePayments.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => stripe)));
        return (withStub, new BrowserSession(withStub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })));
    }

    [TestMethod]
    public async Task SubscribingSendsTheUserToStripeAndTheirReturnConfirmsThePaidSession()
    {
        var paid = false;
        var stripe = StripeApi(() => paid);
        using var app = Create();
        var (withStub, browser) = Start(app, stripe);
        using var _ = browser;
        await browser.RegisterAsync();
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe"), "Continue to secure payment");

        var toStripe = await browser.SubmitFormAsync("/subscribe", []);
        Assert.AreEqual(HttpStatusCode.Redirect, toStripe.StatusCode);
        Assert.AreEqual(new Uri(SessionUrl), toStripe.Headers.Location);
        var created = stripe.Requests.Single().Body;
        StringAssert.Contains(created, "client_reference_id=" + await UserIdAsync(browser));
        StringAssert.Contains(created, "success_url=" + Uri.EscapeDataString("http://localhost/subscribe/success?session_id={CHECKOUT_SESSION_ID}"));

        var pending = await browser.Client.GetStringAsync("/subscribe/success?session_id=cs_test_1");
        StringAssert.Contains(pending, "Payment pending", "an unpaid session upgrades nobody");
        paid = true;
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe/success?session_id=cs_test_1"), "Welcome to Premium");
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
        Assert.AreEqual(1, await TakeRestoreRequestsAsync(withStub.Services));

        var cancel = await browser.SubmitFormAsync("/account", [], "/account?handler=Cancel");
        Assert.AreEqual(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.IsTrue(stripe.Requests.Any(r => r.Request.Method == HttpMethod.Delete && r.Request.RequestUri!.AbsolutePath == "/v1/subscriptions/sub_test_1"),
            "the subscription is cancelled with Stripe");
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }

    [TestMethod]
    public async Task AReturnWithSomeoneElsesSessionUpgradesNobody()
    {
        var stripe = StripeApi(() => true);
        using var app = Create();
        var (withStub, buyer) = Start(app, stripe);
        using var _ = buyer;
        await buyer.RegisterAsync();
        await buyer.SubmitFormAsync("/subscribe", []);

        using var other = new BrowserSession(withStub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await other.RegisterAsync();
        StringAssert.Contains(await other.Client.GetStringAsync("/subscribe/success?session_id=cs_test_1"), "Payment pending");
        StringAssert.Contains(await other.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }
}
