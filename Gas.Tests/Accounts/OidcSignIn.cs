using System.Net;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Pages.Account;
using Gas.RazorPages.Plans;
using Gas.Tests.Support;
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
        // Null when Start failed (no provider configured): the failure to report is that one.
        _provider?.Dispose();
        _app?.Dispose();
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

    /// <summary>The stored login (Identity's AspNetUserLogins, in both engines' first migration) works on PostgreSQL too.</summary>
    [TestMethod]
    public async Task OnPostgresTheFirstSignInStoresTheLoginAndTheNextFindsIt()
    {
        await using var postgres = await ThrowawayPostgresDatabase.CreateAsync();
        var settings = OidcTestProvider.Settings();
        settings["Gas:Accounts:Provider"] = "postgres";
        settings["ConnectionStrings:Accounts"] = postgres.ConnectionString;
        Stop();
        _app = new GasAppFactory(settings);
        _provider = OidcTestProvider.NewProviderBrowser();

        using var first = NewBrowser();
        await SignInAndExpectAnnotationsAsync(first);
        var usersAfterFirst = await CountUsersAsync();
        using var second = NewBrowser();
        using var againAtProvider = OidcTestProvider.NewProviderBrowser();
        var (response, address) = await OidcTestProvider.SignInAsync(second, againAtProvider, OidcTestProvider.VerifiedAccount);

        Assert.AreEqual("/annotations", address.AbsolutePath, await response.Content.ReadAsStringAsync());
        Assert.AreEqual(usersAfterFirst, await CountUsersAsync());
        Assert.AreEqual($"{RazorPages.Accounts.OidcSignIn.Scheme}:sub-verified", (await AccountAsync(OidcTestProvider.VerifiedEmail))!.Logins.Single());
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
