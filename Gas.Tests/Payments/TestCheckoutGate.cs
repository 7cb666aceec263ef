using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Payments;

/// <summary>
/// The test checkout makes anyone Premium with a test card, so it runs only in Development (embedded mode) or when turned on
/// explicitly, never in aws mode; a production server without Stripe says upgrades are unavailable.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class TestCheckoutGate
{
    private static Dictionary<string, string> ApprovedCard(string token) => new()
    {
        ["Input.CardNumber"] = "4242 4242 4242 4242",
        ["Input.Expiry"] = "12/40",
        ["Input.Cvc"] = "123",
        ["__RequestVerificationToken"] = token,
    };

    [TestMethod]
    public async Task InProductionWithoutStripeUpgradesAreUnavailableAndTheTestCheckoutIsRefused()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var subscribe = await browser.Client.GetStringAsync("/subscribe");
        StringAssert.Contains(subscribe, "Upgrades are unavailable");
        Assert.IsFalse(subscribe.Contains("test checkout", StringComparison.OrdinalIgnoreCase), subscribe);
        Assert.AreEqual(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/subscribe/checkout")).StatusCode);

        // A token from a page that has a form, so only the missing checkout can refuse the payment.
        var token = BrowserSession.AntiforgeryToken(await browser.Client.GetStringAsync("/Account/Logout"));
        var paid = await browser.Client.PostAsync("/subscribe/checkout", new FormUrlEncodedContent(ApprovedCard(token)));
        Assert.AreEqual(HttpStatusCode.NotFound, paid.StatusCode);

        var start = await browser.Client.PostAsync("/subscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, start.StatusCode, start.Headers.Location?.ToString());
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Free</dd>");
    }

    [TestMethod]
    public async Task InDevelopmentTheTestCheckoutTakesATestCard()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["environment"] = "Development" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe"), "Continue to the test checkout");

        var token = BrowserSession.AntiforgeryToken(await browser.Client.GetStringAsync("/subscribe/checkout"));
        var paid = await browser.Client.PostAsync("/subscribe/checkout", new FormUrlEncodedContent(ApprovedCard(token)));
        Assert.AreEqual("/subscribe/success", paid.Headers.Location?.ToString());
        StringAssert.Contains(await browser.Client.GetStringAsync("/account"), "<dd>Premium</dd>");
    }

    [TestMethod]
    public async Task TurnedOnExplicitlyTheTestCheckoutRunsOutsideDevelopment()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Gas:Payments:TestCheckout"] = "true",
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        StringAssert.Contains(await browser.Client.GetStringAsync("/subscribe/checkout"), "TEST MODE");
    }

    [TestMethod]
    public void TurnedOnInAwsModeTheTestCheckoutStopsStartUp()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Provider"] = "aws",
            ["Gas:Payments:TestCheckout"] = "true",
        });

        var error = Assert.Throws<Exception>(() => app.CreateClient());
        // ToString carries every inner exception's message.
        StringAssert.Contains(error.ToString(), "Gas:Payments:TestCheckout=true is refused when Gas:Provider is aws");
    }

    [TestMethod]
    public void TheTestCheckoutAndStripeTogetherStopStartUp()
    {
        var settings = StripeTestApp.Settings();
        settings["Gas:Payments:TestCheckout"] = "true";
        using var app = new GasAppFactory(settings);

        var error = Assert.Throws<Exception>(() => app.CreateClient());
        StringAssert.Contains(error.ToString(), "choose one way to take payments");
    }
}
