using Gas.Core.Storage;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>Sends the owner to a short-lived signed URL for the annotated VCF.</summary>
public sealed class ResultsModel(JobAccess access, IObjectStore objects, ResultsAvailability availability) : PageModel
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(2);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        var state = availability.For(job, User.IsPremium());
        if (state != ResultsAccess.Downloadable || job.ResultsBucket is null || string.IsNullOrEmpty(job.ResultKey))
        {
            TempData["Message"] = state switch
            {
                ResultsAccess.UpgradeRequired => "Free results can be downloaded for a limited time after the job completes. Upgrade to Premium to download them.",
                ResultsAccess.BeingRestored => "These results are being restored from the archive; try again shortly.",
                _ => "The results are not ready yet.",
            };
            return Redirect($"/annotations/{job.JobId}");
        }

        var fileName = job.ResultKey[(job.ResultKey.LastIndexOf('~') + 1)..];
        var url = await objects.GetDownloadUrlAsync(job.ResultsBucket, job.ResultKey, fileName, LinkLifetime, ct);
        return Redirect(url.ToString());
    }
}
