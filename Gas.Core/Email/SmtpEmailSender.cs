using Gas.Core.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Gas.Core.Email;

/// <summary>Sends through an SMTP server with MailKit: SES's SMTP interface in AWS, any relay or a test server locally.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var settings = options.Value.Smtp ?? throw new InvalidOperationException("Gas:Email:Smtp is not configured.");
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port,
            settings.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }

        await client.SendAsync(MimeMessages.Build(message, options.Value), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
