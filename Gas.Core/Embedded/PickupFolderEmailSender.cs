using Gas.Core.Configuration;
using Gas.Core.Email;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>Writes each email as an <c>.eml</c> file into a pickup folder (listed by the dev-only mailbox page).</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> email, IOptions<EmbeddedOptions> embedded, TimeProvider time) : IEmailSender
{
    public string Folder { get; } = Path.GetFullPath(Path.Combine(embedded.Value.DataDirectory, "mail"));

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        PrivateFiles.CreateDirectory(Folder);
        var mime = MimeMessages.Build(message, email.Value);
        mime.Date = time.GetUtcNow();
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Folder, name + ".tmp");
        await mime.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(Folder, name));
    }
}
