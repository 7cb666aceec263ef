using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>
/// The job's variants, filtered, sorted and paged on the server (50 a page), with the summary of what the filter matches;
/// <c>format=tsv|vcf</c> streams the matching rows instead. Refused, as the results download is, when the results cannot be downloaded.
/// </summary>
public sealed class VariantsModel(JobAccess access, ResultsAvailability availability, ResultsIndexStore indexes, IObjectStore objects) : PageModel
{
    public const int PageSize = 50;

    public AnnotationJob Job { get; private set; } = null!;
    public VariantTableQuery Query { get; private set; } = new();
    public ResultsIndexInfo Info { get; private set; } = null!;
    public VariantPage Variants { get; private set; } = null!;

    /// <summary>The whole job's summary: the filter form offers its classes and chromosomes.</summary>
    public ResultsSummary Whole { get; private set; } = new();

    public SummaryView Summary => new(Job.JobId, Info, Variants.Summary, Query, CanBrowse: true);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        var state = availability.For(job, User.IsPremium());
        if (state != ResultsAccess.Downloadable)
        {
            TempData["Message"] = state switch
            {
                ResultsAccess.UpgradeRequired => "Free results can be browsed and downloaded for a limited time after the job completes. Upgrade to Premium to see the variant table and filtered downloads.",
                ResultsAccess.BeingRestored => "These results are being restored from the archive; the variant table opens again once they are back.",
                _ => "The results are not ready yet.",
            };
            return Redirect($"/annotations/{job.JobId}");
        }

        Query = VariantTableQuery.Parse(Request.Query);
        if (Query.Format is not null && Query.Problems.Count > 0)
        {
            return BadRequest(string.Join(" ", Query.Problems));
        }

        var lease = await indexes.OpenAsync(job, needVariants: true, ct);
        if (lease is null)
        {
            TempData["Message"] = "The variants of this job cannot be read: its results are missing from storage.";
            return Redirect($"/annotations/{job.JobId}");
        }

        if (Query.Format is { } format)
        {
            return new VariantDownload(lease, job, Query.Filter, Query.Sort, format, objects);
        }

        HttpContext.Response.RegisterForDispose(lease);
        Info = lease.Index.Info.ForJobBuild(Job.GenomeBuild);
        Whole = lease.Index.Summary(new VariantFilter());
        Variants = lease.Index.Page(Query.Filter, Query.Sort, Query.Page, PageSize);
        return Page();
    }

    /// <summary>The page only reads: a POST is not allowed for the owner, and another user's job is not there at all.</summary>
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct) =>
        await access.FindOwnAsync(User, id, ct) is null ? NotFound() : StatusCode(StatusCodes.Status405MethodNotAllowed);

    public string Link(VariantTableQuery query) => $"/annotations/{Job.JobId}/variants{query.ToQueryString()}";
}
