using System.Net;
using System.Text.RegularExpressions;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Pages.Account;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>"Forgot password" resets through an emailed link, once, with the registration strength check, and tells nobody who has an account.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class PasswordReset
{
    private const string OldPassword = "Amber-Otter-Lantern-62";
    private const string NewPassword = "Copper-Heron-Orchard-85";

    private GasAppFactory _app = null!;

    [TestInitialize]
    public void Start() => _app = new GasAppFactory();

    [TestCleanup]
    public void Stop() => _app.Dispose();

    [TestMethod]
    public async Task TheEmailedLinkSetsANewPasswordOnceAndChangesTheSecurityStamp()
    {
        using var owner = _app.NewSession();
        await owner.RegisterAsync();
        var stampBefore = await StampAsync(owner.Email);
        using var visitor = _app.NewSession();

        await AskForLinkAsync(visitor, owner.Email);
        var link = await LinkAsync(owner.Email);
        var reset = await ResetAsync(visitor, link, NewPassword);

        Assert.AreEqual(HttpStatusCode.Redirect, reset.StatusCode, await reset.Content.ReadAsStringAsync());
        StringAssert.Contains(await visitor.Client.GetStringAsync(reset.Headers.Location), WebUtility.HtmlEncode(ResetPasswordModel.Done));
        Assert.AreNotEqual(stampBefore, await StampAsync(owner.Email));
        await _app.NewSession().LoginAsync(owner.Email, NewPassword);
        var old = await _app.NewSession().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = owner.Email, ["Input.Password"] = OldPassword });
        Assert.AreEqual(HttpStatusCode.OK, old.StatusCode, "the old password no longer signs in");

        var again = await ResetAsync(_app.NewSession(), link, "Violet-Badger-Harbour-31");
        Assert.AreEqual(HttpStatusCode.OK, again.StatusCode);
        StringAssert.Contains(await again.Content.ReadAsStringAsync(), WebUtility.HtmlEncode(ResetPasswordModel.BadLink));
        await _app.NewSession().LoginAsync(owner.Email, NewPassword);
    }

    [TestMethod]
    public async Task AskingForALinkAnswersAKnownAndAnUnknownAddressAlike()
    {
        using var owner = _app.NewSession();
        await owner.RegisterAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";

        var known = await AskForLinkAsync(_app.NewSession(), owner.Email);
        var stranger = await AskForLinkAsync(_app.NewSession(), unknown);

        Assert.AreEqual(known, stranger);
        StringAssert.Contains(known, WebUtility.HtmlEncode(ForgotPasswordModel.Sent));
        await LinkAsync(owner.Email);
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "mail"), "*.eml")
            .Any(path => File.ReadAllText(path).Contains(unknown, StringComparison.OrdinalIgnoreCase)), "no mail goes to an address without an account");
    }

    [TestMethod]
    public async Task AGuessableNewPasswordIsRefusedLikeAtRegistrationAndChangesNothing()
    {
        using var owner = _app.NewSession();
        await owner.RegisterAsync();
        var stampBefore = await StampAsync(owner.Email);
        using var visitor = _app.NewSession();
        await AskForLinkAsync(visitor, owner.Email);
        var link = await LinkAsync(owner.Email);

        var weak = await ResetAsync(visitor, link, "Password1");

        Assert.AreEqual(HttpStatusCode.OK, weak.StatusCode);
        StringAssert.Contains(await weak.Content.ReadAsStringAsync(), "too easy to guess");
        Assert.AreEqual(stampBefore, await StampAsync(owner.Email));
        Assert.AreEqual(HttpStatusCode.Redirect, (await ResetAsync(visitor, link, NewPassword)).StatusCode, "the link still works after a refused password");
    }

    [TestMethod]
    public async Task TheResetFormsRefuseAPostWithoutTheAntiforgeryToken()
    {
        using var session = _app.NewSession();
        foreach (var path in new[] { "/Account/ForgotPassword", "/Account/ResetPassword" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "someone@example.org",
                ["Input.Token"] = "x",
                ["Input.Password"] = NewPassword,
                ["Input.ConfirmPassword"] = NewPassword,
            });
            var response = await session.Client.PostAsync(path, form);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, path);
        }
    }

    [TestMethod]
    public async Task RegistrationKeepsTheAddressAfterAnErrorAndSaysWhatIsWrongInWords()
    {
        using var session = _app.NewSession();
        var email = $"typo-{Guid.NewGuid():N}@example.org";

        var mismatch = await session.SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = OldPassword,
            ["Input.ConfirmPassword"] = OldPassword + "x",
        });
        var empty = await session.SubmitFormAsync("/Account/Register", new() { ["Input.Email"] = "", ["Input.Password"] = "", ["Input.ConfirmPassword"] = "" });

        var page = await mismatch.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, mismatch.StatusCode);
        StringAssert.Contains(page, $"value=\"{email}\"");
        StringAssert.Contains(page, "The passwords do not match.");
        var emptyPage = await empty.Content.ReadAsStringAsync();
        StringAssert.Contains(emptyPage, "Please enter your email address.");
        StringAssert.Contains(emptyPage, "Please choose a password.");
        Assert.IsFalse(emptyPage.Contains("field is required", StringComparison.Ordinal), "no framework wording");
    }

    private static async Task<string> AskForLinkAsync(BrowserSession session, string email)
    {
        var response = await session.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
        return TokenPattern().Replace(await session.Client.GetStringAsync(response.Headers.Location), "TOKEN");
    }

    /// <summary>The reset link from the email, as a path and query on this app.</summary>
    private async Task<string> LinkAsync(string email)
    {
        var message = await MailFolder.WaitForAsync(_app, email, "choose a new password");
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.IsTrue(match.Success, message.TextBody);
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>Opens the link and submits its form: the address and code the link carries, and the password typed twice.</summary>
    private static Task<HttpResponseMessage> ResetAsync(BrowserSession session, string link, string password)
    {
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query);
        return session.SubmitFormAsync(link, new()
        {
            ["Input.Email"] = query["email"].ToString(),
            ["Input.Token"] = query["token"].ToString(),
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }, "/Account/ResetPassword");
    }

    private Task<string?> StampAsync(string email) => _app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<GasUser>>();
        return (await users.FindByEmailAsync(email))!.SecurityStamp;
    });

    [GeneratedRegex("""https?://\S+/Account/ResetPassword\?\S+""")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();
}
