using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.RazorPages.Util.Notify;
using Gas.RazorPages.Util.Queues;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gas.Tests.Util;

/// <summary>Users get an email when a job finishes, either way, with a link to the job's page.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Notifications
{
    private static Task<MimeMessage> WaitForMailAsync(GasAppFactory app, string to, string subjectPart) =>
        MailFolder.WaitForAsync(app, to, subjectPart);

    [TestMethod]
    public async Task ACompletedJobEmailsItsOwnerALinkToTheJob()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf")));

        var mail = await WaitForMailAsync(app, browser.Email, $"{jobId} is complete");
        StringAssert.Contains(mail.TextBody, $"http://localhost:5000/annotations/{jobId}");
        StringAssert.Contains(mail.HtmlBody, $"href=\"http://localhost:5000/annotations/{jobId}\"");

        StringAssert.Contains(await browser.Client.GetStringAsync("/dev/mailbox"), $"{jobId} is complete");
        using var other = app.NewSession();
        await other.RegisterAsync();
        Assert.IsFalse((await other.Client.GetStringAsync("/dev/mailbox")).Contains(jobId, StringComparison.Ordinal), "others' mail stays private");
    }

    [TestMethod]
    public async Task AFailedJobEmailsTheReason()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("bad.vcf", "not a vcf\n"u8.ToArray());
        var mail = await WaitForMailAsync(app, browser.Email, $"{jobId} failed");
        StringAssert.Contains(mail.TextBody, "Line 1");
    }

    [TestMethod]
    public async Task AResultDeliveredAgainDoesNotEmailItsOwnerAgain()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf")));
        await WaitForMailAsync(app, browser.Email, $"{jobId} is complete");
        await Wait.UntilAsync(async () => (await app.Services.GetJob(jobId)).NotifiedStatus == JobStatus.Completed,
            $"job {jobId} records that its owner was emailed");

        // A result published again (its worker died before recording the publication) or delivered twice by the queue.
        var job = await app.Services.GetJob(jobId);
        var again = new QueueMessage("again", MessageJson.Serialize(new JobResult(jobId, job.UserId, "COMPLETED", job.CompleteTime!.Value)), "r", 2);
        await app.InScopeAsync(sp => sp.GetRequiredService<ResultsNotifier>().HandleAsync(again, CancellationToken.None));

        Assert.AreEqual(1, await MailCountAsync(app, $"{jobId} is complete"), "one email per job and outcome");
    }

    [TestMethod]
    public async Task ANotificationWhoseMessageDiedInTheDeadLetterQueueIsStillSent()
    {
        // No util role: nothing drains the notify queue, so its message can be moved to the dead-letter queue by hand.
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web,annotator", ["Gas:Util:DrainDuration"] = "00:00:01" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var messaging = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var queue = app.Services.GetRequiredService<IQueue>();
        var result = await Wait.ForAsync(async () => await queue.ReceiveAsync(messaging.ResultsNotifyQueue, 1, TimeSpan.Zero) is [var first] ? first : null,
            "the job's result reaches the notify queue");
        await queue.SendAsync(messaging.ResultsNotifyQueue + "-dlq", result.Body);
        await queue.DeleteAsync(messaging.ResultsNotifyQueue, result.ReceiptHandle);

        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ResultsNotifier>().DrainDeadLettersAsync(CancellationToken.None);
            return 0;
        });

        Assert.AreEqual(1, await MailCountAsync(app, $"{jobId} is complete"));
        Assert.AreEqual(JobStatus.Completed, (await app.Services.GetJob(jobId)).NotifiedStatus);
    }

    [TestMethod]
    public async Task TwoNotifiersHandlingOneResultAtOnceEmailItsOwnerOnce()
    {
        // No util role: the test holds the job's result message and hands it to two notifiers, the second while the first sends.
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web,annotator" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var queue = app.Services.GetRequiredService<IQueue>();
        var notifyQueue = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.ResultsNotifyQueue;
        var result = await Wait.ForAsync(async () => await queue.ReceiveAsync(notifyQueue, 1, TimeSpan.Zero) is [var first] ? first : null,
            "the job's result reaches the notify queue");

        var second = MessageDisposition.Handled;
        var first = await app.InScopeAsync(sp =>
        {
            var sender = new SecondNotifierWhileSending(sp.GetRequiredService<IEmailSender>(), async () =>
                second = await app.InScopeAsync(inner => inner.GetRequiredService<ResultsNotifier>().HandleAsync(result, CancellationToken.None)));
            return ActivatorUtilities.CreateInstance<ResultsNotifier>(sp, sender).HandleAsync(result, CancellationToken.None);
        });

        Assert.AreEqual(MessageDisposition.Handled, first);
        Assert.AreEqual(MessageDisposition.Later, second, "the second notifier leaves its copy for later");
        Assert.AreEqual(1, await MailCountAsync(app, $"{jobId} is complete"), "one email, though two notifiers held the result at once");
        Assert.AreEqual(MessageDisposition.Handled,
            await app.InScopeAsync(sp => sp.GetRequiredService<ResultsNotifier>().HandleAsync(result, CancellationToken.None)),
            "once recorded, the left copy is handled without an email");
        Assert.AreEqual(1, await MailCountAsync(app, $"{jobId} is complete"));
    }

    /// <summary>The real sender, which runs a second notifier to its end as its first send begins: two drains at once, in a fixed order.</summary>
    private sealed class SecondNotifierWhileSending(IEmailSender inner, Func<Task> secondNotifier) : IEmailSender
    {
        private Func<Task>? _pending = secondNotifier;

        public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } second)
            {
                await second();
            }

            await inner.SendAsync(message, ct);
        }
    }

    private static async Task<int> MailCountAsync(GasAppFactory app, string subjectPart)
    {
        var count = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"))
        {
            count += ((await MimeMessage.LoadAsync(path)).Subject ?? "").Contains(subjectPart, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }
}
