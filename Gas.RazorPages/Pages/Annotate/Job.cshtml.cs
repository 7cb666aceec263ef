using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotate;

/// <summary>Where the object store redirects after a successful upload: creates the job and shows it.</summary>
public sealed class SubmitJobModel(JobSubmission submission, Plans.PlanWords plans) : PageModel
{
    public string Problem { get; private set; } = "";
    public bool OfferUpgrade { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? bucket, string? key, string? build, string? name, CancellationToken ct)
    {
        var userId = JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key) || !JobSubmission.TryParseBuild(build, out var genomeBuild))
        {
            return BadRequest();
        }

        var (error, jobId) = await submission.SubmitAsync(userId, User.IsPremium(), bucket, key, genomeBuild, name, ct);
        switch (error)
        {
            case SubmissionError.None:
                return Redirect($"/annotations/{jobId}");
            case SubmissionError.TooLarge:
                Problem = $"Free accounts can annotate files up to {plans.FreeMaxInput}. Upgrade to Premium to annotate this file.";
                OfferUpgrade = true;
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Page();
            case SubmissionError.MissingUpload:
                Problem = "The uploaded file was not found in storage. Please upload it again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return NotFound();
        }
    }
}
