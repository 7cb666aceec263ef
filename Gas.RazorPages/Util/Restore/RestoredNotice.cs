using System.Net;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;

namespace Gas.RazorPages.Util.Restore;

/// <summary>Tells the owner that a job's results are back from the archive and can be downloaded (sent once, by the thaw that did it).</summary>
public sealed class RestoredNotice(UserDirectory users, IEmailSender email, PublicAddress address, ILogger<RestoredNotice> logger)
{
    public async Task SendAsync(AnnotationJob job, CancellationToken ct)
    {
        var user = await users.FindAsync(job.UserId, ct);
        if (user is null || string.IsNullOrEmpty(user.Email))
        {
            logger.LogWarning("No user to tell that job {JobId} is restored", job.JobId);
            return;
        }

        var link = address.Link($"/annotations/{job.JobId}");
        var what = $"The results of your annotation job {job.JobId} for {job.InputFileName} are restored from the archive and can be downloaded again.";
        var text = $"Hello {user.Name},\n\n{what}\n\nDownload them: {link}\n";
        var html = $"<p>Hello {WebUtility.HtmlEncode(user.Name)},</p><p>{WebUtility.HtmlEncode(what)}</p>" +
                   $"<p><a href=\"{link}\">Download the results of job {job.JobId}</a></p>";
        await email.SendAsync(new EmailMessage(user.Email, $"GAS: results of job {job.JobId} are restored", text, html), ct);
    }
}
