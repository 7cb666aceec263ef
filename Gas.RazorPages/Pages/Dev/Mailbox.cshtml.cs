using Gas.Core.Email;
using Gas.Core.Embedded;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace Gas.RazorPages.Pages.Dev;

/// <summary>Shows the emails the pickup-folder sender wrote: each user sees their own, administrators see all.</summary>
public sealed class MailboxModel(IEmailSender sender) : PageModel
{
    public sealed record Mail(string To, string Subject, string Text, long Date);

    public IReadOnlyList<Mail> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (sender is not PickupFolderEmailSender pickup)
        {
            return NotFound();
        }

        var email = User.Identity?.Name;
        var everyone = User.IsInRole(GasRoles.Admin);
        var messages = new List<Mail>();
        if (Directory.Exists(pickup.Folder))
        {
            foreach (var path in Directory.EnumerateFiles(pickup.Folder, "*.eml").OrderDescending().Take(200))
            {
                using var message = await MimeMessage.LoadAsync(path, ct);
                var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
                if (everyone || message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
                {
                    messages.Add(new Mail(to, message.Subject ?? "", message.TextBody ?? "", message.Date.ToUnixTimeSeconds()));
                }
            }
        }

        Messages = messages;
        return Page();
    }
}
