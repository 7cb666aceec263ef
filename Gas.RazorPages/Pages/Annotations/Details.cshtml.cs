using Gas.Core.Jobs;
using Gas.Core.VariantIndex;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

public sealed class DetailsModel(JobAccess access, ResultsAvailability availability, ResultsIndexStore indexes) : PageModel
{
    public AnnotationJob Job { get; private set; } = null!;
    public ResultsAccess Access { get; private set; }

    /// <summary>What was found, from the results index; null before completion or when no index can be had.</summary>
    public SummaryView? Summary { get; private set; }

    /// <summary>A Free user's download window while it is open: when it closes and how long that is from now.</summary>
    public (DateTimeOffset Closes, TimeSpan Left)? DownloadWindow { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        Access = availability.For(job, User.IsPremium());
        if (Access != ResultsAccess.NotReady && await indexes.OpenAsync(job, needVariants: false, ct) is { } lease)
        {
            HttpContext.Response.RegisterForDispose(lease);
            Summary = new SummaryView(job.JobId, lease.Index.Info.ForJobBuild(job.GenomeBuild), lease.Index.Summary(new VariantFilter()), new VariantTableQuery(),
                Access == ResultsAccess.Downloadable);
        }

        DownloadWindow = availability.DownloadWindow(job, User.IsPremium());
        return Page();
    }

    /// <summary>The job's status for the pages' refresh script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        return job is null
            ? NotFound()
            : new JsonResult(new { id = job.JobId, status = job.Status.ToStoredName(), finished = job.IsFinished, archive = job.ArchiveState.ToString() });
    }
}
