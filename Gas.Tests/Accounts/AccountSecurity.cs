using System.Net;
using System.Text.RegularExpressions;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Pages.Account;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>Sign-up and sign-in tell nobody which addresses have accounts; logging out ends the session on the server.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class AccountSecurity
{
    private GasAppFactory _app = null!;

    [TestInitialize]
    public void Start() => _app = new GasAppFactory();

    [TestCleanup]
    public void Stop() => _app.Dispose();

    [TestMethod]
    public async Task RegisteringATakenAddressAnswersExactlyAsANewOneAndTellsItsOwner()
    {
        var email = $"taken-{Guid.NewGuid():N}@example.org";
        using var first = _app.NewSession();
        using var second = _app.NewSession();

        var (newStatus, newLocation, newPage) = await RegisterAsync(first, email, "Amber-Otter-Lantern-62");
        var (takenStatus, takenLocation, takenPage) = await RegisterAsync(second, email, "Quiet-Walrus-Meadow-19");

        Assert.AreEqual(HttpStatusCode.Redirect, newStatus);
        Assert.AreEqual(newStatus, takenStatus);
        Assert.AreEqual(newLocation, takenLocation);
        Assert.AreEqual(newPage, takenPage);
        StringAssert.Contains(newPage, WebUtility.HtmlEncode(RegisterModel.Received));
        var mail = MailTo(email);
        Assert.IsTrue(mail.Any(m => m.Contains("Subject: GAS: your account is ready", StringComparison.Ordinal)), string.Join("\n---\n", mail));
        Assert.IsTrue(mail.Any(m => m.Contains("Subject: GAS: someone tried to register your address", StringComparison.Ordinal)), string.Join("\n---\n", mail));
        await second.LoginAsync(email, "Amber-Otter-Lantern-62");
    }

    [TestMethod]
    public async Task AGuessablePasswordIsRefusedWhetherOrNotTheAddressIsTaken()
    {
        var email = $"weak-{Guid.NewGuid():N}@example.org";
        using var owner = _app.NewSession();
        using var newcomer = _app.NewSession();
        await owner.RegisterAsync(email);

        var (takenStatus, _, takenPage) = await RegisterAsync(owner, email, "Password1");
        var (newStatus, _, newPage) = await RegisterAsync(newcomer, $"other-{email}", "Password1");

        Assert.AreEqual(HttpStatusCode.OK, takenStatus);
        Assert.AreEqual(HttpStatusCode.OK, newStatus);
        StringAssert.Contains(takenPage, "too easy to guess");
        Assert.AreEqual(Errors(takenPage), Errors(newPage));
    }

    [TestMethod]
    public async Task AnUnknownAddressAWrongPasswordAndALockedAccountGetTheSameAnswer()
    {
        using var owner = _app.NewSession();
        await owner.RegisterAsync();
        using var locked = _app.NewSession();
        await locked.RegisterAsync();
        await _app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<GasUser>>();
            var user = await users.FindByEmailAsync(locked.Email);
            return await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddDays(1));
        });

        var unknown = await LoginPageAsync($"nobody-{Guid.NewGuid():N}@example.org", "Amber-Otter-Lantern-62");
        var wrong = await LoginPageAsync(owner.Email, "Not-The-Right-One-77");
        var lockedOut = await LoginPageAsync(locked.Email, "Amber-Otter-Lantern-62");

        StringAssert.Contains(unknown, WebUtility.HtmlEncode(LoginModel.Refusal));
        Assert.AreEqual(unknown, wrong);
        Assert.AreEqual(unknown, lockedOut);
    }

    [TestMethod]
    public async Task ACookieReplayedAfterLogoutIsSentToSignIn()
    {
        using var session = _app.NewSession();
        await session.RegisterAsync();
        var login = await session.SubmitFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = session.Email,
            ["Input.Password"] = "Amber-Otter-Lantern-62",
        });
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("gas.auth=", StringComparison.Ordinal));
        using var thief = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.AreEqual(HttpStatusCode.OK, (await GetWithCookieAsync(thief, cookie)).StatusCode, "the captured cookie works before logout");

        var logout = await session.SubmitFormAsync("/Account/Logout", []);
        Assert.AreEqual(HttpStatusCode.Redirect, logout.StatusCode);
        // Cookies carry their issue time to the second; move both clocks past it.
        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var replay = await GetWithCookieAsync(thief, cookie);

        Assert.AreEqual(HttpStatusCode.Redirect, replay.StatusCode);
        StringAssert.Contains(replay.Headers.Location!.ToString(), "/Account/Login");
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/annotations");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Posts the registration form; the answer's status, where it leads, and that page without its per-request token.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Page)> RegisterAsync(BrowserSession session, string email, string password)
    {
        var response = await session.SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Name"] = "Same Name",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        var location = response.Headers.Location?.ToString();
        var page = location is null ? await response.Content.ReadAsStringAsync() : await session.Client.GetStringAsync(location);
        return (response.StatusCode, location, WithoutToken(page));
    }

    private async Task<string> LoginPageAsync(string email, string password)
    {
        using var session = _app.NewSession();
        var response = await session.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        // The form echoes the address typed; everything else must be the same.
        return WithoutToken(await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal);
    }

    private List<string> MailTo(string email) =>
        [.. Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "mail"), "*.eml")
            .Select(File.ReadAllText)
            .Where(text => text.Contains(email, StringComparison.OrdinalIgnoreCase))];

    private static string Errors(string page) => string.Join("|", ErrorPattern().Matches(page).Select(m => m.Value));

    private static string WithoutToken(string page) => TokenPattern().Replace(page, "TOKEN");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<li>[^<]*</li>")]
    private static partial Regex ErrorPattern();
}
