using Gas.Core.Jobs;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

public sealed class AnnotationsModel(IJobStore jobs) : PageModel
{
    private const int PageSize = 25;

    public IReadOnlyList<AnnotationJob> Jobs { get; private set; } = [];
    public string? NextPageToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? after, CancellationToken ct)
    {
        var userId = JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        JobPage result;
        try
        {
            result = await jobs.ListByUserAsync(userId, PageSize, after, ct);
        }
        catch (ArgumentException)
        {
            return BadRequest();
        }

        Jobs = result.Jobs;
        NextPageToken = result.NextPageToken;
        return Page();
    }
}
