using Gas.Core.Email;
using MimeKit;

namespace Gas.Core.Embedded;

/// <summary>The pickup folder read back as a mailbox: what <see cref="PickupFolderEmailSender"/> wrote, newest first.</summary>
public sealed class PickupFolderMailbox(PickupFolderEmailSender sender) : IMailbox
{
    public bool IsAvailable => true;

    public string Description => $"Emails written to the pickup folder {sender.Folder}.";

    public async Task<IReadOnlyList<MailboxMessage>> NewestAsync(string? recipient, int count, CancellationToken ct = default)
    {
        var messages = new List<MailboxMessage>();
        if (!Directory.Exists(sender.Folder))
        {
            return messages;
        }

        // File names start with the sending time, so name order is time order. Filter first, then take the newest.
        foreach (var path in Directory.EnumerateFiles(sender.Folder, "*.eml").OrderDescending())
        {
            if (messages.Count >= count)
            {
                break;
            }

            using var mime = await MimeMessage.LoadAsync(path, ct);
            var to = mime.To.Mailboxes.Select(m => m.Address).ToList();
            if (recipient is null || to.Contains(recipient, StringComparer.OrdinalIgnoreCase))
            {
                messages.Add(new MailboxMessage(string.Join(", ", to), mime.From.Mailboxes.FirstOrDefault()?.Address ?? "",
                    mime.Subject ?? "", mime.TextBody ?? "", mime.Date, mime.HtmlBody, mime.MessageId));
            }
        }

        return messages;
    }
}
