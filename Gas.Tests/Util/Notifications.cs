using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
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
    public async Task ARequestThatDiedInTheDeadLetterQueueMarksItsJobFailed()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        var job = await app.Services.GetJob(jobId);

        await app.InScopeAsync(async sp =>
        {
            var drain = sp.GetRequiredService<DeadLetterDrain>();
            var queue = sp.GetRequiredService<IQueue>();
            await queue.SendAsync(drain.DeadLetterQueue, MessageJson.Serialize(JobRequest.For(job)));
            var messages = await queue.ReceiveAsync(drain.DeadLetterQueue, 1, TimeSpan.Zero);
            return await drain.HandleAsync(messages[0], CancellationToken.None);
        });

        var failed = await app.Services.GetJob(jobId);
        Assert.AreEqual(JobStatus.Failed, failed.Status);
        StringAssert.Contains(failed.FailureReason, "could not process this job");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{jobId}"), "could not process this job");
        var notify = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.ResultsNotifyQueue;
        Assert.HasCount(1, await app.Services.GetRequiredService<IQueue>().ReceiveAsync(notify, 10, TimeSpan.Zero), "the owner is told");
    }
}
