using Gas.RazorPages.Accounts;
using Gas.RazorPages.Infrastructure;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotate;

public sealed class AnnotateModel(JobSubmission submission) : PageModel
{
    public UploadForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        var redirect = Url.PageLink("/Annotate/Job") ?? throw new InvalidOperationException("No route to /annotate/job.");
        Form = await submission.CreateFormAsync(userId, User.IsPremium(), redirect, ct);
        HttpContext.AllowFormTarget(Form.Post.Url);
        return Page();
    }
}
