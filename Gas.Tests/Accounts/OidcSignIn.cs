using System.Net;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Pages.Account;
using Gas.RazorPages.Plans;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>
/// Sign-in through a real OpenID Connect provider (oidc-provider, started by the test script): the first sign-in creates
/// or links the account by verified email only, later ones find it by the stored login, and the session it leaves is an
/// ordinary GAS session. The app runs at https://localhost, the address the provider knows as a redirect URI.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class OidcSignIn
{
    private GasAppFactory _app = null!;
    private HttpClient _provider = null!;

    [TestInitialize]
    public void Start()
    {
        _app = new GasAppFactory(OidcTestProvider.Settings());
        _provider = OidcTestProvider.NewProviderBrowser();
    }

    [TestCleanup]
    public void Stop()
    {
        _provider.Dispose();
        _app.Dispose();
    }

    [TestMethod]
    public async Task TheFirstSignInCreatesAFreeAccountAndLandsSignedIn()
    {
        using var browser = NewBrowser();

        var (response, address) = await OidcTestProvider.SignInAsync(browser, _provider, OidcTestProvider.VerifiedAccount);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual("/annotations", address.AbsolutePath);
        var page = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(page, $"{OidcTestProvider.VerifiedEmail} · <strong>Free</strong>");
        var account = await AccountAsync(OidcTestProvider.VerifiedEmail);
        Assert.IsNotNull(account);
        Assert.AreEqual("Rosalind Researcher", account.User.DisplayName);
        Assert.IsTrue(account.User.EmailConfirmed);
        Assert.IsNull(account.User.PasswordHash, "an account made by the provider has no password");
        CollectionAssert.AreEqual(new[] { GasRoles.Free }, account.Roles.ToArray());
        Assert.AreEqual($"{RazorPages.Accounts.OidcSignIn.Scheme}:sub-verified", account.Logins.Single());
    }

    [TestMethod]
    public async Task ALaterSignInFindsTheAccountByItsLoginEvenAfterItsEmailChanged()
    {
        using var first = NewBrowser();
        await SignInAndExpectAnnotationsAsync(first);
        var id = (await AccountAsync(OidcTestProvider.VerifiedEmail))!.User.Id;
        var usersBefore = await CountUsersAsync();
        await _app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            var user = (await users.FindByIdAsync(id))!;
            return await users.SetEmailAsync(user, "moved@example.org");
        });

        using var second = NewBrowser();
        using var againAtProvider = OidcTestProvider.NewProviderBrowser();
        var (response, address) = await OidcTestProvider.SignInAsync(second, againAtProvider, OidcTestProvider.VerifiedAccount);

        Assert.AreEqual("/annotations", address.AbsolutePath, await response.Content.ReadAsStringAsync());
        Assert.IsNull(await AccountAsync(OidcTestProvider.VerifiedEmail), "no second account was made for the provider's email");
        Assert.AreEqual(id, (await AccountAsync("moved@example.org"))!.User.Id);
        Assert.AreEqual(usersBefore, await CountUsersAsync());
    }

    [TestMethod]
    public async Task AnExistingLocalAccountWithTheVerifiedEmailIsLinkedNotDuplicated()
    {
        using var local = _app.NewSession();
        await local.RegisterAsync(OidcTestProvider.VerifiedEmail, "Amber-Otter-Lantern-62");
        var id = (await AccountAsync(OidcTestProvider.VerifiedEmail))!.User.Id;
        var usersBefore = await CountUsersAsync();

        using var browser = NewBrowser();
        await SignInAndExpectAnnotationsAsync(browser);

        var account = (await AccountAsync(OidcTestProvider.VerifiedEmail))!;
        Assert.AreEqual(id, account.User.Id);
        Assert.AreEqual(usersBefore, await CountUsersAsync());
        Assert.AreEqual($"{RazorPages.Accounts.OidcSignIn.Scheme}:sub-verified", account.Logins.Single());
        using var withPassword = _app.NewSession();
        await withPassword.LoginAsync(OidcTestProvider.VerifiedEmail, "Amber-Otter-Lantern-62");
    }

    [TestMethod]
    public async Task AnUnverifiedEmailIsRefusedAndNothingIsCreatedOrLinked()
    {
        using var local = _app.NewSession();
        await local.RegisterAsync(OidcTestProvider.UnverifiedEmail, "Amber-Otter-Lantern-62");
        var usersBefore = await CountUsersAsync();

        using var browser = NewBrowser();
        var (response, address) = await OidcTestProvider.SignInAsync(browser, _provider, OidcTestProvider.UnverifiedAccount);

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("/Account/ExternalLogin", address.AbsolutePath);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), WebUtility.HtmlEncode(ExternalSignIn.UnverifiedEmail));
        Assert.AreEqual(usersBefore, await CountUsersAsync());
        Assert.AreEqual(0, (await AccountAsync(OidcTestProvider.UnverifiedEmail))!.Logins.Count, "the local account with that email was not linked");
        var annotations = await browser.Client.GetAsync("/annotations");
        Assert.AreEqual(HttpStatusCode.Redirect, annotations.StatusCode, "the refused browser is not signed in");
        StringAssert.StartsWith(annotations.Headers.Location!.AbsolutePath, "/Account/Login");
    }

    [TestMethod]
    public async Task TheSessionFollowsPlanChangesAndEndsWhenTheSecurityStampChanges()
    {
        using var browser = NewBrowser();
        await SignInAndExpectAnnotationsAsync(browser);
        var id = (await AccountAsync(OidcTestProvider.VerifiedEmail))!.User.Id;

        await _app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            return await services.GetRequiredService<PlanChanges>().MakePremiumAsync((await users.FindByIdAsync(id))!, null, null);
        });
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"), "· <strong>Premium</strong>");

        await _app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            return await users.UpdateSecurityStampAsync((await users.FindByIdAsync(id))!);
        });
        var after = await browser.Client.GetAsync("/annotations");
        Assert.AreEqual(HttpStatusCode.Redirect, after.StatusCode);
        StringAssert.StartsWith(after.Headers.Location!.AbsolutePath, "/Account/Login");
    }

    [TestMethod]
    public async Task AnAccountWithoutAPasswordStillHasItsAccountPageAndCanAskForAPassword()
    {
        using var browser = NewBrowser();
        await SignInAndExpectAnnotationsAsync(browser);

        var account = await browser.Client.GetAsync("/account");
        Assert.AreEqual(HttpStatusCode.OK, account.StatusCode);
        StringAssert.Contains(await account.Content.ReadAsStringAsync(), OidcTestProvider.VerifiedEmail);

        using var stranger = NewBrowser();
        var forgot = await stranger.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = OidcTestProvider.VerifiedEmail });
        Assert.AreEqual(HttpStatusCode.Redirect, forgot.StatusCode, await forgot.Content.ReadAsStringAsync());
        var login = await stranger.SubmitFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = OidcTestProvider.VerifiedEmail,
            ["Input.Password"] = "Amber-Otter-Lantern-62",
        });
        Assert.AreEqual(HttpStatusCode.OK, login.StatusCode, "a password sign-in is refused, not an error");
        StringAssert.Contains(await login.Content.ReadAsStringAsync(), WebUtility.HtmlEncode(LoginModel.Refusal));
    }

    [TestMethod]
    public async Task TheChallengeNeedsTheAntiforgeryToken()
    {
        using var browser = NewBrowser();
        await browser.Client.GetStringAsync("/Account/Login");

        var response = await browser.Client.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsNull(response.Headers.Location, "no redirect to the provider");
    }

    [TestMethod]
    public async Task TheLoginAndRegisterPagesOfferTheProvider()
    {
        using var browser = NewBrowser();

        foreach (var page in new[] { "/Account/Login", "/Account/Register" })
        {
            var html = await browser.Client.GetStringAsync(page);
            StringAssert.Contains(html, "action=\"/Account/ExternalLogin\"", page);
            StringAssert.Contains(html, $"Sign in with {OidcTestProvider.DisplayName}", page);
        }
    }

    [TestMethod]
    public async Task ABrokenCallbackShowsARefusalPageNotAnError()
    {
        using var browser = NewBrowser();

        var callback = await browser.Client.GetAsync("/signin-oidc?code=forged&state=forged");
        Assert.AreEqual(HttpStatusCode.Redirect, callback.StatusCode);
        var page = await browser.Client.GetAsync(callback.Headers.Location);

        Assert.AreEqual(HttpStatusCode.Forbidden, page.StatusCode);
        StringAssert.Contains(await page.Content.ReadAsStringAsync(), WebUtility.HtmlEncode(ExternalSignIn.Incomplete));
        Assert.AreEqual(1, await CountUsersAsync(), "only the administrator exists");
    }

    /// <summary>Behind the load balancer (a known proxy, X-Forwarded-Proto: https, the public Host) the provider is told the public callback.</summary>
    [TestMethod]
    public async Task BehindTheProxyTheProviderIsGivenThePublicCallbackAndAcceptsIt()
    {
        var settings = OidcTestProvider.Settings();
        settings["Gas:Web:KnownProxies:0"] = "127.0.0.1";
        var port = FreeLoopbackPort();
        using var factory = new GasAppFactory(settings);
        using var app = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        // The cookies are Secure (the app believes the request came over HTTPS), so they are carried by hand over loopback HTTP.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var cookies = new Dictionary<string, string>();

        using var login = await SendThroughProxyAsync(client, HttpMethod.Get, $"http://127.0.0.1:{port}/Account/Login", cookies);
        var html = await login.Content.ReadAsStringAsync();
        using var challenge = await SendThroughProxyAsync(client, HttpMethod.Post, $"http://127.0.0.1:{port}/Account/ExternalLogin", cookies,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html) }));

        Assert.AreEqual(HttpStatusCode.Redirect, challenge.StatusCode, await challenge.Content.ReadAsStringAsync());
        var authorize = challenge.Headers.Location!;
        StringAssert.StartsWith(authorize.ToString(), settings["Gas:Accounts:Oidc:Authority"]);
        // The handler pushes the authorization request (PAR), so the callback travels in the back channel, not in this
        // URL; where the provider sends the browser in the end shows what it was given and accepted.
        using var provider = OidcTestProvider.NewProviderBrowser();
        var callback = await OidcTestProvider.FollowAsync(provider, authorize, OidcTestProvider.VerifiedAccount);
        Assert.AreEqual("https://gas.example.org/signin-oidc", callback.GetLeftPart(UriPartial.Path));
        StringAssert.Contains(callback.Query, "code=");
    }

    private static async Task<HttpResponseMessage> SendThroughProxyAsync(
        HttpClient client, HttpMethod method, string url, Dictionary<string, string> cookies, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Host = "gas.example.org";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return response;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private BrowserSession NewBrowser() => new(_app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    private async Task SignInAndExpectAnnotationsAsync(BrowserSession browser)
    {
        var (response, address) = await OidcTestProvider.SignInAsync(browser, _provider, OidcTestProvider.VerifiedAccount);
        Assert.AreEqual("/annotations", address.AbsolutePath, await response.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record Account(GasUser User, IList<string> Roles, IReadOnlyList<string> Logins);

    private Task<Account?> AccountAsync(string email) => _app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<GasUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return null;
        }

        var logins = await users.GetLoginsAsync(user);
        return new Account(user, await users.GetRolesAsync(user), logins.Select(l => $"{l.LoginProvider}:{l.ProviderKey}").ToList());
    });

    private Task<int> CountUsersAsync() => _app.InScopeAsync(services => services.GetRequiredService<AccountsDbContext>().Users.CountAsync());
}
