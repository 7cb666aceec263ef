using MimeKit;

namespace Gas.Tests.Support;

/// <summary>The embedded mail pickup folder (<c>mail/*.eml</c> in the app's data directory), read as a mail client would.</summary>
public static class MailFolder
{
    /// <summary>Waits (see <see cref="Wait"/>) for a message to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public static async Task<MimeMessage> WaitForAsync(GasAppFactory app, string to, string subjectPart)
    {
        MimeMessage? found = null;
        await Wait.UntilAsync(async () =>
        {
            var folder = Path.Combine(app.DataDirectory, "mail");
            if (!Directory.Exists(folder))
            {
                return false;
            }

            foreach (var path in Directory.GetFiles(folder, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(path);
                if (message.To.Mailboxes.Any(m => m.Address == to) && (message.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))
                {
                    found = message;
                    return true;
                }
            }

            return false;
        }, $"an email to {to} about '{subjectPart}'");
        return found!;
    }
}
