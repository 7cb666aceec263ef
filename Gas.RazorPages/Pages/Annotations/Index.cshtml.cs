using Gas.Core.Jobs;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>The signed-in user's jobs, newest first, in pages; optionally only those whose name or file name contains <c>q</c>.</summary>
public sealed class AnnotationsModel(IJobStore jobs) : PageModel
{
    private const int PageSize = 25;

    public IReadOnlyList<JobListItem> Jobs { get; private set; } = [];
    public string? NextPageToken { get; private set; }
    public string? Query { get; private set; }
    public bool IsFirstPage { get; private set; } = true;

    /// <summary>Where the page's script fetches the first page's rows again (same search).</summary>
    public string RowsUrl => "/annotations?handler=Rows" + (Query is null ? "" : "&q=" + Uri.EscapeDataString(Query));

    public string PageUrl(string? after)
    {
        var query = new List<string>();
        if (Query is not null)
        {
            query.Add("q=" + Uri.EscapeDataString(Query));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        return query.Count == 0 ? "/annotations" : "/annotations?" + string.Join('&', query);
    }

    public async Task<IActionResult> OnGetAsync(string? q, string? after, CancellationToken ct) =>
        await LoadAsync(q, after, ct) ?? Page();

    /// <summary>The first page's rows alone, for the open list to pick up jobs submitted elsewhere; the owner's only.</summary>
    public async Task<IActionResult> OnGetRowsAsync(string? q, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(q, null, ct) ?? Partial("_JobRows", Jobs);
    }

    private async Task<IActionResult?> LoadAsync(string? q, string? after, CancellationToken ct)
    {
        var userId = JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        Query = JobNames.SearchTerm(q) is null ? null : q!.Trim();
        IsFirstPage = after is null;
        JobListPage result;
        try
        {
            result = await jobs.ListItemsByUserAsync(userId, Query, PageSize, after, ct);
        }
        catch (ArgumentException)
        {
            return BadRequest();
        }

        Jobs = result.Items;
        NextPageToken = result.NextPageToken;
        return null;
    }
}
