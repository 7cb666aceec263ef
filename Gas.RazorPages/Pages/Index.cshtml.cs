using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
