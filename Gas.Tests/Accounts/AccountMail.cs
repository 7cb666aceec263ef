using System.Net;
using System.Text.RegularExpressions;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>Account emails are HTML with a text part, link to where the service really listens, and show their links in the mailbox.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class AccountMail
{
    [TestMethod]
    public async Task WithoutAPublicAddressTheResetLinkPointsAtTheAddressKestrelListensOn()
    {
        using var app = new GasAppFactory();
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        // A real client over the real socket (the factory's own client would go to the in-memory server).
#pragma warning disable CA2000 // the session disposes the client, which disposes the handler
        using var owner = new BrowserSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(listening) });
#pragma warning restore CA2000
        await owner.RegisterAsync();

        await owner.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = owner.Email });
        var mail = await MailFolder.WaitForAsync(app, owner.Email, "choose a new password");

        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        StringAssert.StartsWith(link, listening.TrimEnd('/') + "/Account/ResetPassword?", mail.TextBody);
        StringAssert.Contains(mail.HtmlBody, $"<a href=\"{WebUtility.HtmlEncode(link)}\">");
        using var stranger = new HttpClient();
        var opened = await stranger.GetAsync(new Uri(link));
        Assert.AreEqual(HttpStatusCode.OK, opened.StatusCode, "the link works from outside the test client");
        StringAssert.Contains(await opened.Content.ReadAsStringAsync(), "Choose a new password");
    }

    [TestMethod]
    public async Task TheMailboxShowsTheTextEscapedAndTheHtmlPartsLinksAsLinks()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Util:PublicBaseUrl"] = "https://gas.example.org/" });
        using var owner = app.NewSession();
        await owner.RegisterAsync();

        var page = await owner.Client.GetStringAsync("/dev/mailbox");

        StringAssert.Contains(page, "GAS: your account is ready");
        StringAssert.Contains(page, "<li><a href=\"https://gas.example.org/Account/Login\" rel=\"noopener noreferrer\">https://gas.example.org/Account/Login</a></li>");
        Assert.DoesNotContain("<p>Hello", page, "the HTML part itself is never rendered");
    }

    [GeneratedRegex("""https?://\S+/Account/ResetPassword\?\S+""")]
    private static partial Regex LinkPattern();
}
