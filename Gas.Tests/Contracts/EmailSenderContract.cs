using Gas.Core.Email;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

/// <summary>Mail reaches the mailbox: the pickup folder (embedded) or maildev over SMTP (aws, standing in for SES's SMTP interface).</summary>
[TestClass]
[TestCategory("Contract")]
public sealed class EmailSenderContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DeliversTheMessageFromTheConfiguredSender(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var to = $"user-{Guid.NewGuid():N}@example.test";

        await adapters.Email.SendAsync(new EmailMessage(to, "Results ready for job 42", "Your annotation job 42 is complete.\nhttps://gas.test/annotations/42",
            "<p>Your annotation job 42 is complete.</p>"));

        var mail = await Wait.ForAsync(async () => (await adapters.MailboxAsync(to)).SingleOrDefault(), $"the message to {to} arrives");
        Assert.AreEqual("Results ready for job 42", mail.Subject);
        Assert.AreEqual("gas@example.test", mail.From);
        StringAssert.Contains(mail.Text, "https://gas.test/annotations/42");
    }
}
