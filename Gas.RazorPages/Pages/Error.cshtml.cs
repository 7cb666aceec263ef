using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "The request could not be completed. Please try again.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Explanation) = code switch
        {
            404 => ("Not found", "There is nothing here, or it is not yours to see."),
            403 => ("Not allowed", "Your account cannot open this page."),
            400 => ("Bad request", "The request was not understood; if you submitted a form, reload the page and try again."),
            405 => ("Not allowed here", "This page cannot be used that way; open it from the site's links instead."),
            507 => ("Storage is full", "The service has run out of disk space, so nothing was saved. Please try again later."),
            _ => (Title, Explanation),
        };
    }
}
