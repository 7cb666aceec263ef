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
        Assert.IsFalse(string.IsNullOrEmpty(mail.MessageId), "every message gets a Message-ID");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task SendsAGivenMessageIdSoARetransmissionIsTheSameMessage(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var to = $"user-{Guid.NewGuid():N}@example.test";
        var id = $"job-{Guid.NewGuid():N}.completed@example.test";
        var message = new EmailMessage(to, "Job complete", "Your annotation job is complete.", MessageId: id);

        // as a notifier killed after the server accepted the message, before recording it, would send it twice
        await adapters.Email.SendAsync(message);
        await adapters.Email.SendAsync(message);

        var mails = await Wait.ForAsync(async () => await adapters.MailboxAsync(to) is { Count: 2 } both ? both : null, $"both transmissions to {to} arrive");
        Assert.IsTrue(mails.All(m => m.MessageId == id), "both carry the given id: " + string.Join(", ", mails.Select(m => m.MessageId)));
    }
}
