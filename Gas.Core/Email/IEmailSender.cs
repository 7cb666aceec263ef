namespace Gas.Core.Email;

/// <summary>Sends one email to one person.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>An email with a plain-text body and an optional HTML body.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);
