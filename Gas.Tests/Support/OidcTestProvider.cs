using System.Net;
using System.Text.RegularExpressions;

namespace Gas.Tests.Support;

/// <summary>
/// The real OpenID Connect provider the test script started (tools/oidc: oidc-provider on loopback, <c>GAS_TEST_OIDC</c>),
/// and a browser that signs in there: it follows redirects between the provider and the app and fills in the provider's
/// development login and consent forms with one of its accounts.
/// </summary>
public static partial class OidcTestProvider
{
    public const string Variable = "GAS_TEST_OIDC";

    /// <summary>The provider's account whose email (<see cref="VerifiedEmail"/>) it says it verified.</summary>
    public const string VerifiedAccount = "verified";

    public const string VerifiedEmail = "researcher@example.org";

    /// <summary>The provider's account whose email (<see cref="UnverifiedEmail"/>) it says it has not verified.</summary>
    public const string UnverifiedAccount = "unverified";

    public const string UnverifiedEmail = "unverified@example.org";

    public const string DisplayName = "Test Provider";

    /// <summary>The app's settings for the provider; fails the test (never skips it) when the test script did not start one.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var authority = Environment.GetEnvironmentVariable(Variable);
        var clientId = Environment.GetEnvironmentVariable($"{Variable}_CLIENT_ID");
        var secret = Environment.GetEnvironmentVariable($"{Variable}_CLIENT_SECRET");
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(secret))
        {
            Assert.Fail($"{Variable}, {Variable}_CLIENT_ID and {Variable}_CLIENT_SECRET are not set. Run the tests through scripts/test.sh, " +
                "which starts oidc-provider (tools/oidc) on loopback and sets them, or wrap the command in scripts/oidc-provider.sh run.");
        }

        return new()
        {
            ["Gas:Accounts:Oidc:Authority"] = authority,
            ["Gas:Accounts:Oidc:ClientId"] = clientId,
            ["Gas:Accounts:Oidc:ClientSecret"] = secret,
            ["Gas:Accounts:Oidc:DisplayName"] = DisplayName,
        };
    }

    /// <summary>
    /// Presses "Sign in with …" on the login page of <paramref name="app"/> (a session at <c>https://localhost</c>) and
    /// walks the redirects, signing in at the provider as <paramref name="account"/> when it asks. Returns the app's first
    /// answer that is not a redirect and the address it came from.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, Uri Address)> SignInAsync(BrowserSession app, HttpClient provider, string account, string returnUrl = "/annotations")
    {
        var login = await app.Client.GetStringAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        StringAssert.Contains(login, $"Sign in with {DisplayName}");
        var response = await app.Client.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(login),
        }));
        var address = new Uri(app.Client.BaseAddress!, "/Account/ExternalLogin");
        for (var step = 0; step < 10; step++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
            {
                return (response, address);
            }

            address = new Uri(address, response.Headers.Location!);
            if (address.Host != app.Client.BaseAddress!.Host)
            {
                address = await FollowAsync(provider, address, account);
            }

            response = await app.Client.GetAsync(address);
        }

        Assert.Fail($"the sign-in did not settle within 10 redirects; last at {address}");
        return default;
    }

    /// <summary>
    /// Opens <paramref name="authorize"/> at the provider and signs in as <paramref name="account"/> when asked (then
    /// consents); returns the first address outside the provider it sends the browser to (the app's callback).
    /// </summary>
    public static async Task<Uri> FollowAsync(HttpClient provider, Uri authorize, string account)
    {
        var address = authorize;
        var response = await provider.GetAsync(address);
        for (var step = 0; step < 20; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
            {
                var next = new Uri(address, response.Headers.Location!);
                if (next.Authority != authorize.Authority)
                {
                    return next;
                }

                address = next;
                response = await provider.GetAsync(address);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"the provider answered {address} with: {html}");
            var form = FormAction().Match(html);
            Assert.IsTrue(form.Success, $"the provider's page at {address} has no form: {html}");
            var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
            if (html.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                fields["login"] = account;
                fields["password"] = "any password: the development login checks none";
            }

            address = new Uri(address, WebUtility.HtmlDecode(form.Groups[1].Value));
            response = await provider.PostAsync(address, new FormUrlEncodedContent(fields));
        }

        Assert.Fail($"the provider did not send the browser back within 20 steps; last at {address}");
        return authorize;
    }

    /// <summary>A browser's connection to the provider: its own cookies (the provider's session), no automatic redirects.</summary>
    public static HttpClient NewProviderBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
