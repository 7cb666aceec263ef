using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Accounts;

/// <summary>Without <c>Gas:Accounts:Oidc</c>, nothing of OpenID Connect sign-in shows or answers.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class OidcSignInOff
{
    [TestMethod]
    public async Task WithNoProviderConfiguredThereIsNoButtonAndItsRoutesAreNotFound()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();

        foreach (var page in new[] { "/Account/Login", "/Account/Register" })
        {
            var html = await browser.Client.GetStringAsync(page);
            Assert.IsFalse(html.Contains("Sign in with", StringComparison.Ordinal), page);
            Assert.IsFalse(html.Contains("ExternalLogin", StringComparison.Ordinal), page);
        }

        var challenge = await browser.SubmitFormAsync("/Account/Login", [], postUrl: "/Account/ExternalLogin");
        Assert.AreEqual(HttpStatusCode.NotFound, challenge.StatusCode, "a valid antiforgery token, and still no challenge");
        foreach (var url in new[] { "/Account/ExternalLogin", "/Account/ExternalLogin?handler=Callback", "/Account/ExternalLogin?handler=Failed", "/signin-oidc?code=x&state=y" })
        {
            var response = await browser.Client.GetAsync(url);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, url);
        }
    }
}
