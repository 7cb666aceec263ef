using System.Text;
using Gas.Core.Storage;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>Shows the job's log in the page; logs stay available whatever happens to the results.</summary>
public sealed class LogModel(JobAccess access, IObjectStore objects) : PageModel
{
    private const int MaxShownBytes = 1 << 20;

    public string JobId { get; private set; } = "";
    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        JobId = job.JobId;
        if (job.ResultsBucket is null || job.LogKey is null)
        {
            TempData["Message"] = "The log is not available yet.";
            return Redirect($"/annotations/{job.JobId}");
        }

        try
        {
            await using var stream = await objects.OpenReadAsync(job.ResultsBucket, job.LogKey, ct);
            var buffer = new byte[MaxShownBytes];
            var read = await stream.ReadAtLeastAsync(buffer, MaxShownBytes, throwOnEndOfStream: false, ct);
            Text = Encoding.UTF8.GetString(buffer, 0, read) + (read == MaxShownBytes ? "\n… (log truncated)" : "");
        }
        catch (ObjectNotFoundException)
        {
            Text = "The log file could not be found.";
        }

        return Page();
    }
}
