using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>The job page's "Re-annotate" button: a new job from a finished job's input, owner only (404 for anyone else).</summary>
public sealed class ReannotateModel(JobAccess access, Reannotation reannotation, PlanWords plans) : PageModel
{
    public string Problem { get; private set; } = "";
    public bool OfferUpgrade { get; private set; }
    public string JobId { get; private set; } = "";

    public IActionResult OnGet(string id) => Redirect($"/annotations/{Uri.EscapeDataString(id)}");

    public async Task<IActionResult> OnPostAsync(string id, string? build, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(User, id, ct);
        if (job is null)
        {
            return NotFound();
        }

        if (!JobSubmission.TryParseBuild(build, out var genomeBuild))
        {
            return BadRequest();
        }

        JobId = job.JobId;
        if (!job.IsFinished)
        {
            Problem = "This job has not finished yet; it can be annotated again once it has.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var (error, newJobId) = await reannotation.SubmitAsync(job, User.IsPremium(), genomeBuild, ct);
        switch (error)
        {
            case ReannotationError.None:
                TempData["Message"] = $"{job.InputFileName} is being annotated again as a new job.";
                return Redirect($"/annotations/{newJobId}");
            case ReannotationError.TooLarge:
                Problem = $"This input is larger than the Free plan allows ({plans.FreeMaxInput}). Upgrade to Premium to annotate it again.";
                OfferUpgrade = true;
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Page();
            default:
                Problem = $"The input file {job.InputFileName} is no longer in storage, so this job cannot be annotated again. Upload the file again to annotate it.";
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
        }
    }
}
