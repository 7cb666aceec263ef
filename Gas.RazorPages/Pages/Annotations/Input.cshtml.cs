using Gas.Core.Storage;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>Sends the owner to a short-lived signed URL for the VCF they submitted (inputs are never archived).</summary>
public sealed class InputModel(JobAccess access, IObjectStore objects) : PageModel
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(2);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        var url = await objects.GetDownloadUrlAsync(job.InputsBucket, job.InputKey, job.InputFileName, LinkLifetime, ct);
        return Redirect(url.ToString());
    }
}
