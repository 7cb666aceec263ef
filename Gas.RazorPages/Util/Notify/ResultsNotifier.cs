using System.Globalization;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Text;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Queues;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Notify;

/// <summary>
/// Emails users when their jobs finish, draining the results-notify queue. One email per job and outcome: the job records
/// the outcome it was emailed about, and a message for an outcome already recorded (a redelivery, a result published again)
/// sends nothing. Before sending, a notifier claims the email on the job for <see cref="UtilOptions.NotifyLease"/>, so two
/// drains that hold copies of one result at once (a message whose visibility ran out while the first was still sending) do
/// not both send: the second leaves its copy for later, when the record is there. The email goes out before the record is
/// written, so delivery is at least once: a process killed between the SMTP server's acceptance and the record sends the
/// email again once its claim runs out (a gap of one conditional write), with the same Message-ID, so it is the same
/// message sent twice rather than a second email (mail stores that suppress duplicates show it once), while the other order
/// would lose the email for good whenever the process died or SMTP failed after the record was written.
/// </summary>
public sealed class ResultsNotifier(
    QueueDrain drain,
    IJobStore jobs,
    UserDirectory users,
    IEmailSender email,
    IOptions<MessagingOptions> messaging,
    PublicAddress address,
    IOptions<RetentionOptions> retention,
    IOptions<UtilOptions> util,
    TimeProvider time,
    ILogger<ResultsNotifier> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public Task DrainAsync(CancellationToken ct) => drain.DrainAsync(messaging.Value.ResultsNotifyQueue, HandleAsync, ct);

    [AutomaticRetry(Attempts = 0)]
    public Task DrainDeadLettersAsync(CancellationToken ct) => drain.DrainDeadLettersAsync(messaging.Value.ResultsNotifyQueue, (_, message, token) => HandleAsync(message, token), ct);

    public async Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var result = MessageJson.Deserialize<JobResult>(message.Body);
        var job = await jobs.GetAsync(result.JobId, ct);
        var user = await users.FindAsync(result.UserId, ct);
        if (job is null || user is null || string.IsNullOrEmpty(user.Email))
        {
            logger.LogWarning("No job or user to notify for {JobId}", result.JobId);
            return MessageDisposition.Handled;
        }

        if (!job.IsFinished || job.NotifiedStatus == job.Status)
        {
            logger.LogInformation("Job {JobId}: its owner was already emailed about {Status}; nothing to send", job.JobId, job.Status.ToStoredName());
            return MessageDisposition.Handled;
        }

        var now = time.GetUtcNow();
        if (!await jobs.TryBeginNotifyAsync(job.JobId, job.Status, now.ToUnixTimeSeconds(), now.Add(util.Value.NotifyLease).ToUnixTimeSeconds(), ct))
        {
            if ((await jobs.GetAsync(job.JobId, ct))?.NotifiedStatus == job.Status)
            {
                return MessageDisposition.Handled;
            }

            logger.LogInformation("Job {JobId}: another notifier is emailing its owner about {Status}; looking again later", job.JobId, job.Status.ToStoredName());
            return MessageDisposition.Later;
        }

        var link = address.Link($"/annotations/{job.JobId}");
        var window = job.Status == JobStatus.Completed ? await DownloadWindowAsync(job, ct) : "";
        var (subject, text) = job.Status == JobStatus.Failed
            ? ($"GAS: annotation job {job.JobId} failed",
               $"Hello {user.Name},\n\nYour annotation job {job.JobId} for {job.InputFileName} failed:\n{job.FailureReason}\n\nDetails: {link}\n")
            : ($"GAS: annotation job {job.JobId} is complete",
               $"Hello {user.Name},\n\nYour annotation job {job.JobId} for {job.InputFileName} is complete.{window}\n\nView the log and download the results: {link}\n");
        var html = $"<p>Hello {System.Net.WebUtility.HtmlEncode(user.Name)},</p><p>{System.Net.WebUtility.HtmlEncode(text.Split("\n\n")[1])}</p>" +
                   $"<p><a href=\"{link}\">Annotation job {job.JobId}</a></p>";
        // one identity per job and outcome: an email sent again after a crash between acceptance and record is the same message
        await email.SendAsync(new EmailMessage(user.Email, subject, text, html, $"job-{job.JobId}.{job.Status.ToStoredName().ToLowerInvariant()}"), ct);
        await jobs.TryMarkNotifiedAsync(job.JobId, job.Status, ct);
        return MessageDisposition.Handled;
    }

    /// <summary>" Download available until 14:05 UTC (in 5 min)." for a Free user (emails know no time zone); empty for Premium.</summary>
    private async Task<string> DownloadWindowAsync(AnnotationJob job, CancellationToken ct)
    {
        if (await users.IsPremiumAsync(job.UserId, ct) || FreeWindow.Of(retention.Value).ClosesAt(job) is not { } closes)
        {
            return "";
        }

        var now = time.GetUtcNow();
        var format = closes.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $" Download available until {closes.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)} UTC ({Humanize.TimeLeft(closes - now)}).";
    }
}
