using System.Net;
using Gas.Core.Email;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>The dev mailbox page asks the <see cref="IMailbox"/> port: the pickup folder's mail, or word that mail goes out by SMTP.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Mailbox
{
    [TestMethod]
    public async Task ARecipientSeesTheirMailUnderTwoHundredNewerMessagesToOthers()
    {
        using var app = new GasAppFactory();
        using var user = app.NewSession();
        await user.RegisterAsync();
        var sender = app.Services.GetRequiredService<IEmailSender>();
        await sender.SendAsync(new EmailMessage(user.Email, "Your results are ready", "job 1"));
        for (var i = 0; i < 210; i++)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(10));
            await sender.SendAsync(new EmailMessage($"other-{i}@example.org", $"Someone else's mail {i}", "x"));
        }

        var page = await user.Client.GetStringAsync("/dev/mailbox");

        StringAssert.Contains(page, "Your results are ready");
        Assert.DoesNotContain("Someone else", page);
        StringAssert.Contains(page, "href=\"/dev/mailbox\"", "the navigation offers the mailbox");
    }

    [TestMethod]
    public async Task WithMailGoingOutBySmtpThePageSaysSoAndTheNavigationHidesIt()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Email:Smtp:Host"] = "smtp.example.org",
            ["Gas:Email:Smtp:Port"] = "587",
        });
        using var user = app.NewSession();
        await user.RegisterAsync();

        var response = await user.Client.GetAsync("/dev/mailbox");
        var page = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        StringAssert.Contains(page, "mail goes out by SMTP through smtp.example.org:587");
        Assert.DoesNotContain("href=\"/dev/mailbox\"", page);
        Assert.IsFalse(app.Services.GetRequiredService<IMailbox>().IsAvailable);
    }
}
