using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Annotate;

/// <summary>Where the embedded store sends a browser whose upload was over its plan's limit (the form posted without script).</summary>
public sealed class TooLargeModel : PageModel
{
    public bool IsPremium { get; private set; }

    public void OnGet()
    {
        IsPremium = User.IsPremium();
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
    }
}
