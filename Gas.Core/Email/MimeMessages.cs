using Gas.Core.Configuration;
using MimeKit;

namespace Gas.Core.Email;

/// <summary>Builds the MIME form of an <see cref="EmailMessage"/> from the configured sender.</summary>
public static class MimeMessages
{
    public static MimeMessage Build(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId switch
        {
            null => MimeKit.Utils.MimeUtils.GenerateMessageId(SenderDomain(options)),
            var id when id.Contains('@', StringComparison.Ordinal) => id,
            var local => $"{local}@{SenderDomain(options)}",
        };
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>The domain of the configured sender, for Message-IDs (<c>job-42.completed@gas.example</c>).</summary>
    private static string SenderDomain(EmailOptions options) =>
        MailboxAddress.Parse(options.From).Domain is { Length: > 0 } domain ? domain : "localhost";
}
