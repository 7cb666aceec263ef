using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>Sends the owner to a short-lived signed URL for the annotated VCF.</summary>
public sealed class ResultsModel(JobAccess access, IObjectStore objects) : PageModel
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(2);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        if (job.Status != JobStatus.Completed || job.ResultsBucket is null || string.IsNullOrEmpty(job.ResultKey))
        {
            TempData["Message"] = "The results are not ready yet.";
            return Redirect($"/annotations/{job.JobId}");
        }

        var fileName = job.ResultKey[(job.ResultKey.LastIndexOf('~') + 1)..];
        var url = await objects.GetDownloadUrlAsync(job.ResultsBucket, job.ResultKey, fileName, LinkLifetime, ct);
        return Redirect(url.ToString());
    }
}
