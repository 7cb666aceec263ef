using System.Net;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>
/// Signed-in requests are checked against the user's stamp and plan from memory: a change written through this instance
/// applies on the very next request, one written behind its back (another instance) within the revalidation interval.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class SignInChecks
{
    private const string Password = "Amber-Otter-Lantern-62";

    [TestMethod]
    public async Task AnUpgradeReachesASignedInSessionOnItsNextRequestWithARenewedCookie()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        StringAssert.Contains(await browser.Client.GetStringAsync("/annotations"), "<strong>Free</strong>");

        await app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            return await services.GetRequiredService<PlanChanges>().MakePremiumAsync((await users.FindByEmailAsync(browser.Email))!, null, null);
        });
        var next = await browser.Client.GetAsync("/annotations");

        StringAssert.Contains(await next.Content.ReadAsStringAsync(), "<strong>Premium</strong>");
        Assert.IsTrue(next.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("gas.auth=", StringComparison.Ordinal)),
            "the cookie is re-issued with the new role");
        var after = await browser.Client.GetAsync("/annotations");
        Assert.IsFalse(after.Headers.TryGetValues("Set-Cookie", out var again) && again.Any(c => c.StartsWith("gas.auth=", StringComparison.Ordinal)),
            "and only once");
    }

    [TestMethod]
    public async Task ACookieIsRefusedOnTheNextRequestAfterAPasswordChangeThroughThisInstance()
    {
        using var app = new GasAppFactory();
        var (email, cookie) = await SignInAsync(app);
        using var thief = Thief(app);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(thief, cookie)).StatusCode);

        await app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            return await users.ChangePasswordAsync(user, Password, "Violet-Badger-Harbour-31");
        });

        var replay = await GetAsync(thief, cookie);
        Assert.AreEqual(HttpStatusCode.Redirect, replay.StatusCode);
        StringAssert.Contains(replay.Headers.Location!.ToString(), "/Account/Login");
    }

    [TestMethod]
    public async Task AStampChangedByAnotherInstanceRefusesTheCookieOnceTheIntervalHasPassed()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Accounts:CookieRevalidationInterval"] = "00:00:30" });
        var (email, cookie) = await SignInAsync(app);
        using var thief = Thief(app);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(thief, cookie)).StatusCode, "remembered from here on");

        ChangeStampBehindTheAppsBack(app, email);

        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(thief, cookie)).StatusCode, "within the interval this instance does not know yet");
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var replay = await GetAsync(thief, cookie);
        Assert.AreEqual(HttpStatusCode.Redirect, replay.StatusCode, "past it, the stamp is read again");
        StringAssert.Contains(replay.Headers.Location!.ToString(), "/Account/Login");
    }

    [TestMethod]
    public async Task WithAZeroIntervalAStampChangedByAnotherInstanceRefusesTheNextRequest()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Accounts:CookieRevalidationInterval"] = "00:00:00" });
        var (email, cookie) = await SignInAsync(app);
        using var thief = Thief(app);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(thief, cookie)).StatusCode);

        ChangeStampBehindTheAppsBack(app, email);

        Assert.AreEqual(HttpStatusCode.Redirect, (await GetAsync(thief, cookie)).StatusCode);
    }

    private static async Task<(string Email, string Cookie)> SignInAsync(GasAppFactory app)
    {
        using var session = app.NewSession();
        await session.RegisterAsync(password: Password);
        var login = await session.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = session.Email, ["Input.Password"] = Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("gas.auth=", StringComparison.Ordinal));
        return (session.Email, cookie);
    }

    private static HttpClient Thief(GasAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/annotations");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>What another web instance's logout does to the shared database, without this instance hearing of it.</summary>
    private static void ChangeStampBehindTheAppsBack(GasAppFactory app, string email)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "accounts.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE AspNetUsers SET SecurityStamp = $stamp WHERE NormalizedEmail = $email";
        command.Parameters.AddWithValue("$stamp", Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        Assert.AreEqual(1, command.ExecuteNonQuery());
    }
}
