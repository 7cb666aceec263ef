using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Api.Tokens;
using Gas.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Api;

/// <summary>Personal access tokens: made on the account page, shown once, stored hashed, accepted on the API only, revocable, expiring.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class ApiTokens
{
    [TestMethod]
    public async Task ATokenMadeOnTheAccountPageWorksOnTheApiUntilItIsRevoked()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var created = await browser.SubmitFormAsync("/account", new() { ["tokenName"] = "variant-sync 7", ["days"] = "30" }, "/account?handler=CreateToken");
        var page = await created.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode, page);
        Assert.IsTrue(created.Headers.CacheControl?.NoStore, "the page with the token is not cached");
        var token = TokenInPage().Match(page).Groups[1].Value;
        Assert.IsTrue(TokenFormat.IsWellFormed(token), page);
        StringAssert.Contains(page, "shown only this once");
        var listed = await browser.Client.GetStringAsync("/account");
        StringAssert.Contains(listed, "variant-sync 7");
        Assert.DoesNotContain(token, listed, "the token is never shown again");

        using var api = ApiSession.NewClient(app);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.AreEqual(HttpStatusCode.OK, (await api.GetAsync("/api/v1/jobs")).StatusCode);
        StringAssert.DoesNotMatch(await browser.Client.GetStringAsync("/account"), NeverUsed(), "the list shows when it was last used");

        var tokenId = TokenIdInPage().Match(listed).Groups[1].Value;
        var revoked = await browser.SubmitFormAsync("/account", new() { ["tokenId"] = tokenId }, "/account?handler=RevokeToken");
        Assert.AreEqual(HttpStatusCode.Redirect, revoked.StatusCode);

        using var refused = await api.GetAsync("/api/v1/jobs");
        var problem = await ApiSession.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "revoked");
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        StringAssert.StartsWith(challenge, "Bearer");
        StringAssert.Contains(challenge, "error=\"invalid_token\"");
        Assert.DoesNotContain("variant-sync 7", await browser.Client.GetStringAsync("/account"), "a revoked token leaves the list");
    }

    [TestMethod]
    public async Task AnExpiredTokenIsRefusedOnceTheClockPassesItsExpiry()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app, lifetime: TimeSpan.FromDays(1));
        Assert.AreEqual(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/jobs")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(1));

        using var refused = await api.Client.GetAsync("/api/v1/jobs");
        var problem = await ApiSession.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "expired");
        StringAssert.Contains(refused.Headers.WwwAuthenticate.ToString(), "error=\"invalid_token\"");
    }

    [TestMethod]
    public async Task ATokensLastUseThatCannotBeWrittenDoesNotFailTheRequest()
    {
        // the accounts database with a one-second busy timeout, and another connection holding its write lock meanwhile
        var file = Path.Combine(Paths.NewTempDirectory(), "accounts.db");
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Accounts"] = $"Data Source={file};Default Timeout=1" });
        using var api = await ApiSession.NewAsync(app);
        await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await writer.OpenAsync();
            await using (var begin = writer.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            using var busy = await api.Client.GetAsync("/api/v1/jobs");
            Assert.AreEqual(HttpStatusCode.OK, busy.StatusCode, await busy.Content.ReadAsStringAsync());
        }

        Assert.IsNull(await LastUsedAsync(app), "not written while the database was busy");
        using var later = await api.Client.GetAsync("/api/v1/jobs");
        Assert.AreEqual(HttpStatusCode.OK, later.StatusCode);
        Assert.AreEqual(app.Clock.GetUtcNow().ToUnixTimeSeconds(), await LastUsedAsync(app), "the next request writes it");
    }

    private static Task<long?> LastUsedAsync(GasAppFactory app) => app.InScopeAsync(async sp =>
        (await sp.GetRequiredService<AccountsDbContext>().Set<PersonalAccessToken>().SingleAsync()).LastUsedTime);

    [TestMethod]
    public async Task TheDatabaseKeepsOnlyTheTokensHash()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);

        var rows = await app.InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().PersonalAccessTokens.AsNoTracking().ToListAsync());

        var row = rows.Single();
        Assert.AreEqual(TokenFormat.Hash(api.Token), row.TokenHash);
        Assert.AreEqual(api.UserId, row.UserId);
        // the database file and its write-ahead log, read while open: the hash is there, the token is not
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(app.DataDirectory, "accounts.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        StringAssert.Contains(text.ToString(), row.TokenHash);
        Assert.DoesNotContain(api.Token[4..], text.ToString());
    }

    [TestMethod]
    public async Task ABearerTokenDoesNotSignInToThePages()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);

        using var jobs = await api.Client.GetAsync("/annotations");
        using var account = await api.Client.GetAsync("/account");

        Assert.AreEqual(HttpStatusCode.Redirect, jobs.StatusCode);
        StringAssert.StartsWith(jobs.Headers.Location!.ToString(), "http://localhost/Account/Login");
        Assert.AreEqual(HttpStatusCode.Redirect, account.StatusCode, "the account page (where tokens are made) is not reachable with a token");
    }

    [TestMethod]
    public async Task TheApiIgnoresTheSignInCookieAndTheCookieFormsStillNeedTheirAntiforgeryToken()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        using var withCookie = await browser.Client.GetAsync("/api/v1/jobs");
        using var uploadWithCookie = await browser.Client.PostAsync("/api/v1/jobs/uploads",
            new StringContent("{\"fileName\":\"a.vcf\"}", System.Text.Encoding.UTF8, "application/json"));
        using var forged = await browser.Client.PostAsync("/account?handler=CreateToken",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["tokenName"] = "forged", ["days"] = "30" }));

        await ApiSession.AssertProblemAsync(withCookie, HttpStatusCode.Unauthorized);
        await ApiSession.AssertProblemAsync(uploadWithCookie, HttpStatusCode.Unauthorized);
        Assert.AreEqual("Bearer realm=\"GAS\"", withCookie.Headers.WwwAuthenticate.ToString());
        Assert.AreEqual(HttpStatusCode.BadRequest, forged.StatusCode, "a cookie form without its antiforgery token is refused");
        Assert.DoesNotContain("forged", await browser.Client.GetStringAsync("/account"));
    }

    [TestMethod]
    public async Task AnUnknownOrMalformedTokenIsRefusedAsAProblem()
    {
        using var app = new GasAppFactory();
        using var client = ApiSession.NewClient(app);

        using var none = await client.GetAsync("/api/v1/jobs");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFormat.NewToken());
        using var unknown = await client.GetAsync("/api/v1/jobs");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var malformed = await client.GetAsync("/api/v1/jobs");

        await ApiSession.AssertProblemAsync(none, HttpStatusCode.Unauthorized);
        await ApiSession.AssertProblemAsync(unknown, HttpStatusCode.Unauthorized);
        await ApiSession.AssertProblemAsync(malformed, HttpStatusCode.Unauthorized);
        StringAssert.Contains(unknown.Headers.WwwAuthenticate.ToString(), "error=\"invalid_token\"");
    }

    [GeneratedRegex("value=\"(gas_[A-Za-z0-9_-]+)\"")]
    private static partial Regex TokenInPage();

    [GeneratedRegex("name=\"tokenId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex TokenIdInPage();

    [GeneratedRegex("<td><span>never</span></td>")]
    private static partial Regex NeverUsed();
}
