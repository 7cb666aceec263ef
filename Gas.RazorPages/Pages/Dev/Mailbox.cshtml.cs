using Gas.Core.Email;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Dev;

/// <summary>The mail this deployment keeps, if it keeps any: each user sees their own, administrators see all.</summary>
public sealed class MailboxModel(IMailbox mailbox) : PageModel
{
    /// <summary>How many messages the page shows at most (after filtering by recipient).</summary>
    public const int PageSize = 200;

    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];

    public string Description => mailbox.Description;

    public bool IsAvailable => mailbox.IsAvailable;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!mailbox.IsAvailable)
        {
            // The page exists, the mailbox does not: say where mail goes instead.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var recipient = User.IsInRole(GasRoles.Admin) ? null : User.Identity?.Name ?? "";
        Messages = await mailbox.NewestAsync(recipient, PageSize, ct);
        return Page();
    }
}
